import type Database from 'better-sqlite3';
import { nextHlc, type Hlc } from '../../../src/shared/sync-api';
import { statement } from '../db/statements';

/**
 * The clock of the value a local edit of `field` replaces, as this device knows it: its
 * own queued edit of the field if there is one (the hub applies a device's edits in
 * order, so that is what the next edit follows), otherwise the hub's clock as last
 * pulled or acknowledged. Sent as `baseHlc`, it tells the hub the device saw the value it
 * replaced; without it the hub would report the device's second edit of a field as
 * conflicting with its first. An edit resent to a restored hub is older than what the
 * device has pulled since, so it is not what the next edit follows.
 */
function seenClock(sqlite: Database.Database, entity: 'account' | 'contact', id: string, field: string): Hlc | null {
  const queued = statement(
    sqlite,
    `SELECT json_extract(payload, '$.fields.' || :field || '.hlc') AS hlc FROM outbox
      WHERE state = 'pending' AND NOT resent AND kind = :kind AND entity_id = :id
        AND json_extract(payload, '$.fields.' || :field || '.hlc') IS NOT NULL
      ORDER BY rowid DESC LIMIT 1`,
  ).get({ field, kind: `${entity}.update`, id }) as { hlc: string } | undefined;
  if (queued) return queued.hlc;
  const held = statement(sqlite, 'SELECT hlc FROM field_clocks WHERE entity = ? AND id = ? AND field = ?').get(
    entity,
    id,
    field,
  ) as { hlc: string } | undefined;
  return held?.hlc ?? null;
}

/** Each field given (an optional one only when it is set) as a change for the hub. */
type Stamped<T> = { [K in keyof T]: { value: Exclude<T[K], undefined>; hlc: Hlc; baseHlc: Hlc | null } };

/**
 * Local edits of fields of one record, stamped for the hub: each based on the clock the
 * device has seen for its field, and newer than it even when the wall clock went back
 * (an NTP correction, a laptop a day behind).
 */
export function stampEdits<T extends Record<string, unknown>>(
  sqlite: Database.Database,
  deviceId: string,
  now: number,
  entity: 'account' | 'contact',
  id: string,
  values: T,
): Stamped<T> {
  const stamped: Record<string, { value: unknown; hlc: Hlc; baseHlc: Hlc | null }> = {};
  for (const [field, value] of Object.entries(values)) {
    if (value === undefined) continue;
    const baseHlc = seenClock(sqlite, entity, id, field);
    stamped[field] = { value, hlc: nextHlc(now, deviceId, baseHlc), baseHlc };
  }
  return stamped as Stamped<T>;
}
