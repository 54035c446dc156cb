import type { AccountListItem } from '../../../src/shared/domain';
import { GramIndex } from './gram-index';
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
  /** Name and reading (FIELD-separated), for ranking names that start with the query first. */
  nameKey: string;
  /** Where the reading starts in nameKey. */
  readingStart: number;
  /** First code unit of the name and of the reading: most prefix checks end at one integer comparison. */
  nameFirst: number;
  readingFirst: number;
  /** Name, reading (kana and romaji) and domains, \u0000-separated so a query never spans two. */
  accountKey: string;
  contactNames: string[];
  /** One key per contact (name, reading, e-mails), \u0001-separated in one string: one scan per account. */
  contactKeys: string;
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
const FIELD = '\u0000';
const CONTACT = '\u0001';
/** How an account matched a query. */
const ACCOUNT = 1;
const CONTACT_ONLY = 2;

function readingKeys(name: string, kana: string | null): string[] {
  const keys = [normalizeForSearch(name)];
  if (kana) keys.push(normalizeForSearch(kana), romajiOf(kana));
  return keys;
}

function toEntry(account: IndexedAccount): Entry {
  const { contacts, ...item } = account;
  const name = normalizeForSearch(item.name);
  return {
    item,
    nameKey: `${name}${FIELD}${item.nameKana ? normalizeForSearch(item.nameKana) : ''}`,
    readingStart: name.length + 1,
    nameFirst: name.charCodeAt(0),
    readingFirst: item.nameKana ? normalizeForSearch(item.nameKana).charCodeAt(0) : -1,
    accountKey: [...readingKeys(item.name, item.nameKana), ...item.domains.map(normalizeForSearch)].join(FIELD),
    contactNames: contacts.map((contact) => contact.name),
    contactKeys: contacts
      .map((contact) =>
        [...readingKeys(contact.name, contact.nameKana), ...contact.emails.map(normalizeForSearch)].join(FIELD),
      )
      .join(CONTACT),
  };
}

function sortKey(entry: Entry): string {
  return entry.item.nameKana ?? entry.item.name;
}

function containsAny(text: string, forms: string[]): boolean {
  for (const form of forms) if (text.includes(form)) return true;
  return false;
}

/** Whether the name or the reading starts with a form. */
function startsAny(entry: Entry, forms: string[]): boolean {
  for (const form of forms) {
    const first = form.charCodeAt(0);
    if (first === entry.nameFirst && entry.nameKey.startsWith(form)) return true;
    if (first === entry.readingFirst && entry.nameKey.startsWith(form, entry.readingStart)) return true;
  }
  return false;
}

/** The name of the first contact whose key contains a form, found without splitting the joined keys. */
function matchingContact(entry: Entry, forms: string[]): string | null {
  let at = -1;
  for (const form of forms) {
    const found = entry.contactKeys.indexOf(form);
    if (found >= 0 && (at < 0 || found < at)) at = found;
  }
  if (at < 0) return null;
  let index = 0;
  for (let i = 0; i < at; i++) if (entry.contactKeys.charCodeAt(i) === 1) index++;
  return entry.contactNames[index] ?? '';
}

/**
 * Account search held in memory. Two gram indexes, one over the accounts' own keys and
 * one over their contacts' keys, answer one- and two-character queries exactly (Japanese
 * users type those constantly, and SQLite's FTS5 trigram index cannot answer them at
 * all); longer queries verify only the accounts holding the query's rarest bigram. The
 * database stays the source of truth: the core builds this at start and updates it only
 * after a write commits.
 */
export class AccountSearchIndex {
  /** Entries by internal id. Ids are the display order at load, so posting lists come out sorted. */
  private entries: Entry[] = [];
  /** Internal ids in display order (by reading or name), including accounts added since load. */
  private ordered: number[] = [];
  private rank: number[] = [];
  private readonly idOf = new Map<string, number>();
  private accountGrams = new GramIndex([]);
  private contactGrams = new GramIndex([]);
  /** Accounts added or changed since the gram indexes were built; always verified directly. */
  private readonly changed = new Set<number>();

