import { eq, sql, type AnyColumn } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Change, ChangeKind, PullQuery, PullResponse } from '../../src/shared/sync-api';
import type { Caller } from '../auth/identity';
import { hubId, queryRows, type HubDrizzle, type Queryable } from '../db/connection';
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
import { selectContentVersions } from '../content/versions';
import { HubError } from '../http/errors';

const anyOf = (column: AnyColumn, ids: string[]) => sql`${column} = ANY(${sql.param(ids)}::text[])`;

type Loaded = { id: string; record: unknown }[];

/** Rows of a table whose columns are exactly the wire record (see src/shared/sync-api.ts). */
const plain =
  (table: PgTable & { id: AnyColumn }) =>
  async (db: Queryable, ids: string[]): Promise<Loaded> =>
    ((await db.select().from(table).where(anyOf(table.id, ids))) as { id: string }[]).map((record) => ({
      id: record.id,
      record,
    }));

const LOADERS: Record<ChangeKind, (db: Queryable, ids: string[]) => Promise<Loaded>> = {
  stage: async (db, ids) =>
    (await db.select().from(stages).where(anyOf(stages.code, ids))).map((record) => ({ id: record.code, record })),
  account: plain(accounts),
  contact: plain(contacts),
  touchpoint: plain(touchpoints),
  consent: plain(consentRecords),
  followup: plain(followups),
  event: plain(events),
  content_version: async (db, ids) =>
    (await selectContentVersions(db, anyOf(contentVersions.id, ids))).map((record) => ({ id: record.id, record })),
};

interface LogRow {
  seq: number;
  kind: ChangeKind;
  entity_id: string;
}

/**
 * One page of changes after `cursor`, only for the caller's territories (records with no
 * territory, such as content, go to everyone). Because change-log rows commit in
 * sequence order (server/db/write.ts), everything up to the highest sequence number
 * read before the page query is already visible to it; so when the page is not full the
 * cursor moves to that number, past rows of other territories, without skipping any of
 * the caller's.
 */
export async function pullChanges(
  db: HubDrizzle,
  caller: Caller,
  query: PullQuery,
  now: number,
): Promise<PullResponse> {
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
  const page = await queryRows<LogRow>(
    db,
    sql`SELECT seq, kind, entity_id FROM change_log
        WHERE seq > ${cursor} AND seq <= ${latest} AND ${visible}
        ORDER BY seq LIMIT ${query.limit + 1}`,
  );
  const hasMore = page.length > query.limit;
  if (hasMore) page.length = query.limit;

  // A record changed twice in one page is sent once, at its first position (creation
  // order keeps references valid); its data is the current state either way.
  const first = new Map<string, LogRow>();
  const byKind = new Map<ChangeKind, string[]>();
  for (const row of page) {
    const key = `${row.kind}:${row.entity_id}`;
    if (first.has(key)) continue;
    first.set(key, row);
    const ids = byKind.get(row.kind) ?? [];
    ids.push(row.entity_id);
    byKind.set(row.kind, ids);
  }
  const data = new Map<string, unknown>();
  for (const [kind, ids] of byKind) {
    for (const { id, record } of await LOADERS[kind](db, ids)) data.set(`${kind}:${id}`, record);
  }
  const changes = [...first.entries()].flatMap(([key, row]) => {
    const record = data.get(key);
    return record === undefined ? [] : [{ seq: Number(row.seq), kind: row.kind, data: record } as Change];
  });

  const next = hasMore ? Number(page[page.length - 1]?.seq) : latest;
  await db.update(devices).set({ lastPullAt: now, lastCursor: next }).where(eq(devices.id, caller.deviceId));
  return { hubId: await hubId(db), cursor: String(next), hasMore, scope: caller.scope, changes };
}
