import { isDeepStrictEqual } from 'node:util';
import { sql, type SQL } from 'drizzle-orm';
import { v5 as uuidv5 } from 'uuid';
import type { z } from 'zod';
import { ACCOUNT_FIELDS, CONTACT_FIELDS, nextHlc, type ChangeKind } from '../../../src/shared/sync-api';
import { insertRows } from '../../db/bulk';
import { queryRows, type HubDrizzle, type HubTx } from '../../db/connection';
import { accounts, contacts, stages, territories, touchpoints } from '../../db/schema';
import { writeTransaction, type ChangeEntry } from '../../db/write';
import { UNSTORABLE_MESSAGES, unstorableReason } from '../../db/storable-text';
import { describeIssues } from '../../http/errors';
import { readRows, type ImportFormat, type RowError } from './read-rows';
import { AccountRow, ContactRow, TouchpointRow } from './row-schemas';

export const IMPORT_KINDS = ['accounts', 'contacts', 'touchpoints'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export interface ImportOptions {
  kind: ImportKind;
  file: string;
  format: ImportFormat;
  /** Names the exporting system; with a row's external_id it gives the record's stable hub id. */
  source: string;
  dryRun: boolean;
  now: number;
}

export interface ImportReport {
  kind: ImportKind;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  errors: RowError[];
  /** True only when the rows were written (no errors and not a dry run). */
  applied: boolean;
}

/** Fixed namespace for import ids: the same source, kind and external id give the same id on every hub. */
const IMPORT_NAMESPACE = '6f1b3a52-2d7e-4c8e-9a43-0c1f5e7d9b21';
const importedId = (source: string, kind: string, externalId: string) =>
  uuidv5(`${source}\u0000${kind}\u0000${externalId}`, IMPORT_NAMESPACE);

type AccountRecord = typeof accounts.$inferSelect;
type ContactRecord = typeof contacts.$inferSelect;
type TouchpointRecord = typeof touchpoints.$inferSelect;

interface Planned<T> {
  row: number;
  record: T;
  territory: string;
}

/** Thrown inside the transaction to roll it back (row errors, or a dry run) after the report is complete. */
class RollBack extends Error {}

function parseRows<T extends z.ZodType>(schema: T, rows: { row: number; record: unknown }[], errors: RowError[]) {
  const parsed: { row: number; value: z.infer<T> }[] = [];
  const seen = new Map<string, number>();
  for (const { row, record } of rows) {
    // Caught here, so the dry run reports it too: the database would refuse the whole import.
    const unstorable = unstorableReason(record);
    if (unstorable) {
      errors.push({ row, message: `a value ${UNSTORABLE_MESSAGES[unstorable]}` });
      continue;
    }
    const result = schema.safeParse(record);
    if (!result.success) {
      errors.push({ row, message: describeIssues(result.error) });
      continue;
    }
    const externalId = (result.data as { external_id: string }).external_id;
    const earlier = seen.get(externalId);
    if (earlier !== undefined) {
      errors.push({ row, message: `external_id "${externalId}" repeats row ${earlier}` });
      continue;
    }
    seen.set(externalId, row);
    parsed.push({ row, value: result.data });
  }
  return parsed;
}

interface AccountRef {
  id: string;
  territory: string;
  stage_code: string;
}

async function accountsByDomain(tx: HubTx, domains: string[]): Promise<Map<string, AccountRef[]>> {
  const found = new Map<string, AccountRef[]>();
  if (domains.length === 0) return found;
  const rows = await queryRows<AccountRef & { domain: string }>(
    tx,
    sql`SELECT a.id, a.territory, a.stage_code, d.domain FROM accounts a, jsonb_array_elements_text(a.domains) AS d(domain)
        WHERE d.domain = ANY(${sql.param(domains)}::text[])`,
  );
  for (const row of rows) found.set(row.domain, [...(found.get(row.domain) ?? []), row]);
  return found;
}

async function accountsById(tx: HubTx, ids: string[]): Promise<Map<string, AccountRef>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<AccountRef>(
    tx,
    sql`SELECT id, territory, stage_code FROM accounts WHERE id = ANY(${sql.param(ids)}::text[])`,
  );
  return new Map(rows.map((row) => [row.id, row]));
}

