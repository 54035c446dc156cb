import parseRange from 'range-parser';

/** `bytes=` followed by one or more ranges (`500-999`, `500-`, `-500`); anything else is not a byte-range request. */
const BYTE_RANGES = /^bytes=\s*(?:\d+-\d*|-\d+)(?:\s*,\s*(?:\d+-\d*|-\d+))*\s*$/;

/**
 * The ranges a `Range` header asks for in a file of `size` bytes (RFC 9110 §14), in file
 * order and merged where they overlap: null when the header is absent, malformed, invalid
 * or in another unit (it is then ignored and the whole file sent), 'unsatisfiable' for a 416. A
 * suffix longer than the file means all of it. Shared by the hub's blob serving and the
 * app's content protocol, so both read a header the same way.
 */
export function byteRanges(
  header: string | null | undefined,
  size: number,
): { start: number; end: number }[] | 'unsatisfiable' | null {
  if (!header || !BYTE_RANGES.test(header)) return null;
  // A range ending before it starts makes the header invalid, not unsatisfiable (§14.1.1).
  if ([...header.matchAll(/(\d+)-(\d+)/g)].some(([, first, last]) => Number(last) < Number(first))) return null;
  const clamped = header.replace(/(=|,)\s*-(\d+)/g, (range, lead: string, suffix: string) =>
    size > 0 && Number(suffix) >= size ? `${lead}0-` : range,
  );
  const ranges = parseRange(size, clamped, { combine: true });
  if (ranges === -1) return 'unsatisfiable';
  return ranges === -2 ? null : ranges.map(({ start, end }) => ({ start, end }));
}
