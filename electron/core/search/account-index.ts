import type { AccountListItem } from '../../../src/shared/domain';
import { normalizeForSearch, queryForms, romajiOf } from './normalize';

export interface IndexedContact {
  name: string;
  nameKana: string | null;
  emails: string[];
}

export interface IndexedAccount extends Omit<AccountListItem, 'matchedContact'> {
  contacts: IndexedContact[];
}

interface Entry {
  item: Omit<AccountListItem, 'matchedContact'>;
  nameKey: string;
  accountKey: string;
  contacts: { name: string; key: string }[];
}

export interface AccountQuery {
  query: string;
  stageCode?: string | undefined;
  territory?: string | undefined;
  industry?: string | undefined;
  offset: number;
  limit: number;
}

const collator = new Intl.Collator('ja', { sensitivity: 'base', numeric: true });

function readingKeys(name: string, kana: string | null): string[] {
  const keys = [normalizeForSearch(name)];
  if (kana) keys.push(normalizeForSearch(kana), romajiOf(kana));
  return keys;
}

function toEntry(account: IndexedAccount): Entry {
  const { contacts, ...item } = account;
  return {
    item,
    nameKey: [normalizeForSearch(item.name), item.nameKana ? normalizeForSearch(item.nameKana) : ''].join('\u0000'),
    // \u0000 separates fields so a query never matches across two of them.
    accountKey: [...readingKeys(item.name, item.nameKana), ...item.domains.map(normalizeForSearch)].join('\u0000'),
    contacts: contacts.map((contact) => ({
      name: contact.name,
      key: [...readingKeys(contact.name, contact.nameKana), ...contact.emails.map(normalizeForSearch)].join('\u0000'),
    })),
  };
}

function sortKey(entry: Entry): string {
  return entry.item.nameKana ?? entry.item.name;
}

/**
 * Account search held in memory. At the largest territory we plan for (50,000 accounts,
 * 250,000 contacts) a linear scan of pre-normalised keys answers any 1–3+ character
 * query, Japanese included, in a few milliseconds, where SQLite's FTS5 trigram index
 * cannot serve queries under three characters at all. The database stays the source of
 * truth: the core rebuilds this at start and updates it only after a write commits.
 */
export class AccountSearchIndex {
  private entries: Entry[] = [];
  private byId = new Map<string, Entry>();

  load(accounts: Iterable<IndexedAccount>): void {
    this.entries = [...accounts].map(toEntry);
    this.entries.sort((a, b) => collator.compare(sortKey(a), sortKey(b)));
    this.byId = new Map(this.entries.map((entry) => [entry.item.id, entry]));
  }

  get size(): number {
    return this.entries.length;
  }

  /** Adds or replaces one account after its write committed. */
  upsert(account: IndexedAccount): void {
    const entry = toEntry(account);
    const previous = this.byId.get(entry.item.id);
    if (previous) this.entries.splice(this.entries.indexOf(previous), 1);
    const key = sortKey(entry);
    let low = 0;
    let high = this.entries.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const probe = this.entries[mid];
      if (probe && collator.compare(sortKey(probe), key) <= 0) low = mid + 1;
      else high = mid;
    }
    this.entries.splice(low, 0, entry);
    this.byId.set(entry.item.id, entry);
  }

  search(query: AccountQuery): { total: number; items: AccountListItem[] } {
    const forms = queryForms(query.query);
    // Hits are collected as entries; only the requested page becomes result objects.
    const prefixHits: Entry[] = [];
    const otherHits: Entry[] = [];
    const viaContact = new Map<Entry, string>();
    for (const entry of this.entries) {
      const { item } = entry;
      if (query.stageCode !== undefined && item.stageCode !== query.stageCode) continue;
      if (query.territory !== undefined && item.territory !== query.territory) continue;
      if (query.industry !== undefined && item.industry !== query.industry) continue;
      if (forms.length === 0) {
        otherHits.push(entry);
      } else if (forms.some((form) => entry.accountKey.includes(form))) {
        const prefix = forms.some((form) => entry.nameKey.startsWith(form) || entry.nameKey.includes(`\u0000${form}`));
        (prefix ? prefixHits : otherHits).push(entry);
      } else {
        const contact = entry.contacts.find((c) => forms.some((form) => c.key.includes(form)));
        if (contact) {
          otherHits.push(entry);
          viaContact.set(entry, contact.name);
        }
      }
    }
    const all = prefixHits.length === 0 ? otherHits : prefixHits.concat(otherHits);
    return {
      total: all.length,
      items: all
        .slice(query.offset, query.offset + query.limit)
        .map((entry) => ({ ...entry.item, matchedContact: viaContact.get(entry) ?? null })),
    };
  }
}
