import { eq } from 'drizzle-orm';
import { Settings } from '../../../src/shared/contract';
import type { Db } from '../db/connection';
import { settings } from '../db/schema';
import { statement } from '../db/statements';
import { newId } from '../ids';

const DEFAULTS: Settings = {
  language: 'system',
  repName: '',
  team: 'field_sales',
  phoneRegion: 'JP',
  territory: '',
  contentBudgetMb: 4096,
};

export function readSettings(db: Db): Settings {
  // A prepared statement, not a query builder: touchpoints and captures read the rep's name on every save.
  const rows = statement(db.$client, 'SELECT key, value FROM settings').all() as { key: string; value: string }[];
  const settings: Record<string, unknown> = { ...DEFAULTS };
  for (const { key, value } of rows) {
    // Each stored value passes through the contract on its own: one a newer or older build wrote
    // differently falls back to its default without taking the others with it.
    const schema = (Settings.shape as Record<string, { safeParse(v: unknown): { success: boolean; data?: unknown } }>)[
      key
    ];
    const parsed = schema?.safeParse(JSON.parse(value));
    if (parsed?.success) settings[key] = parsed.data;
  }
  return settings as Settings;
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
