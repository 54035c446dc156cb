import { indexedAccounts } from '../accounts/accounts';
import type { CoreContext } from '../context';

/**
 * Brings the in-memory indexes (account search, contact matching) up to date for the
 * given accounts. Called only after the transaction that changed them has committed.
 */
export function refreshIndexes(ctx: CoreContext, accountIds: string[]): void {
  if (accountIds.length === 0) return;
  const { accounts, contacts } = indexedAccounts(ctx.conn.db, [...new Set(accountIds)]);
  for (const account of accounts) {
    ctx.accountIndex.upsert(account);
    ctx.matcher.upsertAccount(account);
  }
  for (const contact of contacts) ctx.matcher.upsertContact(contact);
}
