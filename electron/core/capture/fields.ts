import type { CaptureFields, ScanIssue } from '../../../src/shared/capture';

export type ScannedFields = Partial<CaptureFields>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isEmail(value: string): boolean {
  return EMAIL.test(value);
}

/** Splits "山田 太郎" / "Anna Müller" into family and given name, by script: Japanese names put the family name first. */
export function splitFullName(full: string): { familyName: string; givenName: string } {
  const parts = full
    .trim()
    .split(/[\s\u3000]+/)
    .filter(Boolean);
  if (parts.length < 2) return { familyName: parts[0] ?? '', givenName: '' };
  const japanese = /[\u3040-\u30ff\u3400-\u9fff]/.test(full);
  if (japanese) return { familyName: parts[0] ?? '', givenName: parts.slice(1).join(' ') };
  return { familyName: parts.at(-1) ?? '', givenName: parts.slice(0, -1).join(' ') };
}

/** Adds scanned e-mails and phones, reporting the ones that do not look valid (they are kept for the rep to fix). */
export function addContactPoints(
  fields: ScannedFields,
  issues: ScanIssue[],
  contact: { emails?: string[]; phones?: string[] },
  normalizePhone: (raw: string) => string | null,
): void {
  for (const email of contact.emails ?? []) {
    const value = email.trim();
    if (value === '') continue;
    if (!isEmail(value)) issues.push({ field: 'emails', code: 'EMAIL_INVALID', value });
    fields.emails = [...(fields.emails ?? []), value];
  }
  for (const phone of contact.phones ?? []) {
    const value = phone.trim();
    if (value === '') continue;
    const e164 = normalizePhone(value);
    if (!e164) issues.push({ field: 'phones', code: 'PHONE_INVALID', value });
    fields.phones = [...(fields.phones ?? []), e164 ?? value];
  }
}
