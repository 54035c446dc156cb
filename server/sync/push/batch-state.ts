import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Mutation, RejectReason } from '../../../src/shared/sync-api';
import type { Caller } from '../../auth/identity';
import type { PgTable } from 'drizzle-orm/pg-core';
import { queryRows, type HubTx } from '../../db/connection';
import {
  accounts,
  consentRecords,
  contacts,
  contentVersions,
  events,
  followups,
  stages,
  territories,
  touchpoints,
} from '../../db/schema';
import type { ChangeEntry } from '../../db/write';

export type AccountRow = typeof accounts.$inferSelect;
export type ContactRow = typeof contacts.$inferSelect;
export type TouchpointRow = typeof touchpoints.$inferSelect;
export type ConsentRow = typeof consentRecords.$inferSelect;
export type FollowupRow = typeof followups.$inferSelect;
export type EventRow = typeof events.$inferSelect;

/** A mutation whose payload passed its kind's schema. */
export type ParsedMutation = Mutation;

/** Thrown by a mutation handler before it changes anything: the mutation is rejected for good. */
export class Rejection extends Error {
  constructor(
    readonly reason: RejectReason,
    message: string,
  ) {
    super(message);
  }
}

/**
 * What one push batch knows and will write. Everything the batch refers to is loaded up
 * front in a few bulk queries; records created earlier in the same batch are added as the
 * batch goes, so a contact may follow the account it belongs to in one push. Writes are
 * collected and flushed in bulk at the end, inside the same transaction.
 */
export class BatchState {
  readonly stages = new Set<string>();
  readonly territories = new Set<string>();
  readonly accounts = new Map<string, AccountRow>();
  readonly contacts = new Map<string, ContactRow>();
  readonly touchpoints = new Map<string, string>();
  readonly events = new Set<string>();
  readonly contentVersions = new Set<string>();
  readonly consents = new Set<string>();
  readonly followups = new Set<string>();

  readonly inserts = {
    accounts: [] as AccountRow[],
    contacts: [] as ContactRow[],
    events: [] as EventRow[],
    touchpoints: [] as TouchpointRow[],
    consents: [] as ConsentRow[],
    followups: [] as FollowupRow[],
  };
  /** Existing records changed by field updates (new ones are changed in place in `inserts`). */
  readonly updatedAccounts = new Set<string>();
  readonly updatedContacts = new Set<string>();
  readonly changes: ChangeEntry[] = [];
  private readonly logged = new Set<string>();

  constructor(
    readonly caller: Caller,
    readonly now: number,
  ) {}

  /** A record's first change in the batch is enough: pull sends its state as of then or later. */
  logChange(entry: ChangeEntry): void {
    const key = `${entry.kind}:${entry.entityId}`;
    if (this.logged.has(key)) return;
    this.logged.add(key);
    this.changes.push(entry);
  }

  /** The account, which the caller must be allowed to see; rejects otherwise. */
  accountInScope(id: string): AccountRow {
    const account = this.accounts.get(id);
    if (!account) throw new Rejection('UNKNOWN_ACCOUNT', `There is no account "${id}" on the hub.`);
    if (!this.inScope(account.territory)) {
      throw new Rejection('TERRITORY_FORBIDDEN', `Account "${id}" is in territory "${account.territory}", not yours.`);
    }
    return account;
  }

  contactInScope(id: string): { contact: ContactRow; account: AccountRow } {
    const contact = this.contacts.get(id);
    if (!contact) throw new Rejection('UNKNOWN_CONTACT', `There is no contact "${id}" on the hub.`);
    return { contact, account: this.accountInScope(contact.accountId) };
  }

  inScope(territory: string): boolean {
    return this.caller.scope.all || this.caller.scope.territories.includes(territory);
  }
}

const anyOf = (column: AnyColumn, ids: Set<string>): SQL => sql`${column} = ANY(${sql.param([...ids])}::text[])`;

/** Loads every record the parsed mutations refer to, with one query per table. */
export async function loadBatchState(
  tx: HubTx,
  caller: Caller,
  batch: readonly ParsedMutation[],
  now: number,
): Promise<BatchState> {
  const state = new BatchState(caller, now);
  const ids = {
    accounts: new Set<string>(),
    contacts: new Set<string>(),
    touchpoints: new Set<string>(),
    events: new Set<string>(),
    contentVersions: new Set<string>(),
    consents: new Set<string>(),
    followups: new Set<string>(),
  };
  const addAll = (set: Set<string>, values: readonly string[]) => values.forEach((value) => set.add(value));
  for (const { kind, payload: p } of batch) {
    switch (kind) {
      case 'account.create':
      case 'account.update':
        ids.accounts.add(p.id);
        break;
      case 'contact.create':
        ids.contacts.add(p.id);
        ids.accounts.add(p.accountId);
        break;
      case 'contact.update':
        ids.contacts.add(p.id);
        break;
      case 'touchpoint.create':
        ids.touchpoints.add(p.id);
        ids.accounts.add(p.accountId);
        if (p.supersedesId) ids.touchpoints.add(p.supersedesId);
        addAll(ids.contacts, p.contactIds);
        addAll(ids.contentVersions, p.contentVersionIds);
        break;
      case 'consent.record':
        ids.consents.add(p.id);
        ids.contacts.add(p.contactId);
        if (p.eventId) ids.events.add(p.eventId);
        break;
      case 'followup.create':
        ids.followups.add(p.id);
        ids.contacts.add(p.contactId);
        if (p.eventId) ids.events.add(p.eventId);
        addAll(ids.contentVersions, p.contentVersionIds);
        break;
      case 'event.create':
        ids.events.add(p.id);
        break;
    }
  }

  for (const row of await tx.select({ code: stages.code }).from(stages)) state.stages.add(row.code);
  for (const row of await tx.select({ code: territories.code }).from(territories)) state.territories.add(row.code);
  if (ids.contacts.size > 0) {
    for (const row of await tx.select().from(contacts).where(anyOf(contacts.id, ids.contacts))) {
      state.contacts.set(row.id, row);
      ids.accounts.add(row.accountId);
    }
  }
  if (ids.accounts.size > 0) {
    for (const row of await tx.select().from(accounts).where(anyOf(accounts.id, ids.accounts))) {
      state.accounts.set(row.id, row);
    }
  }
  if (ids.touchpoints.size > 0) {
    const rows = await tx
      .select({ id: touchpoints.id, accountId: touchpoints.accountId })
      .from(touchpoints)
      .where(anyOf(touchpoints.id, ids.touchpoints));
    for (const row of rows) state.touchpoints.set(row.id, row.accountId);
  }
  const existing = async (table: PgTable & { id: AnyColumn }, wanted: Set<string>, into: Set<string>) => {
    if (wanted.size === 0) return;
    const rows = await queryRows<{ id: string }>(tx, sql`SELECT id FROM ${table} WHERE ${anyOf(table.id, wanted)}`);
    for (const row of rows) into.add(row.id);
  };
  await existing(events, ids.events, state.events);
  await existing(contentVersions, ids.contentVersions, state.contentVersions);
  await existing(consentRecords, ids.consents, state.consents);
  await existing(followups, ids.followups, state.followups);
  return state;
}
