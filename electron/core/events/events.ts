import { z } from 'zod';
import { NewEvent, QualificationQuestion, type EventDetail } from '../../../src/shared/capture';
import { AppError } from '../../../src/shared/errors';
import type { CoreContext } from '../context';
import { events } from '../db/schema';
import { statement } from '../db/statements';
import { newId } from '../ids';
import { enqueue } from '../outbox/outbox';
import { unsyncedCaptureCount } from '../capture/unsynced';

interface EventRow {
  id: string;
  name: string;
  venue: string;
  starts_on: string;
  ends_on: string;
  booth: string;
  questions: string;
  consent_text: string;
  consent_version: string;
  products: string;
  capture_count: number;
}

const Questions = z.array(QualificationQuestion).catch([]);
const Products = z.array(z.string()).catch([]);

function toDetail(ctx: CoreContext, row: EventRow): EventDetail {
  return {
    id: row.id,
    name: row.name,
    venue: row.venue,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    booth: row.booth,
    // Stored JSON is parsed like any other input; a malformed list reads as empty rather than breaking the screen.
    questions: Questions.parse(JSON.parse(row.questions)),
    consentText: row.consent_text,
    consentVersion: row.consent_version,
    products: Products.parse(JSON.parse(row.products)),
    captureCount: row.capture_count,
    unsyncedCount: unsyncedCaptureCount(ctx.conn.sqlite, row.id),
  };
}

/** Name and consent wording only: what a capture needs, without counting the event's captures. */
export function eventBasics(
  ctx: CoreContext,
  id: string,
  field = 'eventId',
): { name: string; consentText: string; consentVersion: string } {
  const row = statement(ctx.conn.sqlite, 'SELECT name, consent_text, consent_version FROM events WHERE id = ?').get(
    id,
  ) as { name: string; consent_text: string; consent_version: string } | undefined;
  if (!row) throw new AppError('NOT_FOUND', `There is no event "${id}".`, field);
  return { name: row.name, consentText: row.consent_text, consentVersion: row.consent_version };
}

const EVENT_SQL = `SELECT e.*, (SELECT COUNT(*) FROM captures c WHERE c.event_id = e.id) AS capture_count FROM events e`;

export function listEvents(ctx: CoreContext): EventDetail[] {
  const rows = statement(ctx.conn.sqlite, `${EVENT_SQL} ORDER BY e.starts_on DESC`).all() as EventRow[];
  return rows.map((row) => toDetail(ctx, row));
}

export function getEvent(ctx: CoreContext, id: string, field = 'id'): EventDetail {
  const row = statement(ctx.conn.sqlite, `${EVENT_SQL} WHERE e.id = ?`).get(id) as EventRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', `There is no event "${id}".`, field);
  return toDetail(ctx, row);
}

/** Creates an event offline; it reaches the hub with the next sync like any other change. */
export function createEvent(ctx: CoreContext, input: z.output<typeof NewEvent>): EventDetail {
  const now = ctx.now();
  const id = newId(now);
  const row = { id, ...input, createdAt: now };
  ctx.conn.db.transaction((tx) => {
    tx.insert(events).values(row).run();
    enqueue(tx, 'event.create', id, row, now);
  });
  ctx.emit('data.changed', { scopes: ['events'], accountIds: [] });
  return getEvent(ctx, id);
}
