import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * The local database. Times are integer milliseconds (UTC). JSON columns hold arrays and
 * objects that are read whole and never queried inside.
 */

export const stages = sqliteTable('stages', {
  code: text('code').primaryKey(),
  position: integer('position').notNull(),
  labelJa: text('label_ja').notNull(),
  labelEn: text('label_en').notNull(),
});

export const accounts = sqliteTable(
  'accounts',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    nameKana: text('name_kana'),
    domains: text('domains', { mode: 'json' })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    industry: text('industry').notNull(),
    size: text('size').notNull(),
    region: text('region').notNull(),
    territory: text('territory').notNull(),
    stageCode: text('stage_code')
      .notNull()
      .references(() => stages.code),
    businessNotes: text('business_notes').notNull().default(''),
    industryNotes: text('industry_notes').notNull().default(''),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('accounts_territory').on(t.territory)],
);

export const contacts = sqliteTable(
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
    emails: text('emails', { mode: 'json' })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    phones: text('phones', { mode: 'json' })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    consent: text('consent').notNull().default('unknown'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('contacts_account').on(t.accountId)],
);

/** Append-only. A correction is a new row whose supersedes_id names the row it replaces. */
export const touchpoints = sqliteTable(
  'touchpoints',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id),
    occurredAt: integer('occurred_at').notNull(),
    channel: text('channel').notNull(),
    team: text('team').notNull(),
    stageCode: text('stage_code').notNull(),
    summary: text('summary').notNull(),
    details: text('details', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    author: text('author').notNull(),
    originDevice: text('origin_device').notNull(),
    supersedesId: text('supersedes_id'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    index('touchpoints_account_time').on(t.accountId, t.occurredAt, t.id),
    index('touchpoints_account_stage').on(t.accountId, t.stageCode),
    index('touchpoints_supersedes').on(t.supersedesId),
  ],
);

export const touchpointContacts = sqliteTable(
  'touchpoint_contacts',
  {
    touchpointId: text('touchpoint_id')
      .notNull()
      .references(() => touchpoints.id),
    contactId: text('contact_id')
      .notNull()
      .references(() => contacts.id),
  },
  (t) => [primaryKey({ columns: [t.touchpointId, t.contactId] }), index('touchpoint_contacts_contact').on(t.contactId)],
);

export const touchpointContent = sqliteTable(
  'touchpoint_content',
  {
    touchpointId: text('touchpoint_id')
      .notNull()
      .references(() => touchpoints.id),
    contentVersionId: text('content_version_id')
      .notNull()
      .references(() => contentVersions.id),
  },
  (t) => [
    primaryKey({ columns: [t.touchpointId, t.contentVersionId] }),
    index('touchpoint_content_version').on(t.contentVersionId),
  ],
);

export const events = sqliteTable('events', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  venue: text('venue').notNull(),
  startsOn: text('starts_on').notNull(),
  endsOn: text('ends_on').notNull(),
  booth: text('booth').notNull(),
  questions: text('questions', { mode: 'json' }).$type<unknown[]>().notNull(),
  consentText: text('consent_text').notNull(),
  consentVersion: text('consent_version').notNull(),
  products: text('products', { mode: 'json' }).$type<string[]>().notNull(),
  createdAt: integer('created_at').notNull(),
});

export const contentItems = sqliteTable('content_items', {
  id: text('id').primaryKey(),
  kind: text('kind').notNull(),
  createdAt: integer('created_at').notNull(),
});

export const contentVersions = sqliteTable(
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
    validFrom: integer('valid_from').notNull(),
    validUntil: integer('valid_until'),
    sha256: text('sha256').notNull(),
    size: integer('size').notNull(),
    mime: text('mime').notNull(),
    pageCount: integer('page_count'),
    tags: text('tags', { mode: 'json' }).$type<Record<string, string[]>>().notNull(),
    keyMessages: text('key_messages', { mode: 'json' }).$type<string[]>().notNull(),
    approvedBy: text('approved_by'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('content_versions_item_version').on(t.itemId, t.version)],
);

