import type Database from 'better-sqlite3';
import { statement } from '../db/statements';

/**
 * Captures whose booth touchpoint is still waiting in the outbox: these exist only on
 * this device. Counted from the outbox itself, so the number can never drift from what
 * sync will actually send.
 */
export function unsyncedCaptureCount(sqlite: Database.Database, eventId?: string): number {
  const row = statement(
    sqlite,
    `SELECT COUNT(*) AS n FROM captures c
      WHERE (:eventId IS NULL OR c.event_id = :eventId)
        AND EXISTS (SELECT 1 FROM outbox o WHERE o.entity_id = c.booth_touchpoint_id AND o.state = 'pending')`,
  ).get({ eventId: eventId ?? null }) as { n: number };
  return row.n;
}

/**
 * Whether capture `c` is in an encrypted export written on this device: by the ids the
 * export lists, so a capture saved after the clock was set back is not taken for an older
 * one. Exports from before they listed ids fall back to the time of their newest capture.
 */
const COVERED_SQL = `EXISTS (SELECT 1 FROM capture_exports x
   WHERE (x.event_id IS NULL OR x.event_id = c.event_id)
     AND CASE WHEN x.capture_ids IS NULL THEN x.covers_until >= c.created_at
              ELSE EXISTS (SELECT 1 FROM json_each(x.capture_ids) j WHERE j.value = c.id) END)`;

/**
 * Unsynced captures not contained in any encrypted export written since they were made.
 * Signing out, resetting and deleting an event are refused while this is above zero.
 */
export function unprotectedCaptureCount(sqlite: Database.Database, eventId?: string): number {
  const row = statement(
    sqlite,
    `SELECT COUNT(*) AS n FROM captures c
      WHERE (:eventId IS NULL OR c.event_id = :eventId)
        AND EXISTS (SELECT 1 FROM outbox o WHERE o.entity_id = c.booth_touchpoint_id AND o.state = 'pending')
        AND NOT ${COVERED_SQL}`,
  ).get({ eventId: eventId ?? null }) as { n: number };
  return row.n;
}

/**
 * Queued changes that exist only on this device and in no encrypted export: everything
 * pending that no export carries (by outbox id: a change queued after an export, even for
 * an exported contact, is in none). Exports from before they listed their changes cover
 * what belongs to the captures they cover (their rows, contact, account, touchpoints,
 * consent, follow-up and event). Signing out is refused above zero.
 */
export function unprotectedWorkCount(sqlite: Database.Database): number {
  const row = statement(
    sqlite,
    `SELECT COUNT(*) AS n FROM outbox o
      WHERE o.state = 'pending'
        AND NOT EXISTS (SELECT 1 FROM capture_exports x, json_each(x.outbox_ids) j WHERE j.value = o.id)
        AND NOT EXISTS (
          SELECT 1 FROM captures c
           WHERE EXISTS (SELECT 1 FROM capture_exports x
                          WHERE x.outbox_ids IS NULL AND x.covers_until >= c.created_at
                            AND (x.event_id IS NULL OR x.event_id = c.event_id))
             AND (o.entity_id IN (c.id, c.event_id, c.contact_id, c.account_id, c.booth_touchpoint_id, c.card_touchpoint_id)
              OR o.entity_id IN (SELECT r.id FROM consent_records r WHERE r.contact_id = c.contact_id)
              OR o.entity_id IN (SELECT f.id FROM follow_ups f WHERE f.capture_id = c.id)))`,
  ).get() as { n: number };
  return row.n;
}
