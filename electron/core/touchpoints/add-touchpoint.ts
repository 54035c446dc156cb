import type { ParsedInput } from '../../../src/shared/contract';
import type { Channel, Team, Touchpoint } from '../../../src/shared/domain';
import { AppError } from '../../../src/shared/errors';
import { assertAccountExists } from '../accounts/accounts';
import type { CoreContext } from '../context';
import type { Db } from '../db/connection';
import { touchpointContacts, touchpointContent, touchpoints } from '../db/schema';
import { statement } from '../db/statements';
import { newId } from '../ids';
import { enqueue } from '../outbox/outbox';
import { assertStageExists } from '../stages/stages';
import { hydrateTouchpoints, TOUCHPOINT_COLUMNS, type TouchpointRow } from '../journey/touchpoint-rows';

export interface Author {
  name: string;
  team: Team;
}

/** A touchpoint about to be written. */
export interface NewTouchpoint {
  id: string;
  accountId: string;
  occurredAt: number;
  channel: Channel;
  team: Team;
  stageCode: string;
  summary: string;
  details: Record<string, unknown>;
  author: string;
  originDevice: string;
  supersedesId: string | null;
  createdAt: number;
}

/**
 * Writes one touchpoint with its contact and content links and its `touchpoint.create`
 * outbox row (the hub's wire shape: the row without its local created-at). Call inside
 * the caller's transaction: the touchpoint and its outbox row commit together or not at all.
 */
export function insertTouchpoint(
  tx: Pick<Db, 'insert'>,
  row: NewTouchpoint,
  contactIds: string[],
  contentVersionIds: string[],
): void {
  tx.insert(touchpoints).values(row).run();
  if (contactIds.length > 0) {
    tx.insert(touchpointContacts)
      .values(contactIds.map((contactId) => ({ touchpointId: row.id, contactId })))
      .run();
  }
  if (contentVersionIds.length > 0) {
    tx.insert(touchpointContent)
      .values(contentVersionIds.map((contentVersionId) => ({ touchpointId: row.id, contentVersionId })))
      .run();
  }
  const { createdAt, ...wire } = row;
  enqueue(tx, 'touchpoint.create', row.id, { ...wire, contactIds, contentVersionIds }, createdAt);
}

/**
 * Logs a meeting, call or e-mail from the journey. The touchpoint, its contacts and its
 * outbox row commit in one transaction (synchronous=FULL), and only then is the change
 * announced, so whatever the UI shows as saved survives a crash.
 */
export function addTouchpoint(ctx: CoreContext, input: ParsedInput<'touchpoints.add'>, author: Author): Touchpoint {
  const { db } = ctx.conn;
  const sqlite = db.$client;
  const now = ctx.now();
  const id = newId(now);
  const contactIds = [...new Set(input.contactIds)];

  db.transaction((tx) => {
    assertAccountExists(db, input.accountId, 'accountId');
    assertStageExists(db, input.stageCode);
    for (const contactId of contactIds) {
      const owner = statement(sqlite, 'SELECT account_id FROM contacts WHERE id = ?').get(contactId) as
        { account_id: string } | undefined;
      if (owner?.account_id !== input.accountId) {
        throw new AppError('UNKNOWN_CONTACT', `Contact "${contactId}" is not at this account.`, 'contactIds');
      }
    }
    if (input.supersedesId !== undefined) {
      const earlier = statement(sqlite, 'SELECT account_id FROM touchpoints WHERE id = ?').get(input.supersedesId) as
        { account_id: string } | undefined;
      if (earlier?.account_id !== input.accountId) {
        throw new AppError(
          'NOT_FOUND',
          `There is no touchpoint "${input.supersedesId}" at this account.`,
          'supersedesId',
        );
      }
    }
    const details: Record<string, unknown> = {};
    if (input.notes !== '') details.notes = input.notes;
    if (input.nextSteps !== '') details.nextSteps = input.nextSteps;
    const row: NewTouchpoint = {
      id,
      accountId: input.accountId,
      occurredAt: input.occurredAt ?? now,
      channel: input.channel,
      team: author.team,
      stageCode: input.stageCode,
      summary: input.summary,
      details,
      author: author.name,
      originDevice: ctx.deviceId,
      supersedesId: input.supersedesId ?? null,
      createdAt: now,
    };
    insertTouchpoint(tx, row, contactIds, []);
  });

  ctx.emit('data.changed', { scopes: ['touchpoints'], accountIds: [input.accountId] });
  const stored = statement(sqlite, `SELECT ${TOUCHPOINT_COLUMNS} FROM touchpoints t WHERE t.id = ?`).get(
    id,
  ) as TouchpointRow;
  const [touchpoint] = hydrateTouchpoints(sqlite, [stored]);
  if (!touchpoint) throw new AppError('INTERNAL', 'The saved touchpoint could not be read back.');
  return touchpoint;
}
