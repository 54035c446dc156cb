/** A lone half of a UTF-16 surrogate pair (text cut in the middle of an emoji, say). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Deeper than any record of the contract nests (touchpoint details are a few levels at most). */
export const MAX_JSON_DEPTH = 64;

const unstorable = (text: string) => text.includes('\u0000') || LONE_SURROGATE.test(text);

/**
 * Why a value cannot be stored as it is, or null when it can: `text` for U+0000 or a lone
 * surrogate, which make the JSON the rows travel in invalid; `depth` for nesting deeper
 * than MAX_JSON_DEPTH, which would overflow the stack of whatever walks it next (the
 * schema's size check, the database's JSON parser). Such input is refused before it goes
 * further, where it would fail a whole batch (or import) with no reason a client can act
 * on. The walk is iterative, so a value nested thousands deep is measured, not followed.
 */
export function unstorableReason(value: unknown): 'text' | 'depth' | null {
  const pending: { item: unknown; depth: number }[] = [{ item: value, depth: 0 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { item, depth } = next;
    if (typeof item === 'string') {
      if (unstorable(item)) return 'text';
      continue;
    }
    if (item === null || typeof item !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH) return 'depth';
    for (const [key, child] of Object.entries(item)) {
      if (!Array.isArray(item) && unstorable(key)) return 'text';
      pending.push({ item: child, depth: depth + 1 });
    }
  }
  return null;
}

/** What a refusal for `unstorableReason` says. */
export const UNSTORABLE_MESSAGES = {
  text: 'contains text that cannot be stored (a NUL character, or half of a surrogate pair)',
  depth: `is nested more than ${MAX_JSON_DEPTH} levels deep`,
} as const;