/** Resolves a row's account by external id or domain; pushes a row error and returns undefined when it cannot. */
async function resolveAccounts(
  tx: HubTx,
  source: string,
  rows: { row: number; value: { account_external_id?: string; account_domain?: string } }[],
): Promise<(row: number, ref: { account_external_id?: string; account_domain?: string }) => AccountRef | string> {
  const ids = rows.flatMap(({ value }) =>
    value.account_external_id ? [importedId(source, 'account', value.account_external_id)] : [],
  );
  const byId = await accountsById(tx, ids);
  const byDomain = await accountsByDomain(
    tx,
    rows.flatMap(({ value }) => (value.account_domain ? [value.account_domain.toLowerCase()] : [])),
  );
  return (_row, ref) => {
    if (ref.account_external_id) {
      const account = byId.get(importedId(source, 'account', ref.account_external_id));
      return account ?? `no account with external_id "${ref.account_external_id}" from ${source}`;
    }
    const matches = byDomain.get(ref.account_domain?.toLowerCase() ?? '') ?? [];
    if (matches.length === 1 && matches[0]) return matches[0];
    return matches.length === 0
      ? `no account with domain "${ref.account_domain}"`
      : `domain "${ref.account_domain}" belongs to ${matches.length} accounts`;
  };
}

const stamp = <F extends string>(
  fields: readonly F[],
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown>,
  clocks: Record<string, string>,
  now: number,
): Record<string, string> => {
  if (!before) return clocks;
  const next = { ...clocks };
  for (const field of fields) {
    if (!isDeepStrictEqual(before[field], after[field])) next[field] = nextHlc(now, 'hub', clocks[field]);
  }
  return next;
};

async function planAccounts(
  tx: HubTx,
  options: ImportOptions,
  rows: ReturnType<typeof parseRows<typeof AccountRow>>,
  errors: RowError[],
) {
  const known = new Set((await tx.select({ code: territories.code }).from(territories)).map((r) => r.code));
  const stageCodes = new Set((await tx.select({ code: stages.code }).from(stages)).map((r) => r.code));
  const ids = rows.map(({ value }) => importedId(options.source, 'account', value.external_id));
  const existing = new Map(
    (ids.length
      ? await tx
          .select()
          .from(accounts)
          .where(sql`${accounts.id} = ANY(${sql.param(ids)}::text[])`)
      : []
    ).map((a) => [a.id, a]),
  );
  const planned: Planned<AccountRecord>[] = [];
  for (const { row, value } of rows) {
    if (!known.has(value.territory)) {
      errors.push({ row, message: `territory: unknown territory "${value.territory}"` });
      continue;
    }
    if (value.stage && !stageCodes.has(value.stage)) {
      errors.push({ row, message: `stage: unknown stage "${value.stage}"` });
      continue;
    }
    const id = importedId(options.source, 'account', value.external_id);
    const before = existing.get(id);
    const record: AccountRecord = {
      id,
      name: value.name,
      nameKana: value.name_kana ?? before?.nameKana ?? null,
      domains: value.domains ?? before?.domains ?? [],
      industry: value.industry ?? before?.industry ?? '',
      size: value.size ?? before?.size ?? '',
      region: value.region ?? before?.region ?? '',
      territory: value.territory,
      // A cell left empty keeps what the hub has: reps may have moved the stage or written notes since.
      stageCode: value.stage ?? before?.stageCode ?? 'problem_identification',
      businessNotes: value.business_notes ?? before?.businessNotes ?? '',
      industryNotes: value.industry_notes ?? before?.industryNotes ?? '',
      createdAt: before?.createdAt ?? options.now,
      updatedAt: before?.updatedAt ?? options.now,
      clocks: before?.clocks ?? {},
    };
    planned.push({ row, record, territory: record.territory });
  }
  return { planned, existing };
}

async function planContacts(
  tx: HubTx,
  options: ImportOptions,
  rows: ReturnType<typeof parseRows<typeof ContactRow>>,
  errors: RowError[],
) {
  const resolve = await resolveAccounts(tx, options.source, rows);
  const ids = rows.map(({ value }) => importedId(options.source, 'contact', value.external_id));
  const existing = new Map(
    (ids.length
      ? await tx
          .select()
          .from(contacts)
          .where(sql`${contacts.id} = ANY(${sql.param(ids)}::text[])`)
      : []
    ).map((c) => [c.id, c]),
  );
  const planned: Planned<ContactRecord>[] = [];
  for (const { row, value } of rows) {
    const account = resolve(row, value);
    if (typeof account === 'string') {
      errors.push({ row, message: account });
      continue;
    }
    const id = importedId(options.source, 'contact', value.external_id);
    const before = existing.get(id);
    const record: ContactRecord = {
      id,
      accountId: account.id,
      name: value.name,
      nameKana: value.name_kana ?? before?.nameKana ?? null,
      title: value.title ?? before?.title ?? null,
      department: value.department ?? before?.department ?? null,
      role: value.role ?? before?.role ?? null,
      emails: value.emails ?? before?.emails ?? [],
      phones: value.phones ?? before?.phones ?? [],
      // Consent recorded at a booth since the last export must not fall back to "unknown".
      consent: value.consent ?? before?.consent ?? 'unknown',
      createdAt: before?.createdAt ?? options.now,
      updatedAt: before?.updatedAt ?? options.now,
      clocks: before?.clocks ?? {},
    };
    planned.push({ row, record, territory: account.territory });
  }
  return { planned, existing };
}

