import type { MatchReason } from '../../../src/shared/capture';
import { companyKey, personKey } from './normalize-company';

export interface MatchableContact {
  id: string;
  accountId: string;
  name: string;
  nameKana: string | null;
  emails: string[];
  phones: string[];
}

export interface MatchableAccount {
  id: string;
  name: string;
  nameKana: string | null;
  domains: string[];
}

export interface MatchQuery {
  familyName: string;
  givenName: string;
  familyKana: string;
  givenKana: string;
  company: string;
  companyKana: string;
  emails: string[];
  /** E.164 */
  phones: string[];
}

export interface RawCandidate {
  accountId: string;
  contactId: string | null;
  score: number;
  reasons: MatchReason[];
}

/** How much each kind of evidence counts. An e-mail or phone identifies a person; a name alone only suggests one. */
const WEIGHT: Record<MatchReason, number> = {
  email: 100,
  phone: 80,
  name: 35,
  name_reading: 30,
  company: 30,
  company_reading: 25,
  email_domain: 20,
  company_partial: 10,
};

/** Web-mail, mobile-carrier and consumer-ISP domains say nothing about the company someone works for. */
const FREE_MAIL = new Set([
  // Web mail
  'gmail.com',
  'googlemail.com',
  'yahoo.co.jp',
  'yahoo.com',
  'yahoo.co.uk',
  'outlook.com',
  'outlook.jp',
  'hotmail.com',
  'hotmail.co.jp',
  'hotmail.co.uk',
  'live.com',
  'live.jp',
  'msn.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'aol.com',
  'proton.me',
  'protonmail.com',
  'gmx.de',
  'gmx.net',
  'web.de',
  't-online.de',
  'qq.com',
  '163.com',
  'naver.com',
  // Japanese mobile carriers
  'docomo.ne.jp',
  'ezweb.ne.jp',
  'au.com',
  'softbank.ne.jp',
  'i.softbank.jp',
  'ymobile.ne.jp',
  // Japanese consumer ISPs
  'nifty.com',
  'biglobe.ne.jp',
  'ocn.ne.jp',
  'so-net.ne.jp',
]);

export function emailDomain(email: string): string | null {
  const at = email.lastIndexOf('@');
  if (at < 0) return null;
  const domain = email
    .slice(at + 1)
    .trim()
    .toLowerCase();
  return domain.includes('.') && !FREE_MAIL.has(domain) ? domain : null;
}

function push(map: Map<string, Set<string>>, key: string, value: string): void {
  if (key === '') return;
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

function remove(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key);
  set?.delete(value);
  if (set?.size === 0) map.delete(key);
}

/**
 * Domain → account, counted: an account's own domains and each of its contacts' e-mail
 * domains add one, so the pair is forgotten only when the last of them changes.
 */
class DomainIndex {
  private readonly accounts = new Map<string, Map<string, number>>();

  add(domain: string, accountId: string, delta: 1 | -1): void {
    const counts = this.accounts.get(domain) ?? new Map<string, number>();
    const count = (counts.get(accountId) ?? 0) + delta;
    if (count > 0) counts.set(accountId, count);
    else counts.delete(accountId);
    if (counts.size > 0) this.accounts.set(domain, counts);
    else this.accounts.delete(domain);
  }

  accountsOf(domain: string): Iterable<string> {
    return this.accounts.get(domain)?.keys() ?? [];
  }
}

/** The reading of a name stored as "ヤマダ タロウ" is matched without its space. */
function readingKey(kana: string | null): string {
  return kana ? personKey(kana) : '';
}

/**
 * Same-person and same-company matching on the device, while the rep types. Every lookup
 * is a hash-map hit except "company name contains", which scans the pre-normalised
 * account keys (50,000 at most), so a keystroke costs a few milliseconds even with
 * 250,000 contacts. Like the search index it is rebuilt at start and updated after commits.
 */
export class ContactMatcher {
  private readonly byEmail = new Map<string, Set<string>>();
  private readonly byPhone = new Map<string, Set<string>>();
  private readonly byName = new Map<string, Set<string>>();
  private readonly byReading = new Map<string, Set<string>>();
  private readonly byDomain = new DomainIndex();
  private readonly byCompany = new Map<string, Set<string>>();
  private readonly byCompanyReading = new Map<string, Set<string>>();
  private readonly contacts = new Map<string, MatchableContact>();
  private readonly accountKeys = new Map<string, { key: string; reading: string; domains: string[] }>();

  load(accounts: Iterable<MatchableAccount>, contacts: Iterable<MatchableContact>): void {
    for (const account of accounts) this.upsertAccount(account);
    for (const contact of contacts) this.upsertContact(contact);
  }

  upsertAccount(account: MatchableAccount): void {
    const previous = this.accountKeys.get(account.id);
    if (previous) {
      remove(this.byCompany, previous.key, account.id);
      remove(this.byCompanyReading, previous.reading, account.id);
      for (const domain of previous.domains) this.byDomain.add(domain, account.id, -1);
    }
    const keys = {
      key: companyKey(account.name),
      reading: account.nameKana ? companyKey(account.nameKana) : '',
      domains: [...new Set(account.domains.map((domain) => domain.toLowerCase()))],
    };
    this.accountKeys.set(account.id, keys);
    push(this.byCompany, keys.key, account.id);
    push(this.byCompanyReading, keys.reading, account.id);
    for (const domain of keys.domains) this.byDomain.add(domain, account.id, 1);
  }

