import type Database from 'better-sqlite3';
import type { Change, SyncAccount, SyncContact } from '../../../src/shared/sync-api';
import { statement } from '../db/statements';

export interface AppliedPage {
  /** Accounts whose rows, contacts or touchpoints changed: their in-memory indexes need a refresh. */
  accountIds: Set<string>;
  /** Touchpoints this page added (already present ones are not counted). */
  touchpointsAdded: number;
  /** Records that could not be placed (e.g. a contact of an account outside this device's scope). */
  skipped: number;
}

type Entity = 'account' | 'contact';

/** Fields with a local edit still waiting in the outbox: a pulled value must not overwrite them before the hub has judged. */
function pendingFields(sqlite: Database.Database, entity: Entity, id: string): Set<string> {
  const rows = statement(
    sqlite,
    "SELECT payload FROM outbox WHERE state = 'pending' AND kind = ? AND entity_id = ?",
  ).all(`${entity}.update`, id) as { payload: string }[];
  const fields = new Set<string>();
  for (const row of rows) {
    const payload = JSON.parse(row.payload) as { fields?: Record<string, unknown> };
    for (const field of Object.keys(payload.fields ?? {})) fields.add(field);
  }
  return fields;
}

function storeClocks(
  sqlite: Database.Database,
  entity: Entity,
  id: string,
  clocks: Partial<Record<string, string>>,
): void {
  const upsert = statement(
    sqlite,
    `INSERT INTO field_clocks (entity, id, field, hlc) VALUES (?, ?, ?, ?)
     ON CONFLICT (entity, id, field) DO UPDATE SET hlc = excluded.hlc WHERE excluded.hlc > field_clocks.hlc`,
  );
  for (const [field, hlc] of Object.entries(clocks)) if (hlc) upsert.run(entity, id, field, hlc);
}

/** The pulled value for each field, except fields the rep changed here and has not pushed yet. */
function merge<T extends Record<string, unknown>>(incoming: T, existing: T | undefined, keep: Set<string>): T {
  if (!existing || keep.size === 0) return incoming;
  const merged: Record<string, unknown> = { ...incoming };
  for (const field of keep) if (field in existing) merged[field] = existing[field];
  return merged as T;
}

function applyAccount(sqlite: Database.Database, account: SyncAccount, page: AppliedPage): void {
  const existing = statement(
    sqlite,
    'SELECT stage_code AS stageCode, business_notes AS businessNotes, industry_notes AS industryNotes FROM accounts WHERE id = ?',
  ).get(account.id) as Record<string, unknown> | undefined;
  const values = merge(
    { stageCode: account.stageCode, businessNotes: account.businessNotes, industryNotes: account.industryNotes },
    existing as { stageCode: string; businessNotes: string; industryNotes: string } | undefined,
    pendingFields(sqlite, 'account', account.id),
  );
  statement(
    sqlite,
    `INSERT INTO accounts (id, name, name_kana, domains, industry, size, region, territory, stage_code, business_notes, industry_notes, created_at, updated_at)
     VALUES (@id, @name, @nameKana, @domains, @industry, @size, @region, @territory, @stageCode, @businessNotes, @industryNotes, @createdAt, @updatedAt)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, name_kana = excluded.name_kana, domains = excluded.domains,
       industry = excluded.industry, size = excluded.size, region = excluded.region, territory = excluded.territory,
       stage_code = excluded.stage_code, business_notes = excluded.business_notes, industry_notes = excluded.industry_notes,
       updated_at = excluded.updated_at`,
  ).run({ ...account, ...values, domains: JSON.stringify(account.domains) });
  storeClocks(sqlite, 'account', account.id, account.clocks);
  page.accountIds.add(account.id);
}