async function planTouchpoints(
  tx: HubTx,
  options: ImportOptions,
  rows: ReturnType<typeof parseRows<typeof TouchpointRow>>,
  errors: RowError[],
) {
  const emails = rows.flatMap(({ value }) => (value.contact_email ? [value.contact_email] : []));
  const byEmail = new Map<string, { id: string; account_id: string }[]>();
  if (emails.length > 0) {
    const found = await queryRows<{ id: string; account_id: string; email: string }>(
      tx,
      sql`SELECT c.id, c.account_id, e.email FROM contacts c, jsonb_array_elements_text(c.emails) AS e(email)
          WHERE e.email = ANY(${sql.param(emails)}::text[])`,
    );
    for (const row of found) byEmail.set(row.email, [...(byEmail.get(row.email) ?? []), row]);
  }
  const contactAccounts = await accountsById(
    tx,
    [...byEmail.values()].flat().map((c) => c.account_id),
  );
  const resolve = await resolveAccounts(tx, options.source, rows);
  const ids = rows.map(({ value }) => importedId(options.source, 'touchpoint', value.external_id));
  const existing = new Map(
    (ids.length
      ? await tx
          .select()
          .from(touchpoints)
          .where(sql`${touchpoints.id} = ANY(${sql.param(ids)}::text[])`)
      : []
    ).map((t) => [t.id, t]),
  );
  const planned: Planned<TouchpointRecord>[] = [];
  for (const { row, value } of rows) {
    let account: AccountRef | string;
    let contactIds: string[] = [];
    if (value.contact_email) {
      const matches = byEmail.get(value.contact_email) ?? [];
      const contact = matches[0];
      if (matches.length !== 1 || !contact) {
        errors.push({
          row,
          message:
            matches.length === 0
              ? `no contact with e-mail ${value.contact_email}`
              : `${matches.length} contacts share ${value.contact_email}`,
        });
        continue;
      }
      account = contactAccounts.get(contact.account_id) ?? `the account of ${value.contact_email} is missing`;
      contactIds = [contact.id];
    } else {
      account = resolve(row, value);
    }
    if (typeof account === 'string') {
      errors.push({ row, message: account });
      continue;
    }
    const id = importedId(options.source, 'touchpoint', value.external_id);
    const details: Record<string, unknown> = {
      ...value.details,
      source: options.source,
      externalId: value.external_id,
    };
    if (value.url) details.url = value.url;
    if (value.campaign) details.campaign = value.campaign;
    const record: TouchpointRecord = {
      id,
      accountId: account.id,
      occurredAt: value.occurred_at,
      channel: value.channel,
      team: value.team,
      stageCode: value.stage ?? existing.get(id)?.stageCode ?? account.stage_code,
      summary: value.summary,
      details,
      author: value.author ?? options.source,
      originDevice: `import:${options.source}`,
      supersedesId: null,
      contactIds,
      contentVersionIds: [],
      createdAt: existing.get(id)?.createdAt ?? options.now,
    };
    planned.push({ row, record, territory: account.territory });
  }
  return { planned, existing };
}

/** Consent records and follow-ups of the contacts `filter` (on `c`, the contact, and `a`, its account) selects. */
const contactRecordsWhere = (filter: SQL) =>
  sql`SELECT 'consent' AS kind, r.id, a.territory, 3 AS o FROM consent_records r JOIN contacts c ON c.id = r.contact_id
        JOIN accounts a ON a.id = c.account_id WHERE ${filter}
      UNION ALL
      SELECT 'followup', f.id, a.territory, 3 FROM followups f JOIN contacts c ON c.id = f.contact_id
        JOIN accounts a ON a.id = c.account_id WHERE ${filter}`;

async function announce(tx: HubTx, query: SQL): Promise<ChangeEntry[]> {
  const rows = await queryRows<{ kind: ChangeKind; id: string; territory: string }>(tx, query);
  return rows.map((row) => ({ kind: row.kind, entityId: row.id, territory: row.territory }));
}

/**
 * An account moved to another territory takes its contacts and journey with it: they are
 * announced again under the new territory, so devices there receive them. (Devices of the
 * old territory keep the copies they have; the hub sends no deletions.)
 */
