import type { CaptureFields, CaptureFieldsInput, ScanResult } from '../../shared/capture';

/** The form's own state: lists are edited as text, everything else as in CaptureFields. */
export interface CaptureFormState extends Omit<CaptureFields, 'emails' | 'phones' | 'addressLines'> {
  emails: string;
  phones: string;
  address: string;
}

export const EMPTY_FORM: CaptureFormState = {
  familyName: '',
  givenName: '',
  familyKana: '',
  givenKana: '',
  company: '',
  companyKana: '',
  title: '',
  department: '',
  emails: '',
  phones: '',
  address: '',
  notes: '',
  interests: [],
  answers: {},
  rating: null,
  consent: { given: false, method: null },
  followUp: { kind: 'none', contentVersionIds: [] },
  cardGiven: false,
  source: 'typed',
  match: { contactId: null, accountId: null },
};

const list = (text: string, separator: RegExp) =>
  text
    .split(separator)
    .map((item) => item.trim())
    .filter(Boolean);

export function toFields(form: CaptureFormState): CaptureFieldsInput {
  const { emails, phones, address, ...rest } = form;
  return {
    ...rest,
    emails: list(emails, /[,;、\s]+/),
    phones: list(phones, /[,;、]+/),
    addressLines: list(address, /\n/),
  };
}

export function fromFields(fields: CaptureFields): CaptureFormState {
  const { emails, phones, addressLines, ...rest } = fields;
  return { ...rest, emails: emails.join(', '), phones: phones.join(', '), address: addressLines.join('\n') };
}

/** Scanned values fill the form; what the rep already typed in a field the scan does not know stays. */
export function applyScan(form: CaptureFormState, scan: ScanResult): CaptureFormState {
  const { emails, phones, addressLines, ...rest } = scan.fields;
  const filled = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined && value !== ''));
  return {
    ...form,
    ...filled,
    emails: emails?.length ? emails.join(', ') : form.emails,
    phones: phones?.length ? phones.join(', ') : form.phones,
    address: addressLines?.length ? addressLines.join('\n') : form.address,
  };
}

export function isBlank(form: CaptureFormState): boolean {
  return JSON.stringify(form) === JSON.stringify(EMPTY_FORM);
}

/** What the matcher needs; it changes only when identifying fields change, not on notes or answers. */
export function matchKey(form: CaptureFormState): string {
  return JSON.stringify([
    form.familyName,
    form.givenName,
    form.familyKana,
    form.givenKana,
    form.company,
    form.companyKana,
    form.emails,
    form.phones,
  ]);
}

/**
 * The form with the matcher's answer for the visitor whose `matchKey` was `askedFor`. A
 * form that has changed since (a save cleared it, the rep typed on) keeps its own match:
 * the answer for a visitor just saved (their own new contact, by e-mail) must never attach
 * the next visitor to them.
 */
export function withMatch(
  form: CaptureFormState,
  askedFor: string,
  match: CaptureFormState['match'],
): CaptureFormState {
  return matchKey(form) === askedFor ? { ...form, match } : form;
}
