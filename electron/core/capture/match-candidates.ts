import type { CaptureFields, MatchCandidate } from '../../../src/shared/capture';
import type { CoreContext } from '../context';
import { statement } from '../db/statements';
import { normalizeCaptureFields } from './normalize-fields';

/**
 * Candidates for the visitor being typed, with the names the rep recognises and the
 * account's latest touchpoints, so they know who is in front of them.
 */
export function matchCandidates(
  ctx: CoreContext,
  fields: Partial<CaptureFields>,
  phoneRegion: string,
): MatchCandidate[] {
  // As the capture will be stored: a phone typed 03-5555-1234 finds the contact stored as +81355551234.
  const { emails, phones } = normalizeCaptureFields(
    { emails: fields.emails ?? [], phones: fields.phones ?? [] },
    phoneRegion,
  );
  const raw = ctx.matcher.match({
    familyName: fields.familyName ?? '',
    givenName: fields.givenName ?? '',
    familyKana: fields.familyKana ?? '',
    givenKana: fields.givenKana ?? '',
    company: fields.company ?? '',
    companyKana: fields.companyKana ?? '',
    emails,
    phones,
  });
  const sqlite = ctx.conn.sqlite;
  return raw.flatMap((candidate) => {
    const account = statement(sqlite, 'SELECT name FROM accounts WHERE id = ?').get(candidate.accountId) as
      { name: string } | undefined;
    if (!account) return [];
    const contact = candidate.contactId
      ? (statement(sqlite, 'SELECT name, title FROM contacts WHERE id = ?').get(candidate.contactId) as
          { name: string; title: string | null } | undefined)
      : undefined;
    const latest = statement(
      sqlite,
      `SELECT occurred_at AS occurredAt, channel, summary FROM touchpoints
        WHERE account_id = ? ORDER BY occurred_at DESC, id DESC LIMIT 3`,
    ).all(candidate.accountId) as MatchCandidate['latest'];
    return [
      {
        accountId: candidate.accountId,
        accountName: account.name,
        contactId: candidate.contactId,
        contactName: contact?.name ?? null,
        contactTitle: contact?.title ?? null,
        score: candidate.score,
        reasons: candidate.reasons,
        latest,
      },
    ];
  });
}
