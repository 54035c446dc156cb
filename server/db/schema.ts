import { sql } from 'drizzle-orm';
import { bigint, index, integer, json, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * The hub's PostgreSQL schema (PGlite embedded, or a PostgreSQL server). Times are bigint
 * milliseconds (UTC), as in the app, so nothing is converted on the way through. Record
 * ids are the app's text ids (UUIDv7 made on devices, UUIDv5 for imports).
 */
const ms = (name: string) => bigint(name, { mode: 'number' });

/** Key/value facts about this hub, such as its id (a cursor from another hub is meaningless here). */
export const hubMeta = pgTable('hub_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

// --- people and devices ---------------------------------------------------------------

export const territories = pgTable('territories', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  createdAt: ms('created_at').notNull(),
});

/** A group of people; `function` is the department a touchpoint written by them carries. */
export const teams = pgTable('teams', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  function: text('function').notNull(),
  createdAt: ms('created_at').notNull(),
});

export const users = pgTable('users', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  email: text('email').notNull().unique(),
  role: text('role').notNull(),
  teamCode: text('team_code').references(() => teams.code),
  createdAt: ms('created_at').notNull(),
});

export const userTerritories = pgTable(
  'user_territories',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    territoryCode: text('territory_code')
      .notNull()
      .references(() => territories.code),
  },
  (t) => [primaryKey({ columns: [t.userId, t.territoryCode] })],
);

/** One-time codes; only the SHA-256 of the code is kept. */
export const enrolmentCodes = pgTable('enrolment_codes', {
  codeHash: text('code_hash').primaryKey(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id),
  createdAt: ms('created_at').notNull(),
  expiresAt: ms('expires_at').notNull(),
  usedAt: ms('used_at'),
  deviceId: uuid('device_id'),
});

/** An enrolled device. The token is `<id>.<secret>`; only the SHA-256 of the secret is kept. */
export const devices = pgTable(
  'devices',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    name: text('name').notNull(),
    secretHash: text('secret_hash').notNull(),
    createdAt: ms('created_at').notNull(),
    revokedAt: ms('revoked_at'),
    lastPushAt: ms('last_push_at'),
    lastPullAt: ms('last_pull_at'),
    lastCursor: bigint('last_cursor', { mode: 'number' }),
    pendingOutbox: integer('pending_outbox'),
    oldestPendingAt: ms('oldest_pending_at'),
    reportedLastSyncAt: ms('reported_last_sync_at'),
    reportedAt: ms('reported_at'),
    appVersion: text('app_version'),
  },
  (t) => [index('devices_user').on(t.userId)],
);

// --- the journey ------------------------------------------------------------------------

export const stages = pgTable('stages', {
  code: text('code').primaryKey(),
  position: integer('position').notNull(),
  labelJa: text('label_ja').notNull(),
  labelEn: text('label_en').notNull(),
});

export const accounts = pgTable(
  'accounts',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    nameKana: text('name_kana'),
    domains: jsonb('domains').$type<string[]>().notNull(),
    industry: text('industry').notNull(),
    size: text('size').notNull(),
    region: text('region').notNull(),
    territory: text('territory')
      .notNull()
      .references(() => territories.code),
    stageCode: text('stage_code')
      .notNull()
      .references(() => stages.code),
    businessNotes: text('business_notes').notNull(),
    industryNotes: text('industry_notes').notNull(),
    createdAt: ms('created_at').notNull(),
    updatedAt: ms('updated_at').notNull(),
    /** The hub clock of each mutable field, `{ field: hlc }`; absent = never edited. */
    clocks: jsonb('clocks')
      .$type<Record<string, string>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
  },
  (t) => [index('accounts_territory').on(t.territory)],
);

export const contacts = pgTable(
  'contacts',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id),
    name: text('name').notNull(),
    nameKana: text('name_kana'),
    title: text('title'),
    department: text('department'),
    role: text('role'),
    emails: jsonb('emails').$type<string[]>().notNull(),
    phones: jsonb('phones').$type<string[]>().notNull(),
    consent: text('consent').notNull(),
    createdAt: ms('created_at').notNull(),
    updatedAt: ms('updated_at').notNull(),
    clocks: jsonb('clocks')
      .$type<Record<string, string>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
  },
  (t) => [index('contacts_account').on(t.accountId)],
);

/** Append-only, like the app's: a correction is a new row that supersedes an earlier one. */
export const touchpoints = pgTable(
  'touchpoints',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id),
    occurredAt: ms('occurred_at').notNull(),
    channel: text('channel').notNull(),
    team: text('team').notNull(),
    stageCode: text('stage_code').notNull(),
    summary: text('summary').notNull(),
    // json, not jsonb: the hub never looks inside these, and jsonb costs a parse on every
    // insert and a re-serialisation on every pull.
    details: json('details').$type<Record<string, unknown>>().notNull(),
    author: text('author').notNull(),
    originDevice: text('origin_device').notNull(),
    supersedesId: text('supersedes_id'),
    contactIds: json('contact_ids').$type<string[]>().notNull(),
    contentVersionIds: json('content_version_ids').$type<string[]>().notNull(),
    createdAt: ms('created_at').notNull(),
  },
  // No secondary index: the hub reads touchpoints by id (pull) or scans them (export), and
  // every index would slow the bulk inserts that dominate a push.
);

