import { asc, eq } from 'drizzle-orm';
import { Account, Contact } from '../../../src/shared/domain';
import { AppError } from '../../../src/shared/errors';
import type { Db } from '../db/connection';
import { statement } from '../db/statements';
import { accounts, contacts } from '../db/schema';
import type { MatchableContact } from '../capture/matcher';
import type { IndexedAccount } from '../search/account-index';

type AccountRow = typeof accounts.$inferSelect;
type ContactRow = typeof contacts.$inferSelect;

function toAccount(row: AccountRow): Account {
  return {
    id: row.id,
    name: row.name,
    nameKana: row.nameKana,
    domains: row.domains,
    industry: row.industry,
    size: row.size,
    region: row.region,
    territory: row.territory,
    stageCode: row.stageCode,
    businessNotes: row.businessNotes,
    industryNotes: row.industryNotes,
    updatedAt: row.updatedAt,
  };
}

export function toContact(row: ContactRow): Contact {
  return {
    id: row.id,
    accountId: row.accountId,
    name: row.name,
    nameKana: row.nameKana,
    title: row.title,
    department: row.department,
    // Stored values are parsed, not cast: a role from a newer hub that this build does not know reads as none.
    role: Contact.shape.role.catch(null).parse(row.role),
    emails: row.emails,
    phones: row.phones,
    consent: Contact.shape.consent.catch('unknown').parse(row.consent),
  };
}

export function assertAccountExists(db: Db, id: string, field: string): void {
  if (!statement(db.$client, 'SELECT 1 FROM accounts WHERE id = ?').get(id)) {
    throw new AppError('NOT_FOUND', `There is no account "${id}".`, field);
  }
}

export function listContacts(db: Db, accountId: string): Contact[] {
  return db
    .select()
    .from(contacts)
    .where(eq(contacts.accountId, accountId))
    .orderBy(asc(contacts.name))
    .all()
    .map(toContact);
}

export function getAccount(db: Db, id: string): { account: Account; contacts: Contact[] } {
  const row = db.select().from(accounts).where(eq(accounts.id, id)).get();
  if (!row) throw new AppError('NOT_FOUND', `There is no account "${id}".`, 'id');
  return { account: toAccount(row), contacts: listContacts(db, id) };
}

export function accountFacets(db: Db): { territories: string[]; industries: string[] } {
  const distinct = (column: 'territory' | 'industry') =>
    (
      db.$client.prepare(`SELECT DISTINCT ${column} AS value FROM accounts ORDER BY 1`).all() as { value: string }[]
    ).map((row) => row.value);
  return { territories: distinct('territory'), industries: distinct('industry') };
}

interface AccountIndexRow {
  id: string;
  name: string;
  name_kana: string | null;
  domains: string;
  industry: string;
  territory: string;
  region: string;
  stage_code: string;
}

interface ContactIndexRow {
  id: string;
  account_id: string;
  name: string;
  name_kana: string | null;
  emails: string;
  phones: string;
}

const strings = (json: string) => JSON.parse(json) as string[];

/**
 * Accounts (all, or the given ones) with their contacts, in the shape the search index
 * and the matcher hold. One pass over each table, grouped in memory.
 */
export function indexedAccounts(
  db: Db,
  accountIds?: string[],
): { accounts: IndexedAccount[]; contacts: MatchableContact[] } {
  const filter = accountIds ? 'WHERE %s IN (SELECT value FROM json_each(?))' : '';
  const params = accountIds ? [JSON.stringify(accountIds)] : [];
  const contactRows = db.$client
    .prepare(
      `SELECT id, account_id, name, name_kana, emails, phones FROM contacts ${filter.replace('%s', 'account_id')}`,
    )
    .all(...params) as ContactIndexRow[];
  const contacts: MatchableContact[] = contactRows.map((row) => ({
    id: row.id,
    accountId: row.account_id,
    name: row.name,
    nameKana: row.name_kana,
    emails: strings(row.emails),
    phones: strings(row.phones),
  }));
  const byAccount = new Map<string, IndexedAccount['contacts']>();
  for (const contact of contacts) {
    const list = byAccount.get(contact.accountId) ?? [];
    list.push({ name: contact.name, nameKana: contact.nameKana, emails: contact.emails });
    byAccount.set(contact.accountId, list);
  }
  const accountRows = db.$client
    .prepare(
      `SELECT id, name, name_kana, domains, industry, territory, region, stage_code FROM accounts ${filter.replace('%s', 'id')}`,
    )
    .all(...params) as AccountIndexRow[];
  const accounts = accountRows.map((row) => ({
    id: row.id,
    name: row.name,
    nameKana: row.name_kana,
    domains: strings(row.domains),
    industry: row.industry,
    territory: row.territory,
    region: row.region,
    stageCode: row.stage_code,
    contacts: byAccount.get(row.id) ?? [],
  }));
  return { accounts, contacts };
}
