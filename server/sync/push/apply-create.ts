import type { MutationPayload } from '../../../src/shared/sync-api';
import { Rejection, type BatchState } from './batch-state';

/**
 * Handlers for the append-only kinds. Each checks everything first and only then records
 * its effect in the batch, so a rejected mutation leaves nothing behind.
 */

function mustBeNew(exists: boolean, what: string, id: string): void {
  if (exists) throw new Rejection('ALREADY_EXISTS', `A ${what} with id "${id}" already exists on the hub.`);
}

function mustHaveStage(state: BatchState, code: string): void {
  if (!state.stages.has(code)) throw new Rejection('UNKNOWN_STAGE', `There is no buying stage "${code}".`);
}

function mustHaveContent(state: BatchState, versionIds: readonly string[]): void {
  const missing = versionIds.filter((id) => !state.contentVersions.has(id));
  if (missing.length > 0) throw new Rejection('UNKNOWN_CONTENT', `Unknown content versions: ${missing.join(', ')}.`);
}

function mustHaveEvent(state: BatchState, eventId: string | null): void {
  if (eventId !== null && !state.events.has(eventId)) {
    throw new Rejection('UNKNOWN_EVENT', `There is no event "${eventId}" on the hub.`);
  }
}

export function createAccount(state: BatchState, p: MutationPayload<'account.create'>): void {
  mustBeNew(state.accounts.has(p.id), 'account', p.id);
  if (!state.territories.has(p.territory)) {
    throw new Rejection('UNKNOWN_TERRITORY', `There is no territory "${p.territory}".`);
  }
  if (!state.inScope(p.territory)) {
    throw new Rejection('TERRITORY_FORBIDDEN', `Territory "${p.territory}" is not assigned to you.`);
  }
  mustHaveStage(state, p.stageCode);
  const row = { ...p, updatedAt: state.now, clocks: {} };
  state.accounts.set(p.id, row);
  state.inserts.accounts.push(row);
  state.logChange({ kind: 'account', entityId: p.id, territory: p.territory });
}

export function createContact(state: BatchState, p: MutationPayload<'contact.create'>): void {
  mustBeNew(state.contacts.has(p.id), 'contact', p.id);
  const account = state.accountInScope(p.accountId);
  const row = { ...p, updatedAt: state.now, clocks: {} };
  state.contacts.set(p.id, row);
  state.inserts.contacts.push(row);
  state.logChange({ kind: 'contact', entityId: p.id, territory: account.territory });
}

export function createTouchpoint(state: BatchState, p: MutationPayload<'touchpoint.create'>): void {
  mustBeNew(state.touchpoints.has(p.id), 'touchpoint', p.id);
  const account = state.accountInScope(p.accountId);
  mustHaveStage(state, p.stageCode);
  for (const contactId of p.contactIds) {
    if (state.contacts.get(contactId)?.accountId !== p.accountId) {
      throw new Rejection('UNKNOWN_CONTACT', `Contact "${contactId}" is not at account "${p.accountId}".`);
    }
  }
  mustHaveContent(state, p.contentVersionIds);
  if (p.supersedesId !== null && state.touchpoints.get(p.supersedesId) !== p.accountId) {
    throw new Rejection(
      'UNKNOWN_TOUCHPOINT',
      `There is no touchpoint "${p.supersedesId}" at this account to supersede.`,
    );
  }
  state.touchpoints.set(p.id, p.accountId);
  state.inserts.touchpoints.push({
    ...p,
    contactIds: [...new Set(p.contactIds)],
    contentVersionIds: [...new Set(p.contentVersionIds)],
    createdAt: state.now,
  });
  state.logChange({ kind: 'touchpoint', entityId: p.id, territory: account.territory });
}

export function recordConsent(state: BatchState, p: MutationPayload<'consent.record'>): void {
  mustBeNew(state.consents.has(p.id), 'consent record', p.id);
  const { account } = state.contactInScope(p.contactId);
  mustHaveEvent(state, p.eventId);
  state.consents.add(p.id);
  state.inserts.consents.push({ ...p, originDevice: state.caller.deviceId });
  state.logChange({ kind: 'consent', entityId: p.id, territory: account.territory });
}

export function createFollowup(state: BatchState, p: MutationPayload<'followup.create'>): void {
  mustBeNew(state.followups.has(p.id), 'follow-up', p.id);
  const { account } = state.contactInScope(p.contactId);
  mustHaveEvent(state, p.eventId);
  mustHaveContent(state, p.contentVersionIds);
  state.followups.add(p.id);
  state.inserts.followups.push({ ...p, originDevice: state.caller.deviceId });
  state.logChange({ kind: 'followup', entityId: p.id, territory: account.territory });
}

export function createEvent(state: BatchState, p: MutationPayload<'event.create'>): void {
  mustBeNew(state.events.has(p.id), 'event', p.id);
  state.events.add(p.id);
  state.inserts.events.push(p);
  state.logChange({ kind: 'event', entityId: p.id, territory: null });
}
