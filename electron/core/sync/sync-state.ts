import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { Cursor, CursorCheck, Identity, type Scope } from '../../../src/shared/sync-api';
import type { Db } from '../db/connection';
import { settings } from '../db/schema';

/** What this device knows about its hub, kept in the settings table under one key. */
export const SyncState = z.object({
  hubUrl: z.string(),
  identity: Identity,
  cursor: Cursor,
  /** The hub's check for the cursor (absent in states written before checks). */
  cursorCheck: CursorCheck.nullable().default(null),
  /** Where the last acknowledged push ended in the hub's log, until the cursor passes it. */
  pushedTo: z.object({ cursor: Cursor, check: CursorCheck }).nullable().default(null),
  lastPullAt: z.number().nullable(),
  lastPushAt: z.number().nullable(),
});
export type SyncState = z.infer<typeof SyncState>;

const KEY = 'sync';

export function readSyncState(db: Pick<Db, 'select'>): SyncState | null {
  const row = db.select().from(settings).where(eq(settings.key, KEY)).get();
  const parsed = SyncState.safeParse(row?.value);
  return parsed.success ? parsed.data : null;
}

/** Written inside the transaction that applies a pulled page, so the cursor never runs ahead of the data. */
export function writeSyncState(db: Pick<Db, 'insert'>, state: SyncState): void {
  db.insert(settings)
    .values({ key: KEY, value: state })
    .onConflictDoUpdate({ target: settings.key, set: { value: state } })
    .run();
}

export function clearSyncState(db: Pick<Db, 'delete'>): void {
  db.delete(settings).where(eq(settings.key, KEY)).run();
}

/**
 * Whether `now` covers records `before` did not: a territory added to the rep, or access
 * to all. The hub writes nothing to its change log when a rep is given a territory, so the
 * territory's existing records lie behind the device's cursor.
 */
export function scopeWidened(before: Scope, now: Scope): boolean {
  if (now.all) return !before.all;
  return !before.all && now.territories.some((territory) => !before.territories.includes(territory));
}
