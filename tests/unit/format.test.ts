import { describe, expect, it } from 'vitest';
import { formatTransfer, toLocalInputValue } from '../../src/lib/format';

describe('toLocalInputValue', () => {
  it('gives the local date and time, not UTC (a new event defaults to the rep’s today)', () => {
    // 08:05 local on Nov 28: in Tokyo that is still Nov 27 in UTC, which toISOString would give.
    expect(toLocalInputValue(new Date(2026, 10, 28, 8, 5).getTime())).toBe('2026-11-28T08:05');
    expect(toLocalInputValue(new Date(2026, 10, 28, 23, 59).getTime())).toBe('2026-11-28T23:59');
  });
});

describe('formatTransfer', () => {
  it('shows both numbers in the unit the total reads best in, in the UI language', () => {
    expect(formatTransfer(0, 300, 'en')).toBe('0 / 0.3 kB');
    expect(formatTransfer(150_000, 300_000, 'en')).toBe('146.5 / 293 kB');
    expect(formatTransfer(5 * 2 ** 20, 40.25 * 2 ** 20, 'en')).toBe('5 / 40.3 MB');
    expect(formatTransfer(2 ** 29, 2 ** 30, 'en')).toBe('0.5 / 1 GB');
    expect(formatTransfer(1_500_000, 1_234_567_890, 'ja')).toBe('0 / 1.1 GB');
  });
});
