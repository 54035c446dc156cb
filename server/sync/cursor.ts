import { sql } from 'drizzle-orm';
import { queryRows, type HubDrizzle } from '../db/connection';
import { HubError } from '../http/errors';

/**
 * Pull cursors. A cursor is the sequence number a device has read up to; its check is the
 * write id of the change-log row at or before it (server/db/write.ts). A hub restored from
 * a backup numbers its next writes with the sequence numbers of those it lost, so a number
 * alone would let a device that saw the lost rows skip the new ones for good; the write id
 * there no longer matches, and the device is told to pull again from the start. The check
 * travels beside the cursor, not in it, so apps built before it keep pulling.
 */

/** The write id of the last change-log row at or before `seq`: undefined if none, null if logged before write ids. */
async function writeIdAt(db: HubDrizzle, seq: number): Promise<number | null | undefined> {
  const [row] = await queryRows<{ write_id: number | null }>(
    db,
    sql`SELECT write_id FROM change_log WHERE seq <= ${seq} ORDER BY seq DESC LIMIT 1`,
  );
  return row ? row.write_id : undefined;
}

/** The cursor of position `seq` in this hub's change log, with its check where there is one. */
export async function cursorAt(db: HubDrizzle, seq: number): Promise<{ cursor: string; cursorCheck?: string }> {
  const writeId = seq === 0 ? undefined : await writeIdAt(db, seq);
  return writeId == null ? { cursor: String(seq) } : { cursor: String(seq), cursorCheck: String(writeId) };
}

/**
 * The sequence number a cursor stands for, once it is known to be a position in this
 * hub's change log; `latest` is the newest sequence number. A cursor without a check (the
 * start, a row logged before write ids, or an app that predates checks) is taken by its number.
 */
export async function positionOf(
  db: HubDrizzle,
  query: { cursor: string; check?: string | undefined },
  latest: number,
): Promise<number> {
  const seq = Number(query.cursor);
  if (seq > latest) {
    throw new HubError(
      409,
      'CURSOR_AHEAD',
      `Cursor ${seq} is ahead of this hub (latest ${latest}): pull again from 0.`,
    );
  }
  if (query.check !== undefined && (await writeIdAt(db, seq)) !== Number(query.check)) {
    throw new HubError(
      409,
      'CURSOR_UNKNOWN',
      `This hub never issued cursor ${seq} with check ${query.check} (was it restored from a backup?): pull again from 0.`,
    );
  }
  return seq;
}
