import { describe, expect, it } from 'vitest';
import { toLocalInputValue } from '../../src/lib/format';

describe('toLocalInputValue', () => {
  it('gives the local date and time, not UTC (a new event defaults to the rep’s today)', () => {
    // 08:05 local on Nov 28: in Tokyo that is still Nov 27 in UTC, which toISOString would give.
    expect(toLocalInputValue(new Date(2026, 10, 28, 8, 5).getTime())).toBe('2026-11-28T08:05');
    expect(toLocalInputValue(new Date(2026, 10, 28, 23, 59).getTime())).toBe('2026-11-28T23:59');
  });
});
