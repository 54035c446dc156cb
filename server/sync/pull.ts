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

/** For each kind: the join from a change-log row `p` to its record `r`, and the record as JSON. */
const RECORD: Record<ChangeKind, { from: SQL; json: SQL }> = {
  stage: { from: sql`JOIN stages r ON r.code = p.entity_id`, json: wireObject(stages, 'r') },
  account: { from: sql`JOIN accounts r ON r.id = p.entity_id`, json: wireObject(accounts, 'r') },
  contact: { from: sql`JOIN contacts r ON r.id = p.entity_id`, json: wireObject(contacts, 'r') },
  touchpoint: { from: sql`JOIN touchpoints r ON r.id = p.entity_id`, json: wireObject(touchpoints, 'r') },
  consent: { from: sql`JOIN consent_records r ON r.id = p.entity_id`, json: wireObject(consentRecords, 'r') },
  followup: { from: sql`JOIN followups r ON r.id = p.entity_id`, json: wireObject(followups, 'r') },
  event: { from: sql`JOIN events r ON r.id = p.entity_id`, json: wireObject(events, 'r') },
  content_version: {
    from: sql`JOIN content_versions r ON r.id = p.entity_id JOIN content_items i ON i.id = r.item_id`,
    json: wireObject(contentVersions, 'r', [
      sql`'itemKind', i.kind`,
      sql`'blobAvailable', EXISTS (SELECT 1 FROM blobs b WHERE b.sha256 = r.sha256)`,
    ]),
  },
};

/** One branch per kind, each a plain index join (several times faster than a per-row CASE of subqueries). */
const recordsOfPage = sql.join(
  Object.entries(RECORD).map(
    ([kind, { from, json }]) =>
      sql`SELECT p.seq, p.kind, p.entity_id, p.total, ${json}::text AS data FROM p ${from} WHERE p.kind = ${sql.raw(`'${kind}'`)}`,
  ),
  sql` UNION ALL `,
);

interface PageRow {
  seq: number;
  kind: ChangeKind;
  entity_id: string;
  /** How many log rows the page query found (one more than the limit when there are more). */
  total: number;
  data: string;
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
    sql`WITH found AS MATERIALIZED (
          SELECT seq, kind, entity_id, row_number() OVER (ORDER BY seq) AS rn, count(*) OVER () AS total
          FROM (SELECT seq, kind, entity_id FROM change_log
                WHERE seq > ${cursor} AND seq <= ${latest} AND ${visible}
                ORDER BY seq LIMIT ${query.limit + 1}) l),
        p AS (SELECT * FROM found WHERE rn <= ${query.limit})
        ${recordsOfPage}
        ORDER BY seq`,
  );
  const hasMore = Number(page[0]?.total ?? 0) > query.limit;

  // A record changed twice in one page is sent once, at its first position (creation
  // order keeps references valid); its data is the current state either way.
  const sent = new Set<string>();
  const changes: string[] = [];
  for (const row of page) {
    const key = `${row.kind}:${row.entity_id}`;
    if (sent.has(key)) continue;
    sent.add(key);
    changes.push(`{"seq":${Number(row.seq)},"kind":"${row.kind}","data":${row.data}}`);
  }

  const next = hasMore ? Number(page[page.length - 1]?.seq) : latest;
  await db.update(devices).set({ lastPullAt: now, lastCursor: next }).where(eq(devices.id, caller.deviceId));
  const head = JSON.stringify({ hubId: await hubId(db), cursor: String(next), hasMore, scope: caller.scope });
  return new RawJson(`${head.slice(0, -1)},"changes":[${changes.join(',')}]}`);
}
