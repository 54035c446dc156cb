import { describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en';

/** Every English text, by its dotted key. */
function texts(value: unknown, prefix = ''): [string, string][] {
  if (typeof value === 'string') return [[prefix, value]];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => texts(child, prefix ? `${prefix}.${key}` : key));
}

/**
 * English texts with a {{count}} that read right with any number, so they need no _one form
 * ("Failed attempts so far: 1", "Seen by 1"). Add a key here only if that is true of it.
 */
const READS_RIGHT_WITH_ANY_COUNT = [
  'add.counter',
  'capture.capturedCount',
  'library.seenBy',
  'sync.attempts',
  'sync.control.needs_attention',
  'sync.received',
  'viewer.page',
];

const all = new Map(texts(en));
const withCount = [...all].filter(([, text]) => /\{\{\s*count\b/.test(text)).map(([key]) => key);

describe('English texts with a count', () => {
  it('have a form for one and a form for more (i18next picks by the count)', () => {
    const wrong = withCount.filter((key) => {
      const plural = /^(.*)_(one|other)$/.exec(key);
      if (plural) return !all.has(`${plural[1]}_one`) || !all.has(`${plural[1]}_other`);
      return !READS_RIGHT_WITH_ANY_COUNT.includes(key);
    });
    expect(wrong).toEqual([]);
  });

  it('named as reading right with any number are still texts with a count', () => {
    expect(READS_RIGHT_WITH_ANY_COUNT.filter((key) => !withCount.includes(key))).toEqual([]);
  });
});
