import { sql } from 'drizzle-orm';
import { queryRows, type HubDrizzle } from '../db/connection';
import { HubError } from '../http/errors';

/**
 * Pull cursors. A cursor is the sequence number a device has read up to, and after a dot
 * the write id of the change-log row at or before it (server/db/write.ts). A hub restored
 * from a backup numbers its next writes with the sequence numbers of those it lost, so a
 * number alone would let a device that saw the lost rows skip the new ones for good; the
 * write id there no longer matches, and the device is told to pull again from the start.
 */

/** The write id of the last change-log row at or before `seq`: undefined if none, null if logged before write ids. */
async function writeIdAt(db: HubDrizzle, seq: number): Promise<number | null | undefined> {
  const [row] = await queryRows<{ write_id: number | null }>(
    db,
    sql`SELECT write_id FROM change_log WHERE seq <= ${seq} ORDER BY seq DESC LIMIT 1`,
  );
  return row ? row.write_id : undefined;
}

/** The cursor of position `seq` in this hub's change log. */
export async function cursorAt(db: HubDrizzle, seq: number): Promise<string> {
  const writeId = seq === 0 ? undefined : await writeIdAt(db, seq);
  return writeId == null ? String(seq) : `${seq}.${writeId}`;
}

/**
 * The sequence number a cursor stands for, once it is known to be a position in this
 * hub's change log; `latest` is the newest sequence number. A cursor without a write id
 * (the start, or a row logged before write ids) is taken by its number.
 */
export async function positionOf(db: HubDrizzle, cursor: string, latest: number): Promise<number> {
  const [number, writeId] = cursor.split('.');
  const seq = Number(number);
  if (seq > latest) {
    throw new HubError(
      409,
      'CURSOR_AHEAD',
      `Cursor ${seq} is ahead of this hub (latest ${latest}): pull again from 0.`,
    );
  }
  if (writeId !== undefined && (await writeIdAt(db, seq)) !== Number(writeId)) {
    throw new HubError(
      409,
      'CURSOR_UNKNOWN',
      `This hub never issued cursor ${cursor} (was it restored from a backup?): pull again from 0.`,
    );
  }
  return seq;
}
