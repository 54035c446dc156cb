import type { CaptureFields, CaptureFieldsInput, MatchCandidate, ScanResult } from '../../shared/capture';

/**
 * Who decided the attachment: nobody yet, the matcher (follows the typing, so a company
 * name that matches only half-typed is let go again), or the rep (sticks, including
 * "create new").
 */
export type MatchedBy = 'none' | 'auto' | 'rep';

/**
 * The form's own state: lists are edited as text, everything else as in CaptureFields.
 * Who decided the match lives here, next to the match, so that a matcher answer applied
 * to the latest form always sees the rep's latest pick.
 */
export interface CaptureFormState extends Omit<CaptureFields, 'emails' | 'phones' | 'addressLines'> {
  emails: string;
  phones: string;
  address: string;
  matchedBy: MatchedBy;
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
  matchedBy: 'none',
};

const list = (text: string, separator: RegExp) =>
  text
    .split(separator)
    .map((item) => item.trim())
    .filter(Boolean);

export function toFields(form: CaptureFormState): CaptureFieldsInput {
  const { emails, phones, address, matchedBy: _matchedBy, ...rest } = form;
  return {
    ...rest,
    emails: list(emails, /[,;、\s]+/),
    phones: list(phones, /[,;、]+/),
    addressLines: list(address, /\n/),
  };
}

export function fromFields(fields: CaptureFields): CaptureFormState {
  const { emails, phones, addressLines, ...rest } = fields;
  // A restored draft's attachment was decided before the restart; no matcher answer replaces it.
  const attached = fields.match.contactId !== null || fields.match.accountId !== null;
  return {
    ...rest,
    emails: emails.join(', '),
    phones: phones.join(', '),
    address: addressLines.join('\n'),
    matchedBy: attached ? 'rep' : 'none',
  };
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

/** The rep's choice: an attachment, or none ("create new"); no later matcher answer replaces it. */
export function withChosenMatch(form: CaptureFormState, match: CaptureFormState['match']): CaptureFormState {
  return { ...form, match, matchedBy: 'rep' };
}

/**
 * The form with the matcher's answer (`found`) for the visitor whose `matchKey` was
 * `askedFor`. The same e-mail or phone is the same person: the best candidate's contact is
 * attached. The same company name (or reading) is the same company, not the same person:
 * a colleague with the same name may be someone else, so only the account is attached and
 * the rep picks the contact from the list when it is them. The banner shows the
 * attachment and "create new" undoes it. Nothing changes when the rep has decided, or
 * when the form has changed since the question (a save cleared it, the rep typed on): the
 * answer for a visitor just saved (their own new contact, by e-mail) must never attach
 * the next visitor to them.
 */
export function withMatch(
  form: CaptureFormState,
  askedFor: string,
  found: readonly MatchCandidate[],
): CaptureFormState {
  if (matchKey(form) !== askedFor || form.matchedBy === 'rep') return form;
  const best = found[0];
  const has = (...reasons: MatchCandidate['reasons']) => best?.reasons.some((reason) => reasons.includes(reason));
  if (best && has('email', 'phone')) {
    return { ...form, match: { contactId: best.contactId, accountId: best.accountId }, matchedBy: 'auto' };
  }
  if (best && has('company', 'company_reading')) {
    return { ...form, match: { contactId: null, accountId: best.accountId }, matchedBy: 'auto' };
  }
  return { ...form, match: { contactId: null, accountId: null }, matchedBy: 'none' };
}

/**
 * Whether going from `before` to `after` changes the field a refusal named: the contract names
 * it inside the call (`fields.emails.1`), the core's own checks by itself (`emails.1`); both
 * name the e-mails. A field outside the visitor's details (`eventId`), or none, never changes.
 */
export function changesField(field: string | undefined, before: CaptureFormState, after: CaptureFormState): boolean {
  if (!field) return false;
  const key = field.replace(/^fields\./, '').split('.')[0] ?? '';
  // "A name or an e-mail" is shown on the family name, but a given name or an e-mail answers it too.
  const keys = key === 'familyName' ? ['familyName', 'givenName', 'emails'] : [key];
  const value = (form: CaptureFormState) => {
    const fields = toFields(form) as Record<string, unknown>;
    return JSON.stringify(keys.map((name) => fields[name]));
  };
  return value(before) !== value(after);
}
