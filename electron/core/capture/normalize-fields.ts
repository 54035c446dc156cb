import type { CaptureFields } from '../../../src/shared/capture';
import { toE164 } from './phone';

/** The same address however it was written: ｉｃｈｉｒｏ＠… typed with a Japanese IME, or Ichiro@… . */
export const emailKey = (email: string): string => email.normalize('NFKC').trim().toLowerCase();

/** Each item once, by `key`, in the order first written. */
function uniqueBy(items: readonly string[], key: (item: string) => string): string[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * Capture fields as they are matched and stored: e-mails in half-width characters, phones
 * in E.164 like every phone the hub, the demo data and the scanner produce (03-5555-1234,
 * ０３－５５５５－１２３４ and +81 3-5555-1234 are one number); a phone that is not a valid
 * number stays as written, so nothing the visitor said is lost.
 */
export function normalizeCaptureFields<T extends Pick<CaptureFields, 'emails' | 'phones'>>(
  fields: T,
  phoneRegion: string,
): T {
  const emails = uniqueBy(
    fields.emails.map((email) => email.normalize('NFKC').trim()),
    emailKey,
  );
  const phones = uniqueBy(
    fields.phones.map((phone) => toE164(phone, phoneRegion) ?? phone.normalize('NFKC').trim()),
    (phone) => phone,
  );
  return { ...fields, emails, phones };
}

/**
 * `existing` with the items of `added` it does not hold yet (by `key`), up to `max` items:
 * a contact's list on the hub holds at most ten, and an update beyond that would be refused.
 */
export function mergeLists(
  existing: readonly string[],
  added: readonly string[],
  key: (item: string) => string,
  max: number,
): string[] {
  const known = new Set(existing.map(key));
  const fresh = uniqueBy(added, key).filter((item) => !known.has(key(item)));
  return [...existing, ...fresh.slice(0, Math.max(0, max - existing.length))];
}
