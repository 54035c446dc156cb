import type { MethodOutput } from '../../../src/shared/contract';
import { Channel, CONTENT_DELIVERY_CHANNELS } from '../../../src/shared/domain';
import { assertAccountExists, listContacts } from '../accounts/accounts';
import type { Db } from '../db/connection';
import { statement } from '../db/statements';

const ENGAGED_WITHIN = 90 * 86_400_000;
const VISIBLE = 'NOT EXISTS (SELECT 1 FROM touchpoints s WHERE s.supersedes_id = t.id)';

/**
 * Everything around the timeline: touchpoints per buying stage (the progress strip),
 * per channel, the buying committee with coverage, and what each contact has already
 * been shown or sent, marking versions that have a newer approved, valid version now.
 */
export function overview(db: Db, accountId: string, now: number): MethodOutput<'journey.overview'> {
  const sqlite = db.$client;
  assertAccountExists(db, accountId, 'accountId');
  const contacts = listContacts(db, accountId);

  const stageCounts = statement(
    sqlite,
    `SELECT t.stage_code AS stageCode, COUNT(*) AS count FROM touchpoints t
      WHERE t.account_id = ? AND ${VISIBLE} GROUP BY t.stage_code`,
  ).all(accountId) as { stageCode: string; count: number }[];

  const channelCounts = (
    statement(
      sqlite,
      `SELECT t.channel AS channel, COUNT(*) AS count FROM touchpoints t
        WHERE t.account_id = ? AND ${VISIBLE} GROUP BY t.channel ORDER BY count DESC`,
    ).all(accountId) as { channel: string; count: number }[]
  ).flatMap((row) => {
    const channel = Channel.safeParse(row.channel);
    return channel.success ? [{ channel: channel.data, count: row.count }] : [];
  });

  const lastEngaged = new Map(
    (
      statement(
        sqlite,
        `SELECT tc.contact_id AS contactId, MAX(t.occurred_at) AS lastAt
           FROM touchpoints t JOIN touchpoint_contacts tc ON tc.touchpoint_id = t.id
          WHERE t.account_id = ? AND ${VISIBLE} GROUP BY tc.contact_id`,
      ).all(accountId) as { contactId: string; lastAt: number }[]
    ).map((row) => [row.contactId, row.lastAt]),
  );
  const committee = contacts.map((contact) => {
    const lastEngagedAt = lastEngaged.get(contact.id) ?? null;
    return { contact, lastEngagedAt, engaged: lastEngagedAt !== null && now - lastEngagedAt <= ENGAGED_WITHIN };
  });

  const seenRows = statement(
    sqlite,
    `SELECT tc.contact_id AS contactId, v.item_id AS itemId, v.id AS versionId, v.title, v.version,
            MAX(t.occurred_at) AS lastSeenAt, t.channel,
            (SELECT MAX(n.version) FROM content_versions n
              WHERE n.item_id = v.item_id AND n.approval = 'approved'
                AND n.valid_from <= :now AND (n.valid_until IS NULL OR n.valid_until > :now)) AS newest
       FROM touchpoints t
       JOIN touchpoint_content x ON x.touchpoint_id = t.id
       JOIN content_versions v ON v.id = x.content_version_id
       JOIN touchpoint_contacts tc ON tc.touchpoint_id = t.id
      WHERE t.account_id = :accountId AND ${VISIBLE}
        AND t.channel IN (SELECT value FROM json_each(:channels))
      GROUP BY tc.contact_id, v.id
      ORDER BY lastSeenAt DESC`,
  ).all({ accountId, now, channels: JSON.stringify(CONTENT_DELIVERY_CHANNELS) }) as {
    contactId: string;
    itemId: string;
    versionId: string;
    title: string;
    version: number;
    lastSeenAt: number;
    channel: string;
    newest: number | null;
  }[];
  const seen = seenRows.map(({ newest, channel, ...row }) => ({
    ...row,
    channel: Channel.catch('content_shared').parse(channel),
    newerVersion: newest !== null && newest > row.version ? newest : null,
  }));

  return { stageCounts, channelCounts, committee, seen };
}