  load(accounts: Iterable<IndexedAccount>): void {
    this.entries = [...accounts].map(toEntry).sort((a, b) => collator.compare(sortKey(a), sortKey(b)));
    this.entries.forEach((entry, id) => this.idOf.set(entry.item.id, id));
    this.ordered = this.entries.map((_, id) => id);
    this.rank = [...this.ordered];
    this.accountGrams = new GramIndex(this.entries.map((entry) => entry.accountKey));
    this.contactGrams = new GramIndex(this.entries.map((entry) => entry.contactKeys));
    this.changed.clear();
  }

  get size(): number {
    return this.ordered.length;
  }

  /** Adds or replaces one account after its write committed. */
  upsert(account: IndexedAccount): void {
    const entry = toEntry(account);
    let id = this.idOf.get(account.id);
    if (id === undefined) {
      id = this.entries.length;
      this.idOf.set(account.id, id);
    } else {
      this.ordered.splice(this.rank[id] ?? 0, 1);
    }
    this.entries[id] = entry;
    this.changed.add(id);
    let low = 0;
    let high = this.ordered.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const probe = this.entries[this.ordered[mid] ?? 0];
      if (probe && collator.compare(sortKey(probe), sortKey(entry)) <= 0) low = mid + 1;
      else high = mid;
    }
    this.ordered.splice(low, 0, id);
    this.ordered.forEach((each, position) => (this.rank[each] = position));
  }

  search(query: AccountQuery): { total: number; items: AccountListItem[] } {
    const forms = queryForms(query.query);
    // One byte per account: which of its keys hold the query. Walking `ordered` then yields hits in display order without sorting.
    const found = new Uint8Array(this.entries.length);
    if (forms.length === 0) found.fill(ACCOUNT);
    else {
      // Accounts first: an account found by its own keys is not looked at again for its contacts.
      this.mark(found, ACCOUNT, this.accountGrams, forms, (entry) => entry.accountKey);
      this.mark(found, CONTACT_ONLY, this.contactGrams, forms, (entry) => entry.contactKeys);
    }
    const prefixHits: number[] = [];
    const otherHits: number[] = [];
    const { stageCode, territory, industry } = query;
    const ranked = forms.length > 0;
    const ordered = this.ordered;
    // An indexed loop: this runs over every account for one-character queries.
    for (let position = 0; position < ordered.length; position++) {
      const id = ordered[position] ?? 0;
      const how = found[id] ?? 0;
      if (how === 0) continue;
      const entry = this.entries[id];
      if (!entry) continue;
      const { item } = entry;
      if (stageCode !== undefined && item.stageCode !== stageCode) continue;
      if (territory !== undefined && item.territory !== territory) continue;
      if (industry !== undefined && item.industry !== industry) continue;
      if (ranked && how & ACCOUNT && startsAny(entry, forms)) prefixHits.push(id);
      else otherHits.push(id);
    }
    const all = prefixHits.length === 0 ? otherHits : prefixHits.concat(otherHits);
    return {
      total: all.length,
      // Only the requested page becomes result objects, and only its contact matches are looked up.
      items: all.slice(query.offset, query.offset + query.limit).flatMap((id) => {
        const entry = this.entries[id];
        if (!entry) return [];
        const matchedContact = (found[id] ?? 0) & ACCOUNT ? null : matchingContact(entry, forms);
        return [{ ...entry.item, matchedContact }];
      }),
    };
  }

  /**
   * Flags every account whose key (as `keyOf` picks it) contains a form: exact from the
   * index for short forms, verified for long ones. An account already flagged (by its own
   * keys, or by an earlier form) is not verified again: the first flag decides how it ranks.
   */
  private mark(
    found: Uint8Array,
    flag: number,
    grams: GramIndex,
    forms: string[],
    keyOf: (entry: Entry) => string,
  ): void {
    const anyChanged = this.changed.size > 0;
    for (const form of forms) {
      const exact = form.length <= 2;
      const list = grams.candidates(form);
      for (let i = 0; i < list.length; i++) {
        const id = list[i] ?? 0;
        if (found[id] !== 0 || (anyChanged && this.changed.has(id))) continue;
        if (exact) {
          found[id] = flag;
          continue;
        }
        const entry = this.entries[id];
        if (entry && keyOf(entry).includes(form)) found[id] = flag;
      }
    }
    for (const id of this.changed) {
      const entry = this.entries[id];
      if (found[id] === 0 && entry && containsAny(keyOf(entry), forms)) found[id] = flag;
    }
  }
}
