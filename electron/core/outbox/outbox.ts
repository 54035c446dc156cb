import type { Db } from '../db/connection';
import { outbox } from '../db/schema';
import { newId } from '../ids';

export type OutboxKind =
  | 'touchpoint.create'
  | 'account.create'
  | 'contact.create'
  | 'contact.update'
  | 'consent.record'
  | 'followup.create'
  | 'followup.update'
  | 'event.create'
  | 'event.delete';

/**
 * Records a local change for the hub. Call inside the transaction that makes the change,
 * so the change and its outbox row commit together or not at all.
 */
export function enqueue(
  tx: Pick<Db, 'insert'>,
  kind: OutboxKind,
  entityId: string,
  payload: unknown,
  now: number,
): void {
  tx.insert(outbox)
    .values({ id: newId(now), kind, entityId, payload, createdAt: now })
    .run();
}
