import { CONTENT_DELIVERY_CHANNELS } from '../../../src/shared/domain';
import type { Recommendation } from '../../../src/shared/content';
import { AppError } from '../../../src/shared/errors';
import type { CoreContext } from '../context';
import { statement } from '../db/statements';

const LIMIT = 12;
/** Japanese accounts are shown Japanese material first; everyone else English. */
const languageFor = (region: string) => (region === 'JP' ? 'ja' : 'en');

/**
 * "Recommended for this account": presentable items ranked by the account's buying stage
 * (and the next one), its industry, the committee roles they are written for and the
 * account's language. What the contacts considered (the whole committee by default, or
 * the chosen attendees) have all seen already is left out, unless a newer version exists
 * than the one they saw; roles count only for contacts who have not seen it.
 */
export function recommend(ctx: CoreContext, accountId: string, contactIds: string[] | undefined): Recommendation[] {
  const sqlite = ctx.conn.sqlite;
  const now = ctx.now();
  const account = statement(sqlite, 'SELECT stage_code, industry, region FROM accounts WHERE id = ?').get(accountId) as
    { stage_code: string; industry: string; region: string } | undefined;
  if (!account) throw new AppError('NOT_FOUND', `There is no account "${accountId}".`, 'accountId');
  const stages = (statement(sqlite, 'SELECT code FROM stages ORDER BY position').all() as { code: string }[]).map(
    (row) => row.code,
  );
  const nextStage = stages[stages.indexOf(account.stage_code) + 1];
  const committee = statement(sqlite, 'SELECT id, role FROM contacts WHERE account_id = ?').all(accountId) as {
    id: string;
    role: string | null;
  }[];
  const considered =
    contactIds && contactIds.length > 0 ? committee.filter((c) => contactIds.includes(c.id)) : committee;
  const seen = new Map<string, Set<string>>();
  const rows = statement(
    sqlite,
    `SELECT DISTINCT tc.contact_id AS contactId, x.content_version_id AS versionId
       FROM touchpoints t
       JOIN touchpoint_contacts tc ON tc.touchpoint_id = t.id
       JOIN touchpoint_content x ON x.touchpoint_id = t.id
      WHERE t.account_id = ? AND t.channel IN (SELECT value FROM json_each(?))`,
  ).all(accountId, JSON.stringify(CONTENT_DELIVERY_CHANNELS)) as { contactId: string; versionId: string }[];
  for (const { contactId, versionId } of rows) {
    const set = seen.get(contactId) ?? new Set<string>();
    set.add(versionId);
    seen.set(contactId, set);
  }

  const ranked: Recommendation[] = [];
  for (const itemId of ctx.library.itemIds()) {
    const item = ctx.library.item(itemId, now);
    if (!item || item.shown.problem !== null) continue;
    const version = item.shown;
    const older = new Set(
      ctx.library
        .versionsOf(itemId)
        .filter((v) => v.version < version.version)
        .map((v) => v.id),
    );
    const seenBy = considered.filter((c) => seen.get(c.id)?.has(version.versionId)).length;
    if (considered.length > 0 && seenBy === considered.length) continue;
    const sawOlder = considered.some((c) => [...(seen.get(c.id) ?? [])].some((id) => older.has(id)));
    const unseenRoles = new Set(
      considered.filter((c) => !seen.get(c.id)?.has(version.versionId) && c.role !== null).map((c) => c.role ?? ''),
    );
    const roles = version.tags.roles.filter((role) => unseenRoles.has(role));
    const reasons: Recommendation['reasons'] = [];
    let score = 0;
    if (version.tags.stages.includes(account.stage_code)) {
      score += 3;
      reasons.push('stage');
    } else if (nextStage !== undefined && version.tags.stages.includes(nextStage)) {
      score += 1;
      reasons.push('stage');
    }
    if (version.tags.industries.includes(account.industry)) {
      score += 2;
      reasons.push('industry');
    }
    if (roles.length > 0) {
      score += Math.min(3, roles.length);
      reasons.push('role');
    }
    if (reasons.length === 0) continue;
    if (version.language === languageFor(account.region)) {
      score += 1;
      reasons.push('language');
    }
    if (sawOlder) {
      score += 1;
      reasons.push('newer_than_seen');
    }
    ranked.push({ item, score, reasons, roles: [...new Set(roles)], seenBy });
  }
  return ranked
    .sort((a, b) => b.score - a.score || a.item.shown.title.localeCompare(b.item.shown.title))
    .slice(0, LIMIT);
}
