import { eq, sql } from 'drizzle-orm';
import {
  FirstResult,
  isMutationKind,
  MUTATION_PAYLOADS,
  type FieldConflict,
  type MutationEnvelope,
  type MutationKind,
  type MutationPayload,
  type MutationResult,
  type PushResponse,
} from '../../../src/shared/sync-api';
import type { Caller } from '../../auth/identity';
import { insertRows } from '../../db/bulk';
import { UNSTORABLE_MESSAGES, unstorableReason } from '../../db/storable-text';
import type { HubDrizzle, HubTx } from '../../db/connection';
import {
  accounts,
  consentRecords,
  contacts,
  devices,
  events,
  followups,
  mutations,
  touchpoints,
} from '../../db/schema';
import { writeTransactionAt } from '../../db/write';
import { describeIssues } from '../../http/errors';
import {
  createAccount,
  createContact,
  createEvent,
  createFollowup,
  createTouchpoint,
  recordConsent,
} from './apply-create';
import { updateAccount, updateContact } from './apply-update';
import { BatchState, loadBatchState, Rejection, type ParsedMutation } from './batch-state';

type Handler<K extends MutationKind> = (state: BatchState, payload: MutationPayload<K>) => FieldConflict[] | void;

const HANDLERS: { [K in MutationKind]: Handler<K> } = {
  'account.create': createAccount,
  'contact.create': createContact,
  'touchpoint.create': createTouchpoint,
  'consent.record': recordConsent,
  'followup.create': createFollowup,
  'event.create': createEvent,
  'account.update': updateAccount,
  'contact.update': updateContact,
};

type Step = { envelope: MutationEnvelope } & (
  { parsed: ParsedMutation } | { result: FirstResult } | { duplicateOf: string }
);

/** Checks kind and payload of each mutation on its own: a bad one is rejected, the rest go on. */
function parseEnvelope(envelope: MutationEnvelope): Step {
  const { mutationId, kind } = envelope;
  if (!isMutationKind(kind)) {
    return {
      envelope,
      result: { mutationId, status: 'rejected', reason: 'UNKNOWN_KIND', message: `This hub does not know "${kind}".` },
    };
  }
  const unstorable = unstorableReason(envelope.payload);
  if (unstorable) {
    return {
      envelope,
      result: {
        mutationId,
        status: 'rejected',
        reason: 'INVALID_PAYLOAD',
        message: `The payload ${UNSTORABLE_MESSAGES[unstorable]}.`,
      },
    };
  }
  const payload = MUTATION_PAYLOADS[kind].safeParse(envelope.payload);
  if (!payload.success) {
    return {
      envelope,
      result: { mutationId, status: 'rejected', reason: 'INVALID_PAYLOAD', message: describeIssues(payload.error) },
    };
  }
  return { envelope, parsed: { mutationId, kind, payload: payload.data } as ParsedMutation };
}

function apply(state: BatchState, mutation: ParsedMutation): FirstResult {
  const handler = HANDLERS[mutation.kind] as Handler<MutationKind>;
  try {
    const conflicts = handler(state, mutation.payload) ?? [];
    return conflicts.length > 0
      ? { mutationId: mutation.mutationId, status: 'conflict', conflicts }
      : { mutationId: mutation.mutationId, status: 'applied' };
  } catch (error) {
    if (!(error instanceof Rejection)) throw error;
    return { mutationId: mutation.mutationId, status: 'rejected', reason: error.reason, message: error.message };
  }
}

async function flush(tx: HubTx, state: BatchState): Promise<void> {
  const { inserts } = state;
  await insertRows(tx, accounts, inserts.accounts);
  await insertRows(tx, contacts, inserts.contacts);
  await insertRows(tx, events, inserts.events);
  await insertRows(tx, touchpoints, inserts.touchpoints);
  await insertRows(tx, consentRecords, inserts.consents);
  await insertRows(tx, followups, inserts.followups);
  for (const id of state.updatedAccounts) {
    const { id: _id, ...row } = state.accounts.get(id)!;
    await tx.update(accounts).set(row).where(eq(accounts.id, id));
  }
  for (const id of state.updatedContacts) {
    const { id: _id, ...row } = state.contacts.get(id)!;
    await tx.update(contacts).set(row).where(eq(contacts.id, id));
  }
}

/**
 * Applies a batch of mutations in one transaction, recording every mutation id in that
 * same transaction (the Replicache rule). A mutation id seen before is acknowledged as
 * `duplicate` with what happened the first time; a mutation that can never apply is
 * acknowledged as `rejected` with a reason so it never blocks the device's queue.
 * Anything unexpected (a database failure) rolls the whole batch back: nothing is
 * partially applied and the device simply retries.
 */
export async function pushMutations(
  db: HubDrizzle,
  caller: Caller,
  envelopes: readonly MutationEnvelope[],
  now: number,
): Promise<PushResponse> {
  // UUIDs are compared in lower case, as PostgreSQL stores them; answers echo the ids as sent.
  const key = (mutationId: string) => mutationId.toLowerCase();
  const { value: results, position } = await writeTransactionAt(db, async ({ tx, logChanges }) => {
    const ids = [...new Set(envelopes.map((m) => key(m.mutationId)))];
    const earlier = new Map<string, FirstResult>();
    const seen = await tx
      .select({ id: mutations.id, status: mutations.status, result: mutations.result })
      .from(mutations)
      .where(sql`${mutations.id} = ANY(${sql.param(ids)}::uuid[])`);
    for (const row of seen) {
      earlier.set(
        row.id,
        row.result === null ? { mutationId: row.id, status: 'applied' } : FirstResult.parse(row.result),
      );
    }

    const inBatch = new Set<string>();
    const steps: Step[] = envelopes.map((envelope) => {
      if (earlier.has(key(envelope.mutationId)) || inBatch.has(key(envelope.mutationId))) {
        return { envelope, duplicateOf: envelope.mutationId };
      }
      inBatch.add(key(envelope.mutationId));
      return parseEnvelope(envelope);
    });

    const parsed = steps.flatMap((step) => ('parsed' in step ? [step.parsed] : []));
    const state = await loadBatchState(tx, caller, parsed, now);
    const firsts = new Map<string, FirstResult>();
    for (const step of steps) {
      if ('parsed' in step) firsts.set(key(step.envelope.mutationId), apply(state, step.parsed));
      if ('result' in step) firsts.set(key(step.envelope.mutationId), step.result);
    }

    await flush(tx, state);
    logChanges(state.changes);
    const records = steps.flatMap((step) => {
      const result = firsts.get(key(step.envelope.mutationId));
      if (!result || 'duplicateOf' in step) return [];
      return [
        {
          id: key(step.envelope.mutationId),
          deviceId: caller.deviceId,
          kind: step.envelope.kind.slice(0, 64),
          status: result.status,
          result: result.status === 'applied' ? null : result,
          receivedAt: now,
        },
      ];
    });
    await insertRows(tx, mutations, records);
    await tx.update(devices).set({ lastPushAt: now }).where(eq(devices.id, caller.deviceId));

    return steps.map((step): MutationResult => {
      const { mutationId } = step.envelope;
      if ('duplicateOf' in step) {
        const original = earlier.get(key(mutationId)) ?? firsts.get(key(mutationId));
        if (!original) throw new Error(`no first result for duplicate ${mutationId}`);
        return { mutationId, status: 'duplicate', original };
      }
      const result = firsts.get(key(mutationId));
      if (!result) throw new Error(`no result for ${mutationId}`);
      return result;
    });
  });
  return position ? { results, cursor: String(position.seq), cursorCheck: String(position.writeId) } : { results };
}