/**
 * Every local write adds its row here in the same transaction. The id is the UUIDv7
 * mutation id the hub uses to apply it exactly once.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    entityId: text('entity_id').notNull(),
    payload: text('payload', { mode: 'json' }).$type<unknown>().notNull(),
    createdAt: integer('created_at').notNull(),
    state: text('state').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    // The hub that acknowledged the change ('done'): only that hub is ever sent it again,
    // after it lost it in a restore (or lost this device's enrolment).
    hubId: text('hub_id'),
    // Sent again because the hub lost changes: the hub's own clocks decide its fields, and
    // it is no local edit in waiting (see sync/push.ts and sync/local-edits.ts).
    resent: integer('resent', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('outbox_state').on(t.state, t.id), index('outbox_entity').on(t.entityId, t.state)],
);

export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).$type<unknown>().notNull(),
});

/**
 * One visitor captured at a booth. `fields` keeps the form exactly as the rep confirmed it
 * (names, readings, address lines, answers…); the contact, account and touchpoints it
 * produced are linked by id.
 */
export const captures = sqliteTable(
  'captures',
  {
    id: text('id').primaryKey(),
    eventId: text('event_id')
      .notNull()
      .references(() => events.id),
    contactId: text('contact_id')
      .notNull()
      .references(() => contacts.id),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id),
    fields: text('fields', { mode: 'json' }).$type<unknown>().notNull(),
    rating: text('rating'),
    source: text('source').notNull(),
    /** How the rep resolved matching: attached to an existing contact/account, or created new ones. */
    matchedContact: integer('matched_contact', { mode: 'boolean' }).notNull(),
    matchedAccount: integer('matched_account', { mode: 'boolean' }).notNull(),
    boothTouchpointId: text('booth_touchpoint_id')
      .notNull()
      .references(() => touchpoints.id),
    cardTouchpointId: text('card_touchpoint_id').references(() => touchpoints.id),
    rep: text('rep').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('captures_event').on(t.eventId, t.createdAt)],
);

/** What a person agreed to, in which wording, how, when and in front of whom. Append-only. */
export const consentRecords = sqliteTable(
  'consent_records',
  {
    id: text('id').primaryKey(),
    contactId: text('contact_id')
      .notNull()
      .references(() => contacts.id),
    eventId: text('event_id').references(() => events.id),
    granted: integer('granted', { mode: 'boolean' }).notNull(),
    method: text('method').notNull(),
    textVersion: text('text_version').notNull(),
    text: text('text').notNull(),
    recordedAt: integer('recorded_at').notNull(),
    rep: text('rep').notNull(),
  },
  (t) => [index('consent_records_contact').on(t.contactId)],
);