export const consentRecords = pgTable(
  'consent_records',
  {
    id: text('id').primaryKey(),
    contactId: text('contact_id')
      .notNull()
      .references(() => contacts.id),
    eventId: text('event_id').references(() => events.id),
    textVersion: text('text_version').notNull(),
    method: text('method').notNull(),
    grantedAt: ms('granted_at').notNull(),
    rep: text('rep').notNull(),
    originDevice: text('origin_device').notNull(),
  },
  (t) => [index('consent_records_contact').on(t.contactId)],
);

export const followups = pgTable(
  'followups',
  {
    id: text('id').primaryKey(),
    contactId: text('contact_id')
      .notNull()
      .references(() => contacts.id),
    eventId: text('event_id').references(() => events.id),
    kind: text('kind').notNull(),
    contentVersionIds: jsonb('content_version_ids').$type<string[]>().notNull(),
    status: text('status').notNull(),
    note: text('note').notNull(),
    author: text('author').notNull(),
    originDevice: text('origin_device').notNull(),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [index('followups_contact').on(t.contactId)],
);

export const events = pgTable('events', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  venue: text('venue').notNull(),
  startsOn: text('starts_on').notNull(),
  endsOn: text('ends_on').notNull(),
  booth: text('booth').notNull(),
  questions: jsonb('questions').$type<unknown[]>().notNull(),
  consentText: text('consent_text').notNull(),
  consentVersion: text('consent_version').notNull(),
  products: jsonb('products').$type<string[]>().notNull(),
  createdAt: ms('created_at').notNull(),
});

// --- content ------------------------------------------------------------------------------

export const contentItems = pgTable('content_items', {
  id: text('id').primaryKey(),
  kind: text('kind').notNull(),
  createdAt: ms('created_at').notNull(),
});

export const contentVersions = pgTable(
  'content_versions',
  {
    id: text('id').primaryKey(),
    itemId: text('item_id')
      .notNull()
      .references(() => contentItems.id),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    language: text('language').notNull(),
    approval: text('approval').notNull(),
    validFrom: ms('valid_from').notNull(),
    validUntil: ms('valid_until'),
    sha256: text('sha256').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    mime: text('mime').notNull(),
    pageCount: integer('page_count'),
    tags: jsonb('tags').$type<Record<string, string[]>>().notNull(),
    keyMessages: jsonb('key_messages').$type<string[]>().notNull(),
    approvedBy: text('approved_by'),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [uniqueIndex('content_versions_item_version').on(t.itemId, t.version)],
);

/** Files in the hub's blob store, by SHA-256. Only these hashes are ever served. */
export const blobs = pgTable('blobs', {
  sha256: text('sha256').primaryKey(),
  size: bigint('size', { mode: 'number' }).notNull(),
  createdAt: ms('created_at').notNull(),
});

// --- sync ---------------------------------------------------------------------------------

/**
 * Every processed mutation id, written in the transaction that applied (or rejected) it,
 * so a retry is recognised. `result` keeps what a non-applied mutation got, to repeat it.
 */
export const mutations = pgTable('mutations', {
  id: uuid('id').primaryKey(),
  deviceId: uuid('device_id').notNull(),
  kind: text('kind').notNull(),
  status: text('status').notNull(),
  result: jsonb('result'),
  receivedAt: ms('received_at').notNull(),
});

/**
 * The change log pull reads. `seq` is assigned under one advisory lock held until commit
 * (see server/db/write.ts), so sequence order is commit order and a cursor never skips a
 * row. `territory` scopes the row; null = everyone (stages, events, content).
 */
export const changeLog = pgTable('change_log', {
  seq: bigint('seq', { mode: 'number' }).primaryKey(),
  kind: text('kind').notNull(),
  entityId: text('entity_id').notNull(),
  // Deliberately not indexed: a page is read in seq order from the primary key, filtering
  // territories on the way, so the work is proportional to how far the cursor moves. An
  // index on territory tempts the planner into reading every later row and sorting them.
  territory: text('territory'),
  // A random number per writing transaction (null on rows logged before 0003). A hub
  // restored from a backup numbers its next rows with the sequence numbers of the writes
  // it lost; the pull cursor carries this value, so a device whose cursor names a lost
  // row is told to pull again from the start instead of silently skipping the new ones.
  writeId: integer('write_id'),
});
