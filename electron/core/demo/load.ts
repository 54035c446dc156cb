import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type Database from 'better-sqlite3';
import { AppError } from '../../../src/shared/errors';
import { Dataset, type AccountBatch, type DatasetContentVersion, type DatasetEvent } from './dataset-schema';

const DAY = 86_400_000;

export interface DatasetParts {
  anchor: number;
  events: DatasetEvent[];
  contentItems: Dataset['contentItems'];
  contentVersions: DatasetContentVersion[];
  batches: Iterable<AccountBatch>;
}

export function readDatasetFile(file: string): Dataset {
  let raw: unknown;
  try {
    raw = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8'));
  } catch (error) {
    throw new AppError('INVALID_INPUT', `The demo dataset ${file} cannot be read: ${String(error)}`);
  }
  const parsed = Dataset.safeParse(raw);
  if (!parsed.success) {
    throw new AppError('INVALID_INPUT', `The demo dataset ${file} is malformed: ${parsed.error.message}`);
  }
  return parsed.data;
}

function shiftDate(day: string, shift: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + shift).toISOString().slice(0, 10);
}

/**
 * Inserts a dataset as if it had been pulled from the hub: no outbox rows, because none
 * of it is a local change. Times move by whole days so the newest touchpoint lands at
 * `now` and "engaged in the last 90 days" means the same thing on any date. Accounts go
 * in transactions of a few hundred so a 2,000,000-touchpoint benchmark territory streams.
 */
export function insertDataset(sqlite: Database.Database, data: DatasetParts, now: number): void {
  const shift = Math.round((now - data.anchor) / DAY) * DAY;
  const statements = {
    event: sqlite.prepare(
      `INSERT INTO events (id, name, venue, starts_on, ends_on, booth, questions, consent_text, consent_version, products, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    item: sqlite.prepare('INSERT INTO content_items (id, kind, created_at) VALUES (?, ?, ?)'),
    version: sqlite.prepare(
      `INSERT INTO content_versions (id, item_id, version, title, language, approval, valid_from, valid_until, sha256, size, mime, page_count, tags, key_messages, approved_by, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    account: sqlite.prepare(
      `INSERT INTO accounts (id, name, name_kana, domains, industry, size, region, territory, stage_code, business_notes, industry_notes, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    contact: sqlite.prepare(
      `INSERT INTO contacts (id, account_id, name, name_kana, title, department, role, emails, phones, consent, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    touchpoint: sqlite.prepare(
      `INSERT INTO touchpoints (id, account_id, occurred_at, channel, team, stage_code, summary, details, author, origin_device, supersedes_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'hub', NULL, ?)`,
    ),
    touchpointContact: sqlite.prepare('INSERT INTO touchpoint_contacts (touchpoint_id, contact_id) VALUES (?, ?)'),
    touchpointContent: sqlite.prepare(
      'INSERT INTO touchpoint_content (touchpoint_id, content_version_id) VALUES (?, ?)',
    ),
  };

  sqlite.transaction(() => {
    for (const e of data.events) {
      statements.event.run(
        e.id,
        e.name,
        e.venue,
        shiftDate(e.startsOn, shift),
        shiftDate(e.endsOn, shift),
        e.booth,
        JSON.stringify(e.questions),
        e.consentText,
        e.consentVersion,
        JSON.stringify(e.products),
        now,
      );
    }
    for (const item of data.contentItems) statements.item.run(item.id, item.kind, now);
    for (const v of data.contentVersions) {
      statements.version.run(
        v.id,
        v.itemId,
        v.version,
        v.title,
        v.language,
        v.approval,
        v.validFrom + shift,
        v.validUntil === null ? null : v.validUntil + shift,
        v.sha256,
        v.size,
        v.mime,
        v.pageCount,
        JSON.stringify(v.tags),
        JSON.stringify(v.keyMessages),
        v.approvedBy,
        v.validFrom + shift,
      );
    }
  })();

  const insertBatches = sqlite.transaction((batches: AccountBatch[]) => {
    for (const { account: a, contacts, touchpoints } of batches) {
      const created = a.createdAt + shift;
      statements.account.run(
        a.id,
        a.name,
        a.nameKana,
        JSON.stringify(a.domains),
        a.industry,
        a.size,
        a.region,
        a.territory,
        a.stageCode,
        a.businessNotes,
        a.industryNotes,
        created,
        created,
      );
      for (const c of contacts) {
        statements.contact.run(
          c.id,
          c.accountId,
          c.name,
          c.nameKana,
          c.title,
          c.department,
          c.role,
          JSON.stringify(c.emails),
          JSON.stringify(c.phones),
          c.consent,
          c.createdAt + shift,
          c.createdAt + shift,
        );
      }
      for (const t of touchpoints) {
        const at = t.occurredAt + shift;
        statements.touchpoint.run(
          t.id,
          t.accountId,
          at,
          t.channel,
          t.team,
          t.stageCode,
          t.summary,
          JSON.stringify(t.details),
          t.author,
          at,
        );
        for (const contactId of t.contactIds) statements.touchpointContact.run(t.id, contactId);
        for (const versionId of t.contentVersionIds) statements.touchpointContent.run(t.id, versionId);
      }
    }
  });

  let pending: AccountBatch[] = [];
  for (const batch of data.batches) {
    pending.push(batch);
    if (pending.length >= 200) {
      insertBatches(pending);
      pending = [];
    }
  }
  if (pending.length > 0) insertBatches(pending);
}
