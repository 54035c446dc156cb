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
