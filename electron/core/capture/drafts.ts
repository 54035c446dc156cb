import { eq } from 'drizzle-orm';
import { DraftFields, type CaptureFields as Fields } from '../../../src/shared/capture';
import type { CoreContext } from '../context';
import { captureDrafts } from '../db/schema';

/**
 * The half-typed visitor of an event's shift. Saved on every pause in typing (committed
 * like any write), restored after a crash or restart, cleared by the transaction that
 * saves the capture.
 */
export function saveDraft(ctx: CoreContext, eventId: string, fields: Fields): { savedAt: number } {
  const now = ctx.now();
  ctx.conn.db
    .insert(captureDrafts)
    .values({ eventId, fields, updatedAt: now })
    .onConflictDoUpdate({ target: captureDrafts.eventId, set: { fields, updatedAt: now } })
    .run();
  return { savedAt: now };
}

export function readDraft(ctx: CoreContext, eventId: string): { fields: Fields; savedAt: number } | null {
  const row = ctx.conn.db.select().from(captureDrafts).where(eq(captureDrafts.eventId, eventId)).get();
  if (!row) return null;
  // Field by field: a value this build no longer accepts (another build's scan source or
  // rating, a tightened limit) falls back to empty, and the rest of the visitor is kept.
  // Only a row that is not a set of fields at all is dropped rather than blocking the form.
  const parsed = DraftFields.safeParse(row.fields);
  return parsed.success ? { fields: parsed.data, savedAt: row.updatedAt } : null;
}

export function discardDraft(ctx: CoreContext, eventId: string): void {
  ctx.conn.db.delete(captureDrafts).where(eq(captureDrafts.eventId, eventId)).run();
}
