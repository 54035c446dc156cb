import { asc, eq } from 'drizzle-orm';
import { Account, Contact } from '../../../src/shared/domain';
import { AppError } from '../../../src/shared/errors';
import type { Db } from '../db/connection';
import { statement } from '../db/statements';
import { accounts, contacts } from '../db/schema';
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

/** Every account with its contacts, in the shape the search index holds. */
export function* indexedAccounts(db: Db): Generator<IndexedAccount> {
  const people = new Map<string, IndexedAccount['contacts']>();
  const contactRows = db.$client.prepare('SELECT account_id, name, name_kana, emails FROM contacts').all() as {
    account_id: string;
    name: string;
    name_kana: string | null;
    emails: string;
  }[];
  for (const row of contactRows) {
    const list = people.get(row.account_id) ?? [];
    list.push({ name: row.name, nameKana: row.name_kana, emails: JSON.parse(row.emails) as string[] });
    people.set(row.account_id, list);
  }
  const accountRows = db.$client
    .prepare('SELECT id, name, name_kana, domains, industry, territory, region, stage_code FROM accounts')
    .all() as {
    id: string;
    name: string;
    name_kana: string | null;
    domains: string;
    industry: string;
    territory: string;
    region: string;
    stage_code: string;
  }[];
  for (const row of accountRows) {
    yield {
      id: row.id,
      name: row.name,
      nameKana: row.name_kana,
      domains: JSON.parse(row.domains) as string[],
      industry: row.industry,
      territory: row.territory,
      region: row.region,
      stageCode: row.stage_code,
      contacts: people.get(row.id) ?? [],
    };
  }
}
