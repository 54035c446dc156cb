import { AppError } from '../../../src/shared/errors';
import { nextHlc, type Hlc } from '../../../src/shared/sync-api';
import type { SyncIssue } from '../../../src/shared/sync-status';
import type { CoreContext } from '../context';
import { statement } from '../db/statements';
import { refreshIndexes } from '../search/refresh-indexes';
import { ENTITY_TABLE, FIELD_COLUMN } from './field-columns';
import { newId } from '../ids';
import { enqueue } from '../outbox/outbox';

interface IssueRow {
  id: string;
  kind: 'conflict' | 'rejected';
  mutation_id: string;
  entity: string;
  entity_id: string;
  field: string | null;
  yours: string | null;
  theirs: string | null;
  kept: 'yours' | 'theirs' | null;
  reason: string | null;
  message: string | null;
  created_at: number;
}

const json = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

/** Account or contact name and the account to open, for showing an issue in words. */
function describe(
  ctx: CoreContext,
  entity: string,
  id: string,
  payload: unknown,
): { label: string | null; accountId: string | null } {
  const sqlite = ctx.conn.sqlite;
  if (entity === 'account' || entity === 'account.create' || entity === 'account.update') {
    const row = statement(sqlite, 'SELECT name FROM accounts WHERE id = ?').get(id) as { name: string } | undefined;
    return { label: row?.name ?? null, accountId: row ? id : null };
  }
  if (entity === 'contact' || entity.startsWith('contact.')) {
    const row = statement(sqlite, 'SELECT name, account_id FROM contacts WHERE id = ?').get(id) as
      { name: string; account_id: string } | undefined;
    return { label: row?.name ?? null, accountId: row?.account_id ?? null };
  }
  const accountId = (payload as { accountId?: unknown } | null)?.accountId;
  const summary = payload as { summary?: unknown; name?: unknown } | null;
  const label =
    typeof summary?.summary === 'string' ? summary.summary : typeof summary?.name === 'string' ? summary.name : null;
  return { label, accountId: typeof accountId === 'string' ? accountId : null };
}

export function listIssues(ctx: CoreContext): SyncIssue[] {
  const rows = statement(
    ctx.conn.sqlite,
    'SELECT * FROM sync_issues WHERE resolved_at IS NULL ORDER BY created_at DESC',
  ).all() as IssueRow[];
  return rows.map((row) => {
    const yours = json(row.yours);
    return {
      id: row.id,
      kind: row.kind,
      entity: row.entity,
      entityId: row.entity_id,
      ...describe(ctx, row.entity, row.entity_id, yours),
      field: row.field,
      yours,
      theirs: json(row.theirs),
      kept: row.kept,
      reason: row.reason,
      message: row.message,
      createdAt: row.created_at,
    };
  });
}

/**
 * The rep's answer to an issue. For a conflict, the value they pick becomes a new field
 * update based on the newest clock both sides have seen, so it wins at the hub on the next
 * sync without hiding the other value's history. A refused change can be sent again
 * under a new mutation id (the hub remembers the old one as refused) or dismissed.
 * Returns the account whose data changed, if any; search and matching follow it after the commit.
 */
export function resolveIssue(
  ctx: CoreContext,
  issueId: string,
  choice: 'mine' | 'theirs' | 'retry' | 'dismiss',
): string[] {
  const sqlite = ctx.conn.sqlite;
  const row = statement(sqlite, 'SELECT * FROM sync_issues WHERE id = ? AND resolved_at IS NULL').get(issueId) as
    IssueRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', 'This issue no longer needs review.', 'issueId');
  const now = ctx.now();
  const changed = ctx.conn.db.transaction((tx) => {
    let accountId: string | null = null;
    if (row.kind === 'conflict' && (choice === 'mine' || choice === 'theirs')) {
      const yours = json(row.yours) as { value: unknown; hlc: Hlc };
      const theirs = json(row.theirs) as { value: unknown; hlc: Hlc | null };
      const kept = row.kept === 'yours' ? yours : theirs;
      const picked = choice === 'mine' ? yours : theirs;
      const entity = row.entity === 'account' ? 'account' : 'contact';
      const column = row.field ? FIELD_COLUMN[row.field] : undefined;
      if ((choice === 'mine') !== (row.kept === 'yours') && row.field && column) {
        const stored = Array.isArray(picked.value) ? JSON.stringify(picked.value) : picked.value;
        statement(sqlite, `UPDATE ${ENTITY_TABLE[entity]} SET ${column} = ?, updated_at = ? WHERE id = ?`).run(
          stored as string | null,
          now,
          row.entity_id,
        );
        const base =
          [yours.hlc, theirs.hlc]
            .filter((h): h is Hlc => h !== null)
            .sort()
            .at(-1) ?? null;
        const change = {
          [row.field]: { value: picked.value, hlc: nextHlc(now, ctx.deviceId, base), baseHlc: kept.hlc },
        };
        if (entity === 'account')
          enqueue(tx, 'account.update', row.entity_id, { id: row.entity_id, fields: change }, now);
        else enqueue(tx, 'contact.update', row.entity_id, { id: row.entity_id, fields: change }, now);
        accountId =
          entity === 'account'
            ? row.entity_id
            : ((
                statement(sqlite, 'SELECT account_id FROM contacts WHERE id = ?').get(row.entity_id) as
                  { account_id: string } | undefined
              )?.account_id ?? null);
      }
    } else if (row.kind === 'rejected' && choice === 'retry') {
      statement(
        sqlite,
        "INSERT INTO outbox (id, kind, entity_id, payload, created_at, state, attempts) SELECT ?, kind, entity_id, payload, ?, 'pending', 0 FROM outbox WHERE id = ?",
      ).run(newId(now), now, row.mutation_id);
    } else if (choice !== 'dismiss') {
      throw new AppError(
        'INVALID_INPUT',
        `“${choice}” does not apply to a ${row.kind === 'conflict' ? 'conflict' : 'refused change'}.`,
        'choice',
      );
    }
    statement(sqlite, 'UPDATE sync_issues SET resolved_at = ?, resolution = ? WHERE id = ?').run(now, choice, issueId);
    return accountId === null ? [] : [accountId];
  });
  refreshIndexes(ctx, changed);
  return changed;
}