function applyContact(sqlite: Database.Database, contact: SyncContact, page: AppliedPage): boolean {
  if (!statement(sqlite, 'SELECT 1 FROM accounts WHERE id = ?').get(contact.accountId)) return false;
  const existing = statement(
    sqlite,
    'SELECT account_id AS accountId, name, name_kana AS nameKana, title, department, role, emails, phones, consent FROM contacts WHERE id = ?',
  ).get(contact.id) as Record<string, unknown> | undefined;
  // A contact moved to another account: the account it leaves must drop it from its search entry too.
  if (typeof existing?.accountId === 'string' && existing.accountId !== contact.accountId) {
    page.accountIds.add(existing.accountId);
  }
  const incoming = {
    name: contact.name,
    nameKana: contact.nameKana,
    title: contact.title,
    department: contact.department,
    role: contact.role,
    emails: JSON.stringify(contact.emails),
    phones: JSON.stringify(contact.phones),
    consent: contact.consent,
  };
  const values = merge(incoming, existing as typeof incoming | undefined, pendingFields(sqlite, 'contact', contact.id));
  statement(
    sqlite,
    `INSERT INTO contacts (id, account_id, name, name_kana, title, department, role, emails, phones, consent, created_at, updated_at)
     VALUES (@id, @accountId, @name, @nameKana, @title, @department, @role, @emails, @phones, @consent, @createdAt, @updatedAt)
     ON CONFLICT (id) DO UPDATE SET account_id = excluded.account_id, name = excluded.name, name_kana = excluded.name_kana,
       title = excluded.title, department = excluded.department, role = excluded.role, emails = excluded.emails,
       phones = excluded.phones, consent = excluded.consent, updated_at = excluded.updated_at`,
  ).run({
    id: contact.id,
    accountId: contact.accountId,
    createdAt: contact.createdAt,
    updatedAt: contact.updatedAt,
    ...values,
  });
  storeClocks(sqlite, 'contact', contact.id, contact.clocks);
  page.accountIds.add(contact.accountId);
  return true;
}

/**
 * Applies one change. Returns false when a record it refers to is not on this device (yet):
 * what could be written is written, and applying it again later completes it.
 */
