import type Database from 'better-sqlite3';
import {
  MAX_PUSH_MUTATIONS,
  MutationResult,
  type FieldConflict,
  type MutationEnvelope,
  type PushResponse,
} from '../../../src/shared/sync-api';
import { statement } from '../db/statements';
import { ENTITY_TABLE, FIELD_COLUMN } from './field-columns';
import { newId } from '../ids';

/**
 * A push carries at most this much payload: half the hub's default request limit (8 MiB),
 * so a run of long meeting notes is split over several requests instead of being refused.
 */
export const PUSH_BATCH_BYTES = 4 * 1024 * 1024;

interface OutboxRow {
  id: string;
  kind: string;
  entity_id: string;
  payload: string;
}

export interface PushTally {
  applied: number;
  rejected: number;
  conflicts: number;
}

/**
 * The oldest waiting changes, as the hub expects them, in the order they were written:
 * rowid order, because ids made in the same millisecond need not sort in write order, and
 * a contact must reach the hub before the touchpoint that names it. As many as the hub
 * takes in one push, within `maxBytes` of payload (always at least one change).
 */
export function nextBatch(sqlite: Database.Database, maxBytes = PUSH_BATCH_BYTES): MutationEnvelope[] {
  const rows = statement(
    sqlite,
    "SELECT id, kind, entity_id, payload FROM outbox WHERE state = 'pending' ORDER BY rowid LIMIT ?",
  ).all(MAX_PUSH_MUTATIONS) as OutboxRow[];
  const batch: MutationEnvelope[] = [];
  let bytes = 0;
  for (const row of rows) {
    bytes += Buffer.byteLength(row.payload);
    if (batch.length > 0 && bytes > maxBytes) break;
    batch.push({ mutationId: row.id, kind: row.kind, payload: JSON.parse(row.payload) as unknown });
  }
  return batch;
}

/**
 * Accounts created on this device before it knew its territory (a booth capture before
 * enrolment) get the device's territory now, in the row and in the queued mutation, so
 * the hub can place them.
 */
export function assignTerritory(sqlite: Database.Database, territory: string): void {
  sqlite.transaction(() => {
    statement(
      sqlite,
      `UPDATE outbox SET payload = json_set(payload, '$.territory', ?)
        WHERE state = 'pending' AND kind = 'account.create' AND json_extract(payload, '$.territory') = ''`,
    ).run(territory);
    statement(sqlite, "UPDATE accounts SET territory = ? WHERE territory = ''").run(territory);
  })();
}

function storeClock(sqlite: Database.Database, entity: string, id: string, field: string, hlc: string): void {
  statement(
    sqlite,
    `INSERT INTO field_clocks (entity, id, field, hlc) VALUES (?, ?, ?, ?)
     ON CONFLICT (entity, id, field) DO UPDATE SET hlc = excluded.hlc WHERE excluded.hlc > field_clocks.hlc`,
  ).run(entity, id, field, hlc);
}

function recordConflict(sqlite: Database.Database, mutationId: string, conflict: FieldConflict, now: number): void {
  statement(
    sqlite,
    `INSERT INTO sync_issues (id, kind, mutation_id, entity, entity_id, field, yours, theirs, kept, reason, message, created_at)
     VALUES (?, 'conflict', ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?)`,
  ).run(
    newId(now),
    mutationId,
    conflict.entity,
    conflict.id,
    conflict.field,
    JSON.stringify(conflict.yours),
    JSON.stringify(conflict.theirs),
    conflict.kept,
    now,
  );
  // The hub keeps the newer clock; when that is the other device's value, show it here too.
  if (conflict.kept === 'theirs' && FIELD_COLUMN[conflict.field]) {
    const value = conflict.theirs.value;
    statement(
      sqlite,
      `UPDATE ${ENTITY_TABLE[conflict.entity]} SET ${FIELD_COLUMN[conflict.field]} = ? WHERE id = ?`,
    ).run(Array.isArray(value) ? JSON.stringify(value) : (value as string | null), conflict.id);
    if (conflict.theirs.hlc) storeClock(sqlite, conflict.entity, conflict.id, conflict.field, conflict.theirs.hlc);
  } else {
    storeClock(sqlite, conflict.entity, conflict.id, conflict.field, conflict.yours.hlc);
  }
}

