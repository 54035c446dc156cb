/** A lone half of a UTF-16 surrogate pair (text cut in the middle of an emoji, say). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const unstorable = (text: string) => text.includes('\u0000') || LONE_SURROGATE.test(text);

/**
 * Whether a value holds text PostgreSQL cannot store: U+0000, or a lone surrogate, which
 * makes the JSON the rows travel in invalid. Such input is refused before it reaches the
 * database, where it would fail a whole batch (or import) with no reason a client can act on.
 */
export function hasUnstorableText(value: unknown): boolean {
  if (typeof value === 'string') return unstorable(value);
  if (Array.isArray(value)) return value.some(hasUnstorableText);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).some(([key, item]) => unstorable(key) || hasUnstorableText(item));
  }
  return false;
}
