/**
 * Splits on `separator` wherever a backslash does not escape it. A backslash escapes the
 * one character after it, a backslash included, so `C:\\;` ends its value at the `;`.
 * The parts keep their escapes, for `unescapeText` once they are split further.
 */
export function splitUnescaped(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i] ?? '';
    if (char === '\\' && i + 1 < text.length) {
      current += char + (text[i + 1] ?? '');
      i++;
    } else if (char === separator) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts;
}

/** Removes backslash escapes in one pass; with `newlines` (vCard), `\n` is a line break. */
export function unescapeText(text: string, newlines: boolean): string {
  return text.replace(/\\(.)/gs, (_, char: string) => (newlines && (char === 'n' || char === 'N') ? '\n' : char));
}