function wasResent(sqlite: Database.Database, mutationId: string): boolean {
  const row = statement(sqlite, 'SELECT resent FROM outbox WHERE id = ?').get(mutationId) as { resent: number };
  return row.resent === 1;
}

/** A field update the hub applied: its clock is now the hub's clock for the field. */
function storeAppliedClocks(sqlite: Database.Database, mutation: MutationEnvelope): void {
  if (mutation.kind !== 'account.update' && mutation.kind !== 'contact.update') return;
  const payload = mutation.payload as { id: string; fields: Record<string, { hlc: string }> };
  for (const [field, change] of Object.entries(payload.fields)) {
    storeClock(sqlite, mutation.kind.split('.')[0] ?? '', payload.id, field, change.hlc);
  }
}

/**
 * Records what the hub said about a batch, in ONE transaction: applied and duplicate
 * mutations leave the queue; a rejected one leaves it too (so it never blocks the rest)
 * and lands on the "needs review" list with its reason; a conflicted one was applied
 * field by field and its conflicting fields land on the same list. A mutation the hub
 * did not answer for stays queued.
 */
export function recordPushResults(
  sqlite: Database.Database,
  batch: MutationEnvelope[],
  response: PushResponse,
  hubId: string,
  now: number,
): PushTally {
  const byId = new Map(batch.map((mutation) => [mutation.mutationId, mutation]));
  const tally: PushTally = { applied: 0, rejected: 0, conflicts: 0 };
  sqlite.transaction(() => {
    for (const answer of response.results) {
      const mutation = byId.get(answer.mutationId);
      if (!mutation) continue;
      const result: Exclude<MutationResult, { status: 'duplicate' }> =
        answer.status === 'duplicate' ? answer.original : answer;
      if (result.status === 'rejected') {
        statement(sqlite, "UPDATE outbox SET state = 'rejected', last_error = ? WHERE id = ?").run(
          `${result.reason}: ${result.message}`,
          mutation.mutationId,
        );
        statement(
          sqlite,
          `INSERT INTO sync_issues (id, kind, mutation_id, entity, entity_id, field, yours, theirs, kept, reason, message, created_at)
           SELECT ?, 'rejected', id, kind, entity_id, NULL, payload, NULL, NULL, ?, ?, ? FROM outbox WHERE id = ?`,
        ).run(newId(now), result.reason, result.message, now, mutation.mutationId);
        tally.rejected++;
        continue;
      }
      // Read only for a conflict (rare), before the row is marked done.
      const resent = result.status === 'conflict' && wasResent(sqlite, mutation.mutationId);
      statement(sqlite, "UPDATE outbox SET state = 'done', hub_id = ?, resent = 0, last_error = NULL WHERE id = ?").run(
        hubId,
        mutation.mutationId,
      );
      if (result.status === 'conflict') {
        // A change resent to a restored hub is old work the rep already saw through (and
        // whose conflicts the rep may have settled): the hub's newer clock wins, as it does,
        // and the pull that follows brings its value, without asking the rep again.
        if (!resent) {
          for (const conflict of result.conflicts) recordConflict(sqlite, mutation.mutationId, conflict, now);
          tally.conflicts += result.conflicts.length;
        }
      } else {
        storeAppliedClocks(sqlite, mutation);
      }
      tally.applied++;
    }
  })();
  return tally;
}

/**
 * Queues again every change this hub acknowledged, because it may have lost some of them
 * (restored from a backup, or enrolling this device anew). They go under their own mutation
 * ids, so what the hub still holds is answered as a duplicate and only what it lost is
 * applied; never to another hub. Returns how many.
 */
export function resendAcknowledged(sqlite: Database.Database, hubId: string): number {
  return statement(
    sqlite,
    "UPDATE outbox SET state = 'pending', resent = 1, attempts = 0, last_error = NULL WHERE state = 'done' AND hub_id = ?",
  ).run(hubId).changes;
}

/** A failed attempt is counted on the rows it carried, for the sync screen; they stay queued. */
export function recordPushFailure(sqlite: Database.Database, batch: MutationEnvelope[], message: string): void {
  const update = statement(sqlite, 'UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?');
  sqlite.transaction(() => {
    for (const mutation of batch) update.run(message, mutation.mutationId);
  })();
}
