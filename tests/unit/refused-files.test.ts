import { describe, expect, it } from 'vitest';
import { RefusedFiles } from '../../electron/core/sync/refused-files';

const MINUTE = 60_000;
const SHA = 'a'.repeat(64);

describe('files the hub sent damaged', () => {
  it('wait longer after each damaged copy, at most an hour, and not at all once one is accepted', () => {
    // random() = 1: the whole delay, no jitter.
    const refused = new RefusedFiles(() => 1);
    const waits = [1, 2, 3, 4, 5, 6].map(() => refused.refuse(SHA, 'damaged', 0) / MINUTE);
    expect(waits).toEqual([5, 10, 20, 40, 60, 60]);
    expect(refused.waiting(SHA, 59 * MINUTE)).toMatchObject({ error: 'damaged', retryAt: 60 * MINUTE });
    expect(refused.waiting(SHA, 60 * MINUTE)).toBeNull();
    expect(refused.waiting('b'.repeat(64), 0)).toBeNull();

    refused.accept(SHA);
    expect(refused.waiting(SHA, 0)).toBeNull();
    expect(refused.refuse(SHA, 'damaged again', 0)).toBe(5 * MINUTE);
  });
});
