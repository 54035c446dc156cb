import type { ParsedInput } from '../../../src/shared/contract';
import type { Touchpoint } from '../../../src/shared/domain';
import { AppError } from '../../../src/shared/errors';
import { assertAccountExists } from '../accounts/accounts';
import type { Db } from '../db/connection';
import { statement } from '../db/statements';
import { hydrateTouchpoints, TOUCHPOINT_COLUMNS, type TouchpointRow } from './touchpoint-rows';

/**
 * One timeline of every team's and channel's touchpoints for an account, newest first,
 * never split by department. Superseded touchpoints (corrected later) are left out.
 * Keyset pagination on (occurred_at, id) keeps page N as fast as page 1.
 */
const TIMELINE_SQL = `
  SELECT ${TOUCHPOINT_COLUMNS}
    FROM touchpoints t
   WHERE t.account_id = :accountId
     AND NOT EXISTS (SELECT 1 FROM touchpoints s WHERE s.supersedes_id = t.id)
     AND (:stages IS NULL OR t.stage_code IN (SELECT value FROM json_each(:stages)))
     AND (:channels IS NULL OR t.channel IN (SELECT value FROM json_each(:channels)))
     AND (:contactId IS NULL OR EXISTS (
           SELECT 1 FROM touchpoint_contacts tc WHERE tc.touchpoint_id = t.id AND tc.contact_id = :contactId))
     AND (:beforeAt IS NULL OR t.occurred_at < :beforeAt OR (t.occurred_at = :beforeAt AND t.id < :beforeId))
   ORDER BY t.occurred_at DESC, t.id DESC
   LIMIT :limit`;

function encodeCursor(row: TouchpointRow): string {
  return `${row.occurred_at}:${row.id}`;
}

function decodeCursor(cursor: string): { beforeAt: number; beforeId: string } {
  const separator = cursor.indexOf(':');
  const beforeAt = Number(cursor.slice(0, separator));
  const beforeId = cursor.slice(separator + 1);
  if (separator < 1 || !Number.isSafeInteger(beforeAt) || beforeId === '') {
    throw new AppError('INVALID_INPUT', 'The timeline cursor is not one this app issued.', 'cursor');
  }
  return { beforeAt, beforeId };
}

export function timeline(
  db: Db,
  input: ParsedInput<'journey.timeline'>,
): { items: Touchpoint[]; nextCursor: string | null } {
  const sqlite = db.$client;
  assertAccountExists(db, input.accountId, 'accountId');
  const cursor = input.cursor ? decodeCursor(input.cursor) : { beforeAt: null, beforeId: null };
  const rows = statement(sqlite, TIMELINE_SQL).all({
    accountId: input.accountId,
    stages: input.stageCodes && input.stageCodes.length > 0 ? JSON.stringify(input.stageCodes) : null,
    channels: input.channels && input.channels.length > 0 ? JSON.stringify(input.channels) : null,
    contactId: input.contactId ?? null,
    ...cursor,
    // One extra row tells whether there is a next page without a COUNT.
    limit: input.limit + 1,
  }) as TouchpointRow[];
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: hydrateTouchpoints(sqlite, page),
    nextCursor: rows.length > input.limit && last ? encodeCursor(last) : null,
  };
}