function applyChange(sqlite: Database.Database, change: Change, page: AppliedPage): boolean {
  const exists = (table: 'accounts' | 'contacts' | 'content_versions', id: string) =>
    statement(sqlite, `SELECT 1 FROM ${table} WHERE id = ?`).get(id) !== undefined;
  switch (change.kind) {
    case 'stage': {
      const s = change.data;
      statement(
        sqlite,
        `INSERT INTO stages (code, position, label_ja, label_en) VALUES (?, ?, ?, ?)
         ON CONFLICT (code) DO UPDATE SET position = excluded.position, label_ja = excluded.label_ja, label_en = excluded.label_en`,
      ).run(s.code, s.position, s.labelJa, s.labelEn);
      return true;
    }
    case 'account':
      applyAccount(sqlite, change.data, page);
      return true;
    case 'contact':
      return applyContact(sqlite, change.data, page);
    case 'touchpoint': {
      const t = change.data;
      if (!exists('accounts', t.accountId)) return false;
      const inserted = statement(
        sqlite,
        `INSERT OR IGNORE INTO touchpoints (id, account_id, occurred_at, channel, team, stage_code, summary, details, author, origin_device, supersedes_id, created_at)
         VALUES (@id, @accountId, @occurredAt, @channel, @team, @stageCode, @summary, @details, @author, @originDevice, @supersedesId, @createdAt)`,
      ).run({ ...t, details: JSON.stringify(t.details) });
      if (inserted.changes > 0) {
        page.touchpointsAdded++;
        page.accountIds.add(t.accountId);
      }
      // Links are inserted if absent, so a touchpoint applied again gets the links it missed.
      let complete = true;
      for (const contactId of t.contactIds) {
        if (!exists('contacts', contactId)) complete = false;
        else {
          statement(sqlite, 'INSERT OR IGNORE INTO touchpoint_contacts (touchpoint_id, contact_id) VALUES (?, ?)').run(
            t.id,
            contactId,
          );
        }
      }
      for (const versionId of t.contentVersionIds) {
        if (!exists('content_versions', versionId)) complete = false;
        else {
          statement(
            sqlite,
            'INSERT OR IGNORE INTO touchpoint_content (touchpoint_id, content_version_id) VALUES (?, ?)',
          ).run(t.id, versionId);
        }
      }
      return complete;
    }
    case 'consent': {
      const c = change.data;
      if (!exists('contacts', c.contactId)) return false;
      const eventKnown =
        c.eventId !== null && statement(sqlite, 'SELECT 1 FROM events WHERE id = ?').get(c.eventId) !== undefined;
      statement(
        sqlite,
        `INSERT OR IGNORE INTO consent_records (id, contact_id, event_id, granted, method, text_version, text, recorded_at, rep)
         VALUES (?, ?, ?, 1, ?, ?, '', ?, ?)`,
      ).run(c.id, c.contactId, eventKnown ? c.eventId : null, c.method, c.textVersion, c.grantedAt, c.rep);
      return true;
    }
    case 'event': {
      const e = change.data;
      statement(
        sqlite,
        `INSERT INTO events (id, name, venue, starts_on, ends_on, booth, questions, consent_text, consent_version, products, created_at)
         VALUES (@id, @name, @venue, @startsOn, @endsOn, @booth, @questions, @consentText, @consentVersion, @products, @createdAt)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, venue = excluded.venue, starts_on = excluded.starts_on,
           ends_on = excluded.ends_on, booth = excluded.booth, questions = excluded.questions,
           consent_text = excluded.consent_text, consent_version = excluded.consent_version, products = excluded.products`,
      ).run({ ...e, questions: JSON.stringify(e.questions), products: JSON.stringify(e.products) });
      return true;
    }
    case 'content_version': {
      const v = change.data;
      statement(sqlite, 'INSERT OR IGNORE INTO content_items (id, kind, created_at) VALUES (?, ?, ?)').run(
        v.itemId,
        v.itemKind,
        v.createdAt,
      );
      statement(
        sqlite,
        `INSERT INTO content_versions (id, item_id, version, title, language, approval, valid_from, valid_until, sha256, size, mime, page_count, tags, key_messages, approved_by, created_at)
         VALUES (@id, @itemId, @version, @title, @language, @approval, @validFrom, @validUntil, @sha256, @size, @mime, @pageCount, @tags, @keyMessages, @approvedBy, @createdAt)
         ON CONFLICT (id) DO UPDATE SET title = excluded.title, approval = excluded.approval, valid_from = excluded.valid_from,
           valid_until = excluded.valid_until, tags = excluded.tags, key_messages = excluded.key_messages, approved_by = excluded.approved_by`,
      ).run({ ...v, tags: JSON.stringify(v.tags), keyMessages: JSON.stringify(v.keyMessages) });
      return true;
    }
    case 'followup':
      // Follow-up tasks belong to the capturing device's after-show list; the journey does not show them.
      return true;
  }
}

/**
 * Applies one pulled page. The caller runs this and the cursor update in ONE transaction,
 * so after a crash the page is either wholly applied with its cursor, or not at all and
 * pulled again. Every write is an upsert or insert-if-absent: applying a page twice
 * changes nothing.
 *
 * A record may refer to one further down the same page: the hub sends a record changed
 * twice in a page once, at its first change, with its current data, so a contact moved
 * to an account created after it arrives before that account. What waits for a reference
 * is applied again once the rest of the page is in, until a pass places nothing more;
 * what is still missing then is outside this device's scope.
 */
export function applyChanges(sqlite: Database.Database, changes: Change[]): AppliedPage {
  const page: AppliedPage = { accountIds: new Set(), touchpointsAdded: 0, skipped: 0 };
  let waiting = changes;
  for (;;) {
    const stillWaiting = waiting.filter((change) => !applyChange(sqlite, change, page));
    if (stillWaiting.length === 0 || stillWaiting.length === waiting.length) {
      page.skipped = stillWaiting.length;
      return page;
    }
    waiting = stillWaiting;
  }
}
