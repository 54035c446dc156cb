/** Dates and numbers in the UI language, so 2026/11/28 reads as Japanese users expect and Nov 28, 2026 as English. */
export function formatDateTime(ms: number, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(ms);
}

export function formatDate(ms: number, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium' }).format(ms);
}

/** Value for an <input type="datetime-local"> in local time. */
export function toLocalInputValue(ms: number): string {
  const date = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Time of day, or date and time when it was not today. */
export function formatWhen(ms: number, language: string, today = new Date()): string {
  const date = new Date(ms);
  const sameDay = date.toDateString() === today.toDateString();
  return new Intl.DateTimeFormat(
    language,
    sameDay ? { timeStyle: 'short' } : { dateStyle: 'short', timeStyle: 'short' },
  ).format(date);
}

const SIZE_UNITS = [
  ['gigabyte', 2 ** 30],
  ['megabyte', 2 ** 20],
  ['kilobyte', 2 ** 10],
] as const;

/**
 * How far a transfer has come, "312 / 900 kB": both numbers in the unit the total reads
 * best in (kB at least), so a small file does not show as "0 MB / 0 MB".
 */
export function formatTransfer(done: number, total: number, language: string): string {
  const [unit, size] = SIZE_UNITS.find(([, bytes]) => total >= bytes) ?? SIZE_UNITS[2];
  const digits = { maximumFractionDigits: 1 };
  const number = new Intl.NumberFormat(language, digits).format(done / size);
  return `${number} / ${new Intl.NumberFormat(language, { ...digits, style: 'unit', unit }).format(total / size)}`;
}