async function recordsUnder(tx: HubTx, accountIds: string[]): Promise<ChangeEntry[]> {
  if (accountIds.length === 0) return [];
  const ofAccounts = sql`a.id = ANY(${sql.param(accountIds)}::text[])`;
  return announce(
    tx,
    sql`SELECT 'contact' AS kind, c.id, a.territory, 1 AS o FROM contacts c JOIN accounts a ON a.id = c.account_id
          WHERE ${ofAccounts}
        UNION ALL
        SELECT 'touchpoint', t.id, a.territory, 2 FROM touchpoints t JOIN accounts a ON a.id = t.account_id
          WHERE ${ofAccounts}
        UNION ALL
        ${contactRecordsWhere(ofAccounts)}
        ORDER BY o, id`,
  );
}

/**
 * A contact moved to another account takes its consent and follow-ups along, announced
 * under the new account's territory (the contact itself is announced with the import).
 * Its touchpoints stay in the old account's journey, where they happened.
 */
async function recordsOfContacts(tx: HubTx, contactIds: string[]): Promise<ChangeEntry[]> {
  if (contactIds.length === 0) return [];
  return announce(tx, sql`${contactRecordsWhere(sql`c.id = ANY(${sql.param(contactIds)}::text[])`)} ORDER BY o, id`);
}

const WITHOUT_BOOKKEEPING = ({ updatedAt: _u, clocks: _c, createdAt: _a, ...rest }: Record<string, unknown>) => rest;

/**
 * Imports accounts, contacts or marketing touchpoints. Every row is checked (schema, then
 * references) before anything is written, and all rows are written in one transaction:
 * a file with any broken row changes nothing and the report lists every row error. Ids
 * derive from source + external_id, so importing the same file again changes nothing,
 * and a changed row updates its record (field clocks move, so devices take the new value).
 */
export async function importFile(db: HubDrizzle, options: ImportOptions): Promise<ImportReport> {
  const { rows, errors } = readRows(options.file, options.format);
  const report: ImportReport = {
    kind: options.kind,
    rows: rows.length + errors.length,
    created: 0,
    updated: 0,
    unchanged: 0,
    errors,
    applied: false,
  };
  try {
    await writeTransaction(db, async ({ tx, logChanges }) => {
      const { planned, existing, table, changeKind, fields } = await (async () => {
        switch (options.kind) {
          case 'accounts':
            return {
              ...(await planAccounts(tx, options, parseRows(AccountRow, rows, errors), errors)),
              table: accounts,
              changeKind: 'account' as ChangeKind,
              fields: ACCOUNT_FIELDS as readonly string[],
            };
          case 'contacts':
            return {
              ...(await planContacts(tx, options, parseRows(ContactRow, rows, errors), errors)),
              table: contacts,
              changeKind: 'contact' as ChangeKind,
              fields: CONTACT_FIELDS as readonly string[],
            };
          case 'touchpoints':
            return {
              ...(await planTouchpoints(tx, options, parseRows(TouchpointRow, rows, errors), errors)),
              table: touchpoints,
              changeKind: 'touchpoint' as ChangeKind,
              fields: [] as readonly string[],
            };
        }
      })();
      const writes: Planned<Record<string, unknown>>[] = [];
      for (const plan of planned as Planned<Record<string, unknown>>[]) {
        const before = (existing as Map<string, Record<string, unknown>>).get(plan.record.id as string);
        if (before && isDeepStrictEqual(WITHOUT_BOOKKEEPING(before), WITHOUT_BOOKKEEPING(plan.record))) {
          report.unchanged += 1;
          continue;
        }
        if (before) {
          report.updated += 1;
          if ('updatedAt' in plan.record) plan.record.updatedAt = options.now;
          if ('clocks' in plan.record) {
            plan.record.clocks = stamp(
              fields,
              before,
              plan.record,
              plan.record.clocks as Record<string, string>,
              options.now,
            );
          }
        } else {
          report.created += 1;
        }
        writes.push(plan);
      }
      errors.sort((a, b) => a.row - b.row);
      if (errors.length > 0 || options.dryRun) throw new RollBack();
      await insertRows(tx, table, writes.map((w) => w.record) as never[], 'update');
      logChanges(writes.map((w) => ({ kind: changeKind, entityId: w.record.id as string, territory: w.territory })));
      const movedBy = (field: 'territory' | 'accountId') =>
        writes.flatMap((w) => {
          const before = (existing as Map<string, Record<string, unknown>>).get(w.record.id as string);
          return before !== undefined && before[field] !== w.record[field] ? [w.record.id as string] : [];
        });
      if (options.kind === 'accounts') logChanges(await recordsUnder(tx, movedBy('territory')));
      if (options.kind === 'contacts') logChanges(await recordsOfContacts(tx, movedBy('accountId')));
      report.applied = true;
    });
  } catch (error) {
    if (!(error instanceof RollBack)) throw error;
  }
  return report;
}
