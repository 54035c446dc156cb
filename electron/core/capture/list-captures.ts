import { z } from 'zod';
import { Rating, type CaptureSummary } from '../../../src/shared/capture';
import type { CoreContext } from '../context';
import { statement } from '../db/statements';
import { mayContactSql } from './consent-sql';

interface CaptureRow {
  id: string;
  created_at: number;
  contact_id: string;
  contact_name: string;
  title: string | null;
  emails: string;
  account_id: string;
  account_name: string;
  rating: string | null;
  consent: number;
  follow_up_kind: string | null;
  follow_up_status: string | null;
  matched_contact: number;
  pending: number;
}

const FollowUpKind = z.enum(['content', 'meeting']).nullable().catch(null);
const FollowUpStatus = z.enum(['requested', 'drafted', 'blocked_no_consent']).nullable().catch(null);

/** The event's captures (or the one asked for), newest first, with what the after-show list needs per visitor. */
export function listCaptures(ctx: CoreContext, eventId: string, captureId: string | null = null): CaptureSummary[] {
  const rows = statement(
    ctx.conn.sqlite,
    `SELECT c.id, c.created_at, c.contact_id, p.name AS contact_name, p.title, p.emails, c.account_id, a.name AS account_name,
            c.rating, c.matched_contact,
            ${mayContactSql('c.contact_id')} AS consent,
            f.kind AS follow_up_kind, f.status AS follow_up_status,
            EXISTS (SELECT 1 FROM outbox o WHERE o.entity_id = c.booth_touchpoint_id AND o.state = 'pending') AS pending
       FROM captures c
       JOIN contacts p ON p.id = c.contact_id
       JOIN accounts a ON a.id = c.account_id
       LEFT JOIN follow_ups f ON f.capture_id = c.id
      WHERE c.event_id = :eventId AND (:captureId IS NULL OR c.id = :captureId)
      ORDER BY c.created_at DESC, c.id DESC`,
  ).all({ eventId, captureId }) as CaptureRow[];
  return rows.map((row) => {
    const kind = FollowUpKind.parse(row.follow_up_kind);
    return {
      id: row.id,
      createdAt: row.created_at,
      contactId: row.contact_id,
      contactName: row.contact_name,
      accountId: row.account_id,
      accountName: row.account_name,
      title: row.title ?? '',
      emails: z.array(z.string()).catch([]).parse(JSON.parse(row.emails)),
      rating: Rating.nullable().catch(null).parse(row.rating),
      consent: row.consent === 1,
      followUp: kind ?? 'none',
      followUpStatus: kind ? (FollowUpStatus.parse(row.follow_up_status) ?? 'requested') : 'none',
      matchedContact: row.matched_contact === 1,
      synced: row.pending === 0,
    };
  });
}
