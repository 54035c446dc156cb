import { eq } from 'drizzle-orm';
import { Settings } from '../../../src/shared/contract';
import type { Db } from '../db/connection';
import { settings } from '../db/schema';
import { newId } from '../ids';

const DEFAULTS: Settings = { language: 'system', repName: '', team: 'field_sales', phoneRegion: 'JP', territory: '', contentBudgetMb: 4096 };

export function readSettings(db: Db): Settings {
  const stored = Object.fromEntries(
    db
      .select()
      .from(settings)
      .all()
      .map((row) => [row.key, row.value]),
  );
  // Stored values pass through the contract too: a value from an older build falls back to the default.
  const parsed = Settings.partial().safeParse(stored);
  return { ...DEFAULTS, ...(parsed.success ? parsed.data : {}) };
}

export function updateSettings(db: Db, patch: Partial<Settings>): Settings {
  db.transaction((tx) => {
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      tx.insert(settings).values({ key, value }).onConflictDoUpdate({ target: settings.key, set: { value } }).run();
    }
  });
  return readSettings(db);
}

/** This installation's id, created on first open; it tags every touchpoint written here. */
export function ensureDeviceId(db: Db, now: number): string {
  const row = db.select().from(settings).where(eq(settings.key, 'device_id')).get();
  if (row && typeof row.value === 'string') return row.value;
  const id = newId(now);
  db.insert(settings).values({ key: 'device_id', value: id }).run();
  return id;
}
