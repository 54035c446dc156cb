import { eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { ChangeKind, PullQuery } from '../../src/shared/sync-api';
import type { Caller } from '../auth/identity';
import { hubId, queryRows, type HubDrizzle } from '../db/connection';
import {
  accounts,
  consentRecords,
  contacts,
  contentVersions,
  devices,
  events,
  followups,
  stages,
  touchpoints,
} from '../db/schema';
import { latestSeq } from '../db/write';
import { HubError } from '../http/errors';
import { RawJson } from '../http/raw-json';

/**
 * `json_build_object('id', t."id", 'accountId', t."account_id", …)`: a row as its wire
 * record, keyed by the drizzle property names, which are the wire names of
 * src/shared/sync-api.ts (the tests parse every pulled change with those schemas).
 */
function wireObject(table: PgTable, alias: string, extra: SQL[] = []): SQL {
  const pairs = Object.entries(getTableColumns(table)).map(
    ([key, column]) => sql`${sql.raw(`'${key}'`)}, ${sql.identifier(alias)}.${sql.identifier(column.name)}`,
  );
  return sql`json_build_object(${sql.join([...pairs, ...extra], sql`, `)})`;
}

/** The current state of the record a change-log row names, as JSON text, for each kind. */
const RECORD: Record<ChangeKind, SQL> = {
  stage: sql`(SELECT ${wireObject(stages, 'r')} FROM stages r WHERE r.code = p.entity_id)`,
  account: sql`(SELECT ${wireObject(accounts, 'r')} FROM accounts r WHERE r.id = p.entity_id)`,
  contact: sql`(SELECT ${wireObject(contacts, 'r')} FROM contacts r WHERE r.id = p.entity_id)`,
  touchpoint: sql`(SELECT ${wireObject(touchpoints, 'r')} FROM touchpoints r WHERE r.id = p.entity_id)`,
  consent: sql`(SELECT ${wireObject(consentRecords, 'r')} FROM consent_records r WHERE r.id = p.entity_id)`,
  followup: sql`(SELECT ${wireObject(followups, 'r')} FROM followups r WHERE r.id = p.entity_id)`,
  event: sql`(SELECT ${wireObject(events, 'r')} FROM events r WHERE r.id = p.entity_id)`,
  content_version: sql`(SELECT ${wireObject(contentVersions, 'r', [
    sql`'itemKind', i.kind`,
    sql`'blobAvailable', EXISTS (SELECT 1 FROM blobs b WHERE b.sha256 = r.sha256)`,
  ])} FROM content_versions r JOIN content_items i ON i.id = r.item_id WHERE r.id = p.entity_id)`,
};

const recordOf = sql`CASE p.kind ${sql.join(
  Object.entries(RECORD).map(([kind, select]) => sql`WHEN ${sql.raw(`'${kind}'`)} THEN ${select}`),
  sql` `,
)} END::text`;

interface PageRow {
  seq: number;
  kind: ChangeKind;
  entity_id: string;
  data: string | null;
}

/**
 * One page of changes after `cursor`, only for the caller's territories (records with no
 * territory, such as content, go to everyone). Because change-log rows commit in
 * sequence order (server/db/write.ts), everything up to the highest sequence number
 * read before the page query is already visible to it; so when the page is not full the
 * cursor moves to that number, past rows of other territories, without skipping any of
 * the caller's.
 *
 * The records are rendered as JSON by PostgreSQL in the same query and spliced into the
 * answer as text: a page of 5,000 touchpoints is never parsed into objects on the hub.
 */
export async function pullChanges(db: HubDrizzle, caller: Caller, query: PullQuery, now: number): Promise<RawJson> {
  const cursor = Number(query.cursor);
  const latest = await latestSeq(db);
  if (cursor > latest) {
    throw new HubError(
      409,
      'CURSOR_AHEAD',
      `Cursor ${cursor} is ahead of this hub (latest ${latest}): pull again from 0.`,
    );
  }
  const visible = caller.scope.all
    ? sql`TRUE`
    : sql`(territory IS NULL OR territory = ANY(${sql.param(caller.scope.territories)}::text[]))`;
  const page = await queryRows<PageRow>(
    db,
    sql`SELECT p.seq, p.kind, p.entity_id, ${recordOf} AS data
        FROM (SELECT seq, kind, entity_id FROM change_log
              WHERE seq > ${cursor} AND seq <= ${latest} AND ${visible}
              ORDER BY seq LIMIT ${query.limit + 1}) p
        ORDER BY p.seq`,
  );
  const hasMore = page.length > query.limit;
  if (hasMore) page.length = query.limit;

  // A record changed twice in one page is sent once, at its first position (creation
  // order keeps references valid); its data is the current state either way.
  const sent = new Set<string>();
  const changes: string[] = [];
  for (const row of page) {
    const key = `${row.kind}:${row.entity_id}`;
    if (sent.has(key) || row.data === null) continue;
    sent.add(key);
    changes.push(`{"seq":${Number(row.seq)},"kind":"${row.kind}","data":${row.data}}`);
  }

  const next = hasMore ? Number(page[page.length - 1]?.seq) : latest;
  await db.update(devices).set({ lastPullAt: now, lastCursor: next }).where(eq(devices.id, caller.deviceId));
  const head = JSON.stringify({ hubId: await hubId(db), cursor: String(next), hasMore, scope: caller.scope });
  return new RawJson(`${head.slice(0, -1)},"changes":[${changes.join(',')}]}`);
}
