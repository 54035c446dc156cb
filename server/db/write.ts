import { randomInt } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { ChangeKind } from '../../src/shared/sync-api';
import { insertRows } from './bulk';
import { queryRows, type HubDrizzle, type HubTx } from './connection';
import { changeLog } from './schema';

/** One advisory lock key for every writer of the change log. */
const CHANGE_LOG_LOCK = 0x6875625f6c6f67n; // "hub_log"

export interface ChangeEntry {
  kind: ChangeKind;
  entityId: string;
  /** The territory that may see it; null = every device. */
  territory: string | null;
}

export interface WriteContext {
  tx: HubTx;
  /** Announces changed records to pull, in this order, when the transaction commits. */
  logChanges(entries: readonly ChangeEntry[]): void;
}

/** Where a write transaction's changes ended in the change log: the last row's number and write id. */
export interface LogPosition {
  seq: number;
  writeId: number;
}

/**
 * Every write that devices must learn about goes through here. The transaction first
 * takes one advisory lock and holds it until commit, and numbers its change-log rows
 * after the highest committed one. So writers commit in sequence order and a reader can
 * never see seq n+1 while n is still in flight: a pull cursor cannot skip a row, which a
 * plain PostgreSQL sequence under concurrent writers would allow. Readers take no lock.
 * Push transactions are short (bulk statements), so serialising them costs little.
 * Answers the work's value and where its changes ended in the log (where the log ends, if
 * it logged none; null while the log's end predates write ids).
 */
export async function writeTransactionAt<T>(
  db: HubDrizzle,
  work: (ctx: WriteContext) => Promise<T>,
): Promise<{ value: T; position: LogPosition | null }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${CHANGE_LOG_LOCK.toString()}::bigint)`);
    const pending: ChangeEntry[] = [];
    const value = await work({ tx, logChanges: (entries) => void pending.push(...entries) });
    if (pending.length === 0) {
      // Nothing new (a retried push whose first answer was lost, say): the end of the log,
      // which holds whatever this write repeats, is its position.
      const [end] = await queryRows<{ seq: number; write_id: number | null }>(
        tx,
        sql`SELECT seq, write_id FROM change_log ORDER BY seq DESC LIMIT 1`,
      );
      const position = end?.write_id == null ? null : { seq: Number(end.seq), writeId: end.write_id };
      return { value, position };
    }
    const [top] = await queryRows<{ max: number }>(tx, sql`SELECT coalesce(max(seq), 0) AS max FROM change_log`);
    const base = Number(top?.max ?? 0);
    // Tells this transaction's rows from those of a write a restored backup lost (see pull cursors).
    const writeId = randomInt(1, 2 ** 31);
    await insertRows(
      tx,
      changeLog,
      pending.map((entry, index) => ({ seq: base + index + 1, ...entry, writeId })),
    );
    return { value, position: { seq: base + pending.length, writeId } };
  });
}

/** writeTransactionAt, for writers that need not say where their changes went. */
export async function writeTransaction<T>(db: HubDrizzle, work: (ctx: WriteContext) => Promise<T>): Promise<T> {
  return (await writeTransactionAt(db, work)).value;
}

/** The newest sequence number any reader can see. */
export async function latestSeq(db: HubDrizzle | HubTx): Promise<number> {
  const [top] = await queryRows<{ max: number }>(db, sql`SELECT coalesce(max(seq), 0) AS max FROM change_log`);
  return Number(top?.max ?? 0);
}
