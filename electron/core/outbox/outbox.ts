import type Database from 'better-sqlite3';
import type { MutationKind, MutationPayload } from '../../../src/shared/sync-api';
import type { Db } from '../db/connection';
import { outbox } from '../db/schema';
import { statement } from '../db/statements';
import { newId } from '../ids';

/**
 * Records a local change for the hub. Call inside the transaction that makes the change,
 * so the change and its outbox row commit together or not at all. The payload is already
 * in the hub's wire shape (src/shared/sync-api.ts), typed per kind, so what is queued
 * offline is exactly what push sends; the id is the UUIDv7 mutation id the hub uses to
 * apply it exactly once.
 */
export function enqueue<K extends MutationKind>(
  tx: Pick<Db, 'insert'>,
  kind: K,
  entityId: string,
  payload: MutationPayload<K>,
  now: number,
): void {
  tx.insert(outbox)
    .values({ id: newId(now), kind, entityId, payload, createdAt: now })
    .run();
}

/** Changes still waiting for the hub's acknowledgement. */
export function pendingCount(sqlite: Database.Database): number {
  return (statement(sqlite, "SELECT COUNT(*) AS n FROM outbox WHERE state = 'pending'").get() as { n: number }).n;
}