/** A follow-up promised at the booth (send content, or book a meeting) and its draft. */
export const followUps = sqliteTable(
  'follow_ups',
  {
    id: text('id').primaryKey(),
    captureId: text('capture_id')
      .notNull()
      .references(() => captures.id),
    contactId: text('contact_id')
      .notNull()
      .references(() => contacts.id),
    eventId: text('event_id').references(() => events.id),
    kind: text('kind').notNull(),
    contentVersionIds: text('content_version_ids', { mode: 'json' }).$type<string[]>().notNull(),
    status: text('status').notNull(),
    draftLanguage: text('draft_language'),
    draftSubject: text('draft_subject'),
    draftBody: text('draft_body'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('follow_ups_capture').on(t.captureId)],
);

/** The half-typed capture of an event's shift, saved continuously so a crash loses nothing. */
export const captureDrafts = sqliteTable('capture_drafts', {
  eventId: text('event_id')
    .primaryKey()
    .references(() => events.id),
  fields: text('fields', { mode: 'json' }).$type<unknown>().notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/** Encrypted exports written on this device: signing out or deleting is allowed once one covers every unsynced capture. */
export const captureExports = sqliteTable('capture_exports', {
  id: text('id').primaryKey(),
  eventId: text('event_id'),
  file: text('file').notNull(),
  captureCount: integer('capture_count').notNull(),
  /** The newest capture the export contains. */
  coversUntil: integer('covers_until').notNull(),
  createdAt: integer('created_at').notNull(),
  /**
   * The captures the export contains. What it covers is decided by these ids, not by time:
   * a capture saved after the clock was set back would look older than the export. Null
   * for exports written before schema version 6, which fall back to `coversUntil`.
   */
  captureIds: text('capture_ids', { mode: 'json' }).$type<string[]>(),
  /**
   * The queued changes (outbox ids) the export carries: a change queued after it, even for
   * an exported contact, is in no export. Null for exports from before schema version 6.
   */
  outboxIds: text('outbox_ids', { mode: 'json' }).$type<string[]>(),
});

/**
 * What the content store knows about each file it holds, by SHA-256. No row: the file is
 * not on this device. `problem` is null for an intact, showable file; otherwise why it
 * cannot be shown (corrupted, empty_file, truncated, unsupported_type, unrenderable).
 */
export const contentFiles = sqliteTable('content_files', {
  sha256: text('sha256').primaryKey(),
  size: integer('size').notNull(),
  problem: text('problem'),
  checkedAt: integer('checked_at').notNull(),
});

/** A rep's named selection of content items (or page ranges of PDFs), in order. */
export const decks = sqliteTable('decks', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/**
 * One entry of a deck. It names the item, not a version, so the deck follows new approved
 * versions; `version_id` is the version the rep last reviewed it against (a page-count
 * change since then flags the deck for review). No foreign keys to content: a deck synced
 * from another device may point at content this device does not have yet.
 */
export const deckItems = sqliteTable(
  'deck_items',
  {
    deckId: text('deck_id')
      .notNull()
      .references(() => decks.id),
    position: integer('position').notNull(),
    itemId: text('item_id').notNull(),
    versionId: text('version_id').notNull(),
    pageFrom: integer('page_from'),
    pageTo: integer('page_to'),
    notes: text('notes').notNull().default(''),
  },
  (t) => [primaryKey({ columns: [t.deckId, t.position] })],
);

/**
 * A presentation, running or ended. The slides are a snapshot taken at start (versions and
 * pages), and the time on each slide is saved at every page turn and heartbeat, so a crash
 * loses at most a few seconds and the next start still writes the "content presented"
 * touchpoints.
 */
export const presentations = sqliteTable(
  'presentations',
  {
    id: text('id').primaryKey(),
    deckId: text('deck_id'),
    deckName: text('deck_name'),
    accountId: text('account_id'),
    eventId: text('event_id'),
    attendees: text('attendees', { mode: 'json' }).$type<unknown>().notNull(),
    slides: text('slides', { mode: 'json' }).$type<unknown>().notNull(),
    language: text('language').notNull(),
    position: integer('position').notNull(),
    blank: integer('blank', { mode: 'boolean' }).notNull(),
    /** The presenter paused the video on screen; the audience window pauses with it. */
    paused: integer('paused', { mode: 'boolean' }).notNull().default(false),
    /** When the current stretch on the current slide began; null while blanked. */
    shownAt: integer('shown_at'),
    /** Per slide: total and longest continuous milliseconds on screen. */
    slideTimes: text('slide_times', { mode: 'json' }).$type<unknown>().notNull(),
    startedAt: integer('started_at').notNull(),
    /** Last page turn or heartbeat: where crash recovery closes the last stretch. */
    lastActiveAt: integer('last_active_at').notNull(),
    endedAt: integer('ended_at'),
    recovered: integer('recovered', { mode: 'boolean' }).notNull().default(false),
    touchpointIds: text('touchpoint_ids', { mode: 'json' }).$type<string[]>(),
  },
  (t) => [index('presentations_running').on(t.endedAt)],
);

/**
 * The hub's clock for each mutable field as this device last saw it (from a pull, or from
 * its own accepted edit). A local edit sends it as `baseHlc`, which tells the hub whether
 * the device saw the current value before changing it.
 */
export const fieldClocks = sqliteTable(
  'field_clocks',
  {
    entity: text('entity').notNull(),
    id: text('id').notNull(),
    field: text('field').notNull(),
    hlc: text('hlc').notNull(),
  },
  (t) => [primaryKey({ columns: [t.entity, t.id, t.field] })],
);

/** The "needs review" list: concurrent edits the hub reported, and changes it refused. */
export const syncIssues = sqliteTable(
  'sync_issues',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    mutationId: text('mutation_id').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    field: text('field'),
    yours: text('yours'),
    theirs: text('theirs'),
    kept: text('kept'),
    reason: text('reason'),
    message: text('message'),
    createdAt: integer('created_at').notNull(),
    resolvedAt: integer('resolved_at'),
    resolution: text('resolution'),
  },
  (t) => [index('sync_issues_open').on(t.resolvedAt, t.createdAt)],
);
