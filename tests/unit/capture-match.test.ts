import { describe, expect, it } from 'vitest';
import { CaptureFields, type MatchCandidate } from '../../src/shared/capture';
import {
  EMPTY_FORM,
  fromFields,
  matchKey,
  toFields,
  withChosenMatch,
  withMatch,
} from '../../src/features/capture/capture-form';

const candidate = (
  contactId: string | null,
  accountId: string,
  reasons: MatchCandidate['reasons'],
): MatchCandidate => ({
  contactId,
  accountId,
  contactName: contactId ? `Contact ${contactId}` : null,
  contactTitle: null,
  accountName: `Account ${accountId}`,
  reasons,
  score: 1,
  latest: [],
});

describe('withMatch', () => {
  const visitorA = { ...EMPTY_FORM, familyName: 'Visitor6', givenName: 'Kim', emails: 'kim.visitor6@example.com' };
  const byEmail = candidate('contact-a', 'account-a', ['email', 'name']);
  const contactA = { contactId: 'contact-a', accountId: 'account-a' };

  it('attaches the best candidate found by e-mail, phone or company to the visitor it was asked for', () => {
    const matched = withMatch(visitorA, matchKey(visitorA), [byEmail]);
    expect(matched.match).toEqual(contactA);
    expect(matched.matchedBy).toBe('auto');
    const byCompany = withMatch(visitorA, matchKey(visitorA), [candidate(null, 'account-b', ['company'])]);
    expect(byCompany.match).toEqual({ contactId: null, accountId: 'account-b' });
  });

  it('attaches only the account when a same-named colleague matches by company: it may be someone else', () => {
    const namesake = candidate('contact-t', 'account-t', ['name', 'company', 'email_domain']);
    const matched = withMatch(visitorA, matchKey(visitorA), [namesake]);
    expect(matched.match).toEqual({ contactId: null, accountId: 'account-t' });
    expect(matched.matchedBy).toBe('auto');
  });

  it('attaches nothing on a name alone, and lets go of an automatic match the typing no longer supports', () => {
    const auto = withMatch(visitorA, matchKey(visitorA), [byEmail]);
    const byName = withMatch(auto, matchKey(auto), [candidate('contact-c', 'account-c', ['name'])]);
    expect(byName.match).toEqual(EMPTY_FORM.match);
    expect(byName.matchedBy).toBe('none');
  });

  it('leaves a form that changed since the question alone (the form a save just cleared, or the next visitor)', () => {
    const askedFor = matchKey(visitorA);
    expect(withMatch(EMPTY_FORM, askedFor, [byEmail])).toBe(EMPTY_FORM);
    const visitorB = { ...EMPTY_FORM, familyName: 'Visitor7', givenName: 'Kim' };
    expect(withMatch(visitorB, askedFor, [byEmail]).match).toEqual(EMPTY_FORM.match);
  });

  it("keeps the rep's pick, even against an answer asked for before the pick", () => {
    // The rep typed, and picked the second candidate while the matcher was still answering.
    const askedFor = matchKey(visitorA);
    const picked = withChosenMatch(visitorA, { contactId: 'contact-b', accountId: 'account-b' });
    expect(withMatch(picked, askedFor, [byEmail]).match).toEqual({ contactId: 'contact-b', accountId: 'account-b' });
    // "Create new" is a decision too.
    const createNew = withChosenMatch(withMatch(visitorA, askedFor, [byEmail]), EMPTY_FORM.match);
    expect(withMatch(createNew, askedFor, [byEmail]).match).toEqual(EMPTY_FORM.match);
  });

  it("keeps who decided out of the saved fields, and treats a restored draft's attachment as decided", () => {
    const picked = withChosenMatch(visitorA, contactA);
    const fields = toFields(picked);
    expect(fields).not.toHaveProperty('matchedBy');
    expect(fields.match).toEqual(contactA);
    const restored = fromFields(CaptureFields.parse(fields));
    expect(restored.matchedBy).toBe('rep');
    expect(restored.familyName).toBe('Visitor6');
    expect(fromFields(CaptureFields.parse(toFields(visitorA))).matchedBy).toBe('none');
  });
});
