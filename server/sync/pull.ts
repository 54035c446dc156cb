import { eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { MAX_PULL_LIMIT, type ChangeKind, type PullQuery } from '../../src/shared/sync-api';
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
import { RawJson } from '../http/raw-json';
import { cursorAt, positionOf } from './cursor';

/**
 * `r."id" AS "id", r."account_id" AS "accountId", …`: a row's columns under the drizzle
 * property names, which are the wire names of src/shared/sync-api.ts (the tests parse
 * every pulled change with those schemas).
 */
function wireColumns(table: PgTable, alias: string, extra: SQL[] = []): SQL {
  const columns = Object.entries(getTableColumns(table)).map(
    ([key, column]) => sql`${sql.identifier(alias)}.${sql.identifier(column.name)} AS ${sql.identifier(key)}`,
  );
  return sql.join([...columns, ...extra], sql`, `);
}

const accountTerritory = sql`(SELECT a.territory FROM accounts a WHERE a.id = r.account_id)`;
const contactTerritory = sql`(SELECT a.territory FROM contacts c JOIN accounts a ON a.id = c.account_id WHERE c.id = r.contact_id)`;

/**
 * For each kind: where its records are (as `r`), their key (a column and wire field of the
 * same name), the wire fields, and the territory a record belongs to now (none: stages,
 * events and content go to everyone).
 */
const RECORD: Record<ChangeKind, { from: SQL; key: 'id' | 'code'; fields: SQL; territory?: SQL }> = {
  stage: { from: sql`stages r`, key: 'code', fields: wireColumns(stages, 'r') },
  account: {
    from: sql`accounts r`,
    key: 'id',
    fields: wireColumns(accounts, 'r'),
    territory: sql`r.territory`,
  },
  contact: {
    from: sql`contacts r`,
    key: 'id',
    fields: wireColumns(contacts, 'r'),
    territory: accountTerritory,
  },
  touchpoint: {
    from: sql`touchpoints r`,
    key: 'id',
    fields: wireColumns(touchpoints, 'r'),
    territory: accountTerritory,
  },
  consent: {
    from: sql`consent_records r`,
    key: 'id',
    fields: wireColumns(consentRecords, 'r'),
    territory: contactTerritory,
  },
  followup: {
    from: sql`followups r`,
    key: 'id',
    fields: wireColumns(followups, 'r'),
    territory: contactTerritory,
  },
  event: { from: sql`events r`, key: 'id', fields: wireColumns(events, 'r') },
  content_version: {
    from: sql`content_versions r JOIN content_items i ON i.id = r.item_id`,
    key: 'id',
    fields: wireColumns(contentVersions, 'r', [
      sql`i.kind AS "itemKind"`,
      sql`EXISTS (SELECT 1 FROM blobs b WHERE b.sha256 = r.sha256) AS "blobAvailable"`,
    ]),
  },
};

/**
 * How far past the cursor one page reads the change log. The embedded database never
 * gathers statistics on its own, and without them the planner reads every row after the
 * cursor and sorts them: with 1,000,000 rows the first page of a new device took four
 * times as long as the last. Within a bounded window a page costs the same wherever the
 * cursor is; a caller whose territories are sparse in it gets a short page (possibly
 * empty) and `hasMore`.
 */
const SCAN_WINDOW = 4 * MAX_PULL_LIMIT;

/**
 * A page stops growing once its changes hold this many characters (it always holds at
 * least one). Touchpoint details may be 256 KB each: 5,000 of them would be an answer
 * too large for a device to parse, and a territory stuck behind it would never sync.
 */
const PAGE_CHARS = 8 << 20;
/** Most records rendered per query; fewer once the page's records turn out large (see nextChunk). */
const RENDER_CHUNK = 1000;

/**
 * How many records to render next: as many as the room left in the page holds at the
 * average size so far (plus one, so the page can close), so a page of large records
 * renders a few dozen, not a thousand it then throws away.
 */
function nextChunk(roomChars: number, rendered: number, renderedChars: number): number {
  if (rendered === 0) return RENDER_CHUNK;
  const average = Math.max(1, renderedChars / rendered);
  return Math.min(RENDER_CHUNK, Math.ceil(roomChars / average) + 1);
}

interface LogRow {
  seq: number;
  kind: ChangeKind;
  entity_id: string;
}

/**
 * The records of these change-log rows as wire JSON, by `kind:id`, one query per kind
 * present, leaving out records that are no longer in the caller's territories: a log row
 * keeps the territory of its write, and an account moved away since must not reach its
 * old territory's devices (a device pulling from the start would get it, with everything
 * written there since).
 */
async function renderRecords(
  db: HubDrizzle,
  rows: readonly LogRow[],
  scope: Caller['scope'],
): Promise<Map<string, string>> {
  const idsByKind = new Map<ChangeKind, string[]>();
  for (const row of rows) {
    const ids = idsByKind.get(row.kind) ?? [];
    ids.push(row.entity_id);
    idsByKind.set(row.kind, ids);
  }
  const records = new Map<string, string>();
  for (const [kind, ids] of idsByKind) {
    const { from, key, fields, territory } = RECORD[kind];
    const inScope =
      scope.all || !territory ? sql`` : sql` AND ${territory} = ANY(${sql.param(scope.territories)}::text[])`;
    // row_to_json of a row of wire fields: a quarter cheaper than json_build_object of pairs.
    const found = await queryRows<{ id: string; data: string }>(
      db,
      sql`SELECT w.${sql.identifier(key)} AS id, row_to_json(w)::text AS data
          FROM (SELECT ${fields} FROM ${from} WHERE r.${sql.identifier(key)} = ANY(${sql.param(ids)}::text[])${inScope}) w`,
    );
    for (const { id, data } of found) records.set(`${kind}:${id}`, data);
  }
  return records;
}

/**
 * One page of changes after `cursor`, only for the caller's territories (records with no
 * territory, such as content, go to everyone). Because change-log rows commit in
 * sequence order (server/db/write.ts), everything up to the highest sequence number
 * read before the page query is already visible to it; so when the page is not full the
 * cursor moves to the end of what was read, past rows of other territories, without
 * skipping any of the caller's.
 *
 * The records are rendered as JSON by PostgreSQL and spliced into the answer as text: a
 * page of 5,000 touchpoints is never parsed into objects on the hub.
 */
export async function pullChanges(db: HubDrizzle, caller: Caller, query: PullQuery, now: number): Promise<RawJson> {
  const latest = await latestSeq(db);
  const cursor = await positionOf(db, query, latest);
  // The device's last push, which its cursor has not passed: the hub must still hold it.
  if (query.pushed !== undefined) await positionOf(db, { cursor: query.pushed, check: query.pushedCheck }, latest);
  const windowEnd = Math.min(latest, cursor + SCAN_WINDOW);
  const visible = caller.scope.all
    ? sql`TRUE`
    : sql`(territory IS NULL OR territory = ANY(${sql.param(caller.scope.territories)}::text[]))`;
  const log = await queryRows<LogRow>(
    db,
    sql`SELECT seq, kind, entity_id FROM change_log
        WHERE seq > ${cursor} AND seq <= ${windowEnd} AND ${visible}
        ORDER BY seq LIMIT ${query.limit + 1}`,
  );
  const full = log.length > query.limit;
  const page = log.slice(0, query.limit);

  // A record changed twice in one page is sent once, at its first position (creation
  // order keeps references valid); its data is the current state either way.
  const sent = new Set<string>();
  const firsts = page.filter((row) => {
    const key = `${row.kind}:${row.entity_id}`;
    if (sent.has(key)) return false;
    sent.add(key);
    return true;
  });
  let next = full ? Number(page[page.length - 1]?.seq) : windowEnd;
  const changes: string[] = [];
  let chars = 0;
  let records = new Map<string, string>();
  let renderedUpTo = 0;
  for (const [index, row] of firsts.entries()) {
    if (chars >= PAGE_CHARS) {
      // The rest waits for the next page, which starts right after the last row handled here.
      next = Number(firsts[index - 1]?.seq);
      break;
    }
    if (index === renderedUpTo) {
      renderedUpTo = index + nextChunk(PAGE_CHARS - chars, changes.length, chars);
      records = await renderRecords(db, firsts.slice(index, renderedUpTo), caller.scope);
    }
    const data = records.get(`${row.kind}:${row.entity_id}`);
    if (data === undefined) continue;
    const change = `{"seq":${Number(row.seq)},"kind":"${row.kind}","data":${data}}`;
    changes.push(change);
    chars += change.length;
  }
  const hasMore = next < latest;
  await db.update(devices).set({ lastPullAt: now, lastCursor: next }).where(eq(devices.id, caller.deviceId));
  const head = JSON.stringify({
    hubId: await hubId(db),
    ...(await cursorAt(db, next)),
    hasMore,
    scope: caller.scope,
  });
  return new RawJson(`${head.slice(0, -1)},"changes":[${changes.join(',')}]}`);
}
