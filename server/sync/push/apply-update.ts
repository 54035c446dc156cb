import { parseHlc, type FieldConflict, type Hlc, type MutationPayload } from '../../../src/shared/sync-api';
import { Rejection, type AccountRow, type BatchState, type ContactRow } from './batch-state';
import { mergeField, type FieldEdit } from './field-merge';

/** A clock further ahead of the hub's wall clock than this is refused: it would win every later edit. */
const MAX_CLOCK_LEAD_MS = 7 * 86_400_000;

type Entity = 'account' | 'contact';

/**
 * Applies a field-level update to a held record (mutating it), field by field with the
 * rule in field-merge.ts. Returns the conflicts to report and whether anything changed.
 */
function mergeFields(
  state: BatchState,
  entity: Entity,
  record: AccountRow | ContactRow,
  fields: Record<string, FieldEdit | undefined>,
): { conflicts: FieldConflict[]; changed: boolean } {
  const edits = Object.entries(fields).filter((entry): entry is [string, FieldEdit] => entry[1] !== undefined);
  for (const [field, edit] of edits) {
    if (parseHlc(edit.hlc).ms > state.now + MAX_CLOCK_LEAD_MS) {
      throw new Rejection('CLOCK_AHEAD', `The clock of "${field}" is more than 7 days ahead of the hub's.`);
    }
  }
  const values = record as unknown as Record<string, unknown>;
  const clocks: Record<string, Hlc> = { ...record.clocks };
  const conflicts: FieldConflict[] = [];
  let changed = false;
  for (const [field, edit] of edits) {
    const held = { value: values[field], hlc: clocks[field] ?? null };
    const outcome = mergeField(held, edit);
    if (outcome.kind === 'conflict') {
      conflicts.push({
        entity,
        id: record.id,
        field,
        yours: { value: edit.value, hlc: edit.hlc },
        theirs: held,
        kept: outcome.kept,
      });
    }
    const take = outcome.kind === 'take' || (outcome.kind === 'conflict' && outcome.kept === 'yours');
    if (take) {
      values[field] = edit.value;
      clocks[field] = edit.hlc;
      changed = true;
    } else if (outcome.kind === 'agree' && outcome.hlc !== null && outcome.hlc !== held.hlc) {
      clocks[field] = outcome.hlc;
      changed = true;
    }
  }
  if (changed) {
    record.clocks = clocks;
    record.updatedAt = state.now;
  }
  return { conflicts, changed };
}

export function updateAccount(state: BatchState, p: MutationPayload<'account.update'>): FieldConflict[] {
  const account = state.accountInScope(p.id);
  const stage = p.fields.stageCode?.value;
  if (stage !== undefined && !state.stages.has(stage)) {
    throw new Rejection('UNKNOWN_STAGE', `There is no buying stage "${stage}".`);
  }
  const { conflicts, changed } = mergeFields(state, 'account', account, p.fields);
  if (changed) {
    if (!state.inserts.accounts.includes(account)) state.updatedAccounts.add(account.id);
    state.logChange({ kind: 'account', entityId: account.id, territory: account.territory });
  }
  return conflicts;
}

export function updateContact(state: BatchState, p: MutationPayload<'contact.update'>): FieldConflict[] {
  const { contact, account } = state.contactInScope(p.id);
  const { conflicts, changed } = mergeFields(state, 'contact', contact, p.fields);
  if (changed) {
    if (!state.inserts.contacts.includes(contact)) state.updatedContacts.add(contact.id);
    state.logChange({ kind: 'contact', entityId: contact.id, territory: account.territory });
  }
  return conflicts;
}
