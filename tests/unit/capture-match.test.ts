import { describe, expect, it } from 'vitest';
import { EMPTY_FORM, matchKey, withMatch } from '../../src/features/capture/capture-form';

describe('withMatch', () => {
  const visitorA = { ...EMPTY_FORM, familyName: 'Visitor6', givenName: 'Kim', emails: 'kim.visitor6@example.com' };
  const contactA = { contactId: 'contact-a', accountId: 'account-a' };

  it("attaches the matcher's answer to the visitor it was asked for", () => {
    expect(withMatch(visitorA, matchKey(visitorA), contactA).match).toEqual(contactA);
  });

  it('leaves a form that changed since the question alone (the form a save just cleared, or the next visitor)', () => {
    const askedFor = matchKey(visitorA);
    expect(withMatch(EMPTY_FORM, askedFor, contactA)).toBe(EMPTY_FORM);
    const visitorB = { ...EMPTY_FORM, familyName: 'Visitor7', givenName: 'Kim' };
    expect(withMatch(visitorB, askedFor, contactA).match).toEqual(EMPTY_FORM.match);
  });
});