  /** The company domains a contact's e-mails give its account. */
  private static domainsOf(contact: MatchableContact): string[] {
    return contact.emails.flatMap((email) => emailDomain(email) ?? []);
  }

  upsertContact(contact: MatchableContact): void {
    const previous = this.contacts.get(contact.id);
    if (previous) {
      for (const email of previous.emails) remove(this.byEmail, email.toLowerCase(), previous.id);
      for (const phone of previous.phones) remove(this.byPhone, phone, previous.id);
      remove(this.byName, personKey(previous.name), previous.id);
      remove(this.byReading, readingKey(previous.nameKana), previous.id);
      for (const domain of ContactMatcher.domainsOf(previous)) this.byDomain.add(domain, previous.accountId, -1);
    }
    this.contacts.set(contact.id, contact);
    for (const email of contact.emails) push(this.byEmail, email.toLowerCase(), contact.id);
    for (const domain of ContactMatcher.domainsOf(contact)) this.byDomain.add(domain, contact.accountId, 1);
    for (const phone of contact.phones) push(this.byPhone, phone, contact.id);
    push(this.byName, personKey(contact.name), contact.id);
    push(this.byReading, readingKey(contact.nameKana), contact.id);
  }

  match(query: MatchQuery, limit = 5): RawCandidate[] {
    const contactEvidence = new Map<string, Set<MatchReason>>();
    const accountEvidence = new Map<string, Set<MatchReason>>();
    const forContact = (id: string, reason: MatchReason) => {
      const set = contactEvidence.get(id) ?? new Set<MatchReason>();
      set.add(reason);
      contactEvidence.set(id, set);
    };
    const forAccount = (id: string, reason: MatchReason) => {
      const set = accountEvidence.get(id) ?? new Set<MatchReason>();
      set.add(reason);
      accountEvidence.set(id, set);
    };

    for (const email of query.emails) {
      for (const id of this.byEmail.get(email.trim().toLowerCase()) ?? []) forContact(id, 'email');
      const domain = emailDomain(email);
      if (domain) for (const id of this.byDomain.accountsOf(domain)) forAccount(id, 'email_domain');
    }
    for (const phone of query.phones) for (const id of this.byPhone.get(phone) ?? []) forContact(id, 'phone');
    // Names are stored as written ("山田 太郎", "Anna Müller"): try family-first and given-first.
    if (query.familyName && query.givenName) {
      for (const key of new Set([
        personKey(query.familyName, query.givenName),
        personKey(query.givenName, query.familyName),
      ])) {
        for (const id of this.byName.get(key) ?? []) forContact(id, 'name');
      }
    }
    if (query.familyKana && query.givenKana) {
      for (const id of this.byReading.get(personKey(query.familyKana, query.givenKana)) ?? [])
        forContact(id, 'name_reading');
    }

    const company = query.company ? companyKey(query.company) : '';
    const companyReading = query.companyKana ? companyKey(query.companyKana) : '';
    for (const id of this.byCompany.get(company) ?? []) forAccount(id, 'company');
    for (const id of this.byCompanyReading.get(companyReading) ?? []) forAccount(id, 'company_reading');
    // The typed company is also matched against readings (ﾄﾗｲﾂ finds 株式会社トライツ and トライツ株式会社 alike)
    // and, while still being typed, as a part of longer names.
    for (const id of this.byCompanyReading.get(company) ?? []) forAccount(id, 'company_reading');
    if (company.length >= 2) {
      for (const [id, keys] of this.accountKeys) {
        if (
          keys.key !== company &&
          keys.reading !== company &&
          (keys.key.includes(company) || keys.reading.includes(company))
        ) {
          forAccount(id, 'company_partial');
        }
      }
    }

    const candidates: RawCandidate[] = [];
    const accountScore = (id: string) => {
      const reasons = [...(accountEvidence.get(id) ?? [])];
      return { score: reasons.reduce((sum, reason) => sum + WEIGHT[reason], 0), reasons };
    };
    const accountsWithContact = new Set<string>();
    for (const [id, reasons] of contactEvidence) {
      const contact = this.contacts.get(id);
      if (!contact) continue;
      const own = [...reasons];
      const account = accountScore(contact.accountId);
      const strong = own.includes('email') || own.includes('phone') || account.score > 0;
      // A common name with nothing else in common is not worth the rep's attention.
      if (!strong) continue;
      accountsWithContact.add(contact.accountId);
      candidates.push({
        accountId: contact.accountId,
        contactId: id,
        score: own.reduce((sum, reason) => sum + WEIGHT[reason], 0) + account.score,
        reasons: [...own, ...account.reasons],
      });
    }
    for (const id of accountEvidence.keys()) {
      if (accountsWithContact.has(id)) continue;
      const account = accountScore(id);
      candidates.push({ accountId: id, contactId: null, score: account.score, reasons: account.reasons });
    }
    return candidates.sort((a, b) => b.score - a.score || a.accountId.localeCompare(b.accountId)).slice(0, limit);
  }
}
