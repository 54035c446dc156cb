import { z } from 'zod';
import {
  CONTENT_KINDS,
  Channel,
  CommitteeRole,
  ConsentState,
  Id,
  LIMITS,
  Team,
  Timestamp,
  ApprovalState,
} from './domain';

/**
 * The wire contract between a device and the hub (server/). The hub parses every request
 * with these schemas and the app's sync engine builds its requests and parses every answer
 * with them, so the two cannot drift. The OpenAPI document the hub serves at
 * /openapi.json is generated from the same schemas.
 */

export const SYNC_API_VERSION = 'v1';

// ---------------------------------------------------------------------------------------
// Errors

/** Codes of the hub's HTTP errors. Every 4xx/5xx body is `{ error: { code, message } }`. */
export const HUB_ERROR_CODES = [
  'INVALID_INPUT',
  'MALFORMED_JSON',
  'PAYLOAD_TOO_LARGE',
  'TOKEN_MISSING',
  'TOKEN_INVALID',
  'DEVICE_REVOKED',
  'ENROLMENT_INVALID',
  'FORBIDDEN',
  'NOT_FOUND',
  'CURSOR_AHEAD',
  'CURSOR_UNKNOWN',
  'RANGE_NOT_SATISFIABLE',
  'SHUTTING_DOWN',
  'INTERNAL',
] as const;
export const HubErrorCode = z.enum(HUB_ERROR_CODES);
export type HubErrorCode = z.infer<typeof HubErrorCode>;

export const HubErrorBody = z.object({
  error: z.object({ code: HubErrorCode, message: z.string() }),
});
export type HubErrorBody = z.infer<typeof HubErrorBody>;

// ---------------------------------------------------------------------------------------
// Hybrid logical clocks

/**
 * A hybrid logical clock stamp: `<13-digit ms>-<4-digit counter>-<node>`, for example
 * `1761955200000-0003-0193a1b2-…`. Fixed widths make plain string order equal clock
 * order (time, then counter, then node as a tie-break), so stamps compare with `<`.
 */
export const Hlc = z.string().regex(/^\d{13}-\d{4}-[A-Za-z0-9_-]{1,64}$/, 'not a hybrid logical clock stamp');
export type Hlc = z.infer<typeof Hlc>;

const HLC_COUNTER_MAX = 9999;

export interface HlcParts {
  ms: number;
  counter: number;
  node: string;
}

export function parseHlc(stamp: Hlc): HlcParts {
  return { ms: Number(stamp.slice(0, 13)), counter: Number(stamp.slice(14, 18)), node: stamp.slice(19) };
}

export function formatHlc({ ms, counter, node }: HlcParts): Hlc {
  return `${String(ms).padStart(13, '0')}-${String(counter).padStart(4, '0')}-${node}`;
}

export function compareHlc(a: Hlc, b: Hlc): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The next stamp for a local change on `node` at wall time `now`, after having seen
 * `seen` (the last stamp this node issued, or a remote stamp it received). The result is
 * greater than `seen`, so a change made after seeing a value always orders after it,
 * whatever the wall clocks say.
 */
export function nextHlc(now: number, node: string, seen?: Hlc | null): Hlc {
  if (!seen) return formatHlc({ ms: now, counter: 0, node });
  const last = parseHlc(seen);
  if (now > last.ms) return formatHlc({ ms: now, counter: 0, node });
  if (last.counter < HLC_COUNTER_MAX) return formatHlc({ ms: last.ms, counter: last.counter + 1, node });
  return formatHlc({ ms: last.ms + 1, counter: 0, node });
}

// ---------------------------------------------------------------------------------------
// Enrolment and identity

export const USER_ROLES = ['rep', 'marketing', 'admin'] as const;
export const UserRole = z.enum(USER_ROLES);
export type UserRole = z.infer<typeof UserRole>;

/** An enrolment code as the admin CLI prints it: three groups of four Crockford base32 characters. */
export const EnrolmentCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/, 'not an enrolment code');

export const EnrolRequest = z
  .object({
    code: EnrolmentCode,
    // No control characters: a NUL cannot be stored, and a device name is shown in admin tables.
    deviceName: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .regex(/^[^\p{Cc}]*$/u, 'no control characters'),
    appVersion: z
      .string()
      .max(40)
      .regex(/^[\x20-\x7e]*$/, 'printable ASCII')
      .optional(),
  })
  .strict();
export type EnrolRequest = z.infer<typeof EnrolRequest>;

/** What a device may see: `all` for admin and marketing, otherwise the rep's territories. */
export const Scope = z.object({ all: z.boolean(), territories: z.array(z.string()) });
export type Scope = z.infer<typeof Scope>;

export const Identity = z.object({
  hubId: z.string(),
  deviceId: z.uuid(),
  user: z.object({ id: z.uuid(), name: z.string(), role: UserRole, team: z.string().nullable() }),
  scope: Scope,
});
export type Identity = z.infer<typeof Identity>;

export const EnrolResponse = Identity.extend({
  /** `<deviceId>.<secret>`; sent as `Authorization: Bearer <token>`. The hub keeps only a hash. */
  token: z.string(),
});
export type EnrolResponse = z.infer<typeof EnrolResponse>;

// ---------------------------------------------------------------------------------------
// Records as they cross the wire (push payloads and pull changes share them)

const Name = z.string().trim().min(1).max(200);
const OptionalText = z.string().max(200).nullable();
const Notes = z.string().max(LIMITS.details);
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'not a YYYY-MM-DD date');
/** Free-form JSON objects (touchpoint details, event questions) are bounded by their serialized size. */
const boundedJson = <T extends z.ZodType>(schema: T, max: number) =>
  schema.refine((value) => JSON.stringify(value).length <= max, `larger than ${max} characters as JSON`);

export const SyncStage = z.object({
  code: z.string(),
  position: z.number().int(),
  labelJa: z.string(),
  labelEn: z.string(),
});
export type SyncStage = z.infer<typeof SyncStage>;

/** The mutable fields of an account; each carries its own clock. */
export const ACCOUNT_FIELDS = ['stageCode', 'businessNotes', 'industryNotes'] as const;
/** The mutable fields of a contact (details and consent state); each carries its own clock. */
export const CONTACT_FIELDS = [
  'name',
  'nameKana',
  'title',
  'department',
  'role',
  'emails',
  'phones',
  'consent',
] as const;

/** The hub's clock per mutable field; a field never edited since creation has none. */
const Clocks = <const F extends readonly [string, ...string[]]>(fields: F) => z.partialRecord(z.enum(fields), Hlc);

export const AccountRecord = z.object({
  id: Id,
  name: Name,
  nameKana: OptionalText,
  domains: z.array(z.string().max(253)).max(20),
  industry: z.string().max(100),
  size: z.string().max(50),
  region: z.string().max(50),
  territory: z.string().min(1).max(50),
  stageCode: z.string().min(1).max(50),
  businessNotes: Notes,
  industryNotes: Notes,
  createdAt: Timestamp,
});
export type AccountRecord = z.infer<typeof AccountRecord>;
export const SyncAccount = AccountRecord.extend({ updatedAt: Timestamp, clocks: Clocks(ACCOUNT_FIELDS) });
export type SyncAccount = z.infer<typeof SyncAccount>;

/** E-mail addresses, and phone numbers, one contact holds at most. */
export const CONTACT_LIST_MAX = 10;

export const ContactRecord = z.object({
  id: Id,
  accountId: Id,
  name: Name,
  nameKana: OptionalText,
  title: OptionalText,
  department: OptionalText,
  role: CommitteeRole.nullable(),
  emails: z.array(z.string().max(254)).max(CONTACT_LIST_MAX),
  phones: z.array(z.string().max(40)).max(CONTACT_LIST_MAX),
  consent: ConsentState,
  createdAt: Timestamp,
});
export type ContactRecord = z.infer<typeof ContactRecord>;
export const SyncContact = ContactRecord.extend({ updatedAt: Timestamp, clocks: Clocks(CONTACT_FIELDS) });
export type SyncContact = z.infer<typeof SyncContact>;

export const TouchpointRecord = z.object({
  id: Id,
  accountId: Id,
  occurredAt: Timestamp,
  channel: Channel,
  team: Team,
  stageCode: z.string().min(1).max(50),
  summary: z.string().max(LIMITS.summary),
  details: boundedJson(z.record(z.string(), z.unknown()), LIMITS.detailsJson),
  author: z.string().max(100),
  originDevice: z.string().max(64),
  supersedesId: Id.nullable(),
  contactIds: z.array(Id).max(50),
  contentVersionIds: z.array(Id).max(50),
});
export type TouchpointRecord = z.infer<typeof TouchpointRecord>;
export const SyncTouchpoint = TouchpointRecord.extend({ createdAt: Timestamp });
export type SyncTouchpoint = z.infer<typeof SyncTouchpoint>;

export const CONSENT_METHODS = ['checkbox', 'verbal'] as const;
export const ConsentRecord = z.object({
  id: Id,
  contactId: Id,
  eventId: Id.nullable(),
  textVersion: z.string().min(1).max(100),
  method: z.enum(CONSENT_METHODS),
  grantedAt: Timestamp,
  rep: z.string().max(100),
});
export type ConsentRecord = z.infer<typeof ConsentRecord>;
export const SyncConsent = ConsentRecord.extend({ originDevice: z.string() });
export type SyncConsent = z.infer<typeof SyncConsent>;

export const FOLLOWUP_KINDS = ['content', 'meeting'] as const;
export const FOLLOWUP_STATUSES = ['open', 'done', 'cancelled'] as const;
export const FollowupRecord = z.object({
  id: Id,
  contactId: Id,
  eventId: Id.nullable(),
  kind: z.enum(FOLLOWUP_KINDS),
  contentVersionIds: z.array(Id).max(50),
  status: z.enum(FOLLOWUP_STATUSES),
  note: z.string().max(LIMITS.summary),
  author: z.string().max(100),
  createdAt: Timestamp,
});
export type FollowupRecord = z.infer<typeof FollowupRecord>;
export const SyncFollowup = FollowupRecord.extend({ originDevice: z.string() });
export type SyncFollowup = z.infer<typeof SyncFollowup>;

export const EventRecord = z.object({
  id: Id,
  name: Name,
  venue: z.string().max(200),
  startsOn: Day,
  endsOn: Day,
  booth: z.string().max(100),
  questions: boundedJson(z.array(z.unknown()).max(100), LIMITS.details),
  consentText: z.string().max(LIMITS.details),
  consentVersion: z.string().min(1).max(100),
  products: z.array(z.string().max(100)).max(50),
  createdAt: Timestamp,
});
export type EventRecord = z.infer<typeof EventRecord>;
export const SyncEvent = EventRecord;
export type SyncEvent = z.infer<typeof SyncEvent>;

/** Where a version stands at the moment the hub answers. Only `presentable` may be shown. */
export const CONTENT_STATES = ['presentable', 'scheduled', 'expired', 'retired', 'draft'] as const;
export const ContentState = z.enum(CONTENT_STATES);
export type ContentState = z.infer<typeof ContentState>;

export const SyncContentVersion = z.object({
  id: Id,
  itemId: Id,
  itemKind: z.enum(CONTENT_KINDS),
  version: z.number().int().positive(),
  title: z.string(),
  language: z.string(),
  approval: ApprovalState,
  validFrom: Timestamp,
  validUntil: Timestamp.nullable(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().nonnegative(),
  mime: z.string(),
  pageCount: z.number().int().nullable(),
  tags: z.record(z.string(), z.array(z.string())),
  keyMessages: z.array(z.string()),
  approvedBy: z.string().nullable(),
  createdAt: Timestamp,
  /** Whether the hub holds the file, i.e. GET /v1/content/blobs/{sha256} will answer. */
  blobAvailable: z.boolean(),
});
export type SyncContentVersion = z.infer<typeof SyncContentVersion>;

// ---------------------------------------------------------------------------------------
// Push

/** Field-level change: the new value, its clock, and the hub clock the edit was based on. */
const FieldChange = <T extends z.ZodType>(value: T) =>
  z
    .object({
      value,
      hlc: Hlc,
      /**
       * The field's hub clock as this device last saw it (from a pull, or from the
       * device's own earlier accepted edit); null when the device had never seen a clock
       * for it. It tells the hub whether the device saw the current value before editing.
       */
      baseHlc: Hlc.nullable(),
    })
    .strict();

const fieldChanges = <S extends z.ZodRawShape>(shape: S) =>
  z
    .object(shape)
    .partial()
    .strict()
    .refine((fields) => Object.keys(fields).length > 0, 'at least one field');

export const AccountUpdate = z
  .object({
    id: Id,
    fields: fieldChanges({
      stageCode: FieldChange(AccountRecord.shape.stageCode),
      businessNotes: FieldChange(Notes),
      industryNotes: FieldChange(Notes),
    }),
  })
  .strict();
export type AccountUpdate = z.infer<typeof AccountUpdate>;

export const ContactUpdate = z
  .object({
    id: Id,
    fields: fieldChanges({
      name: FieldChange(ContactRecord.shape.name),
      nameKana: FieldChange(ContactRecord.shape.nameKana),
      title: FieldChange(ContactRecord.shape.title),
      department: FieldChange(ContactRecord.shape.department),
      role: FieldChange(ContactRecord.shape.role),
      emails: FieldChange(ContactRecord.shape.emails),
      phones: FieldChange(ContactRecord.shape.phones),
      consent: FieldChange(ContactRecord.shape.consent),
    }),
  })
  .strict();
export type ContactUpdate = z.infer<typeof ContactUpdate>;

/** The payload schema of every mutation kind the hub applies. */
export const MUTATION_PAYLOADS = {
  'touchpoint.create': TouchpointRecord.strict(),
  'account.create': AccountRecord.strict(),
  'contact.create': ContactRecord.strict(),
  'account.update': AccountUpdate,
  'contact.update': ContactUpdate,
  'consent.record': ConsentRecord.strict(),
  'followup.create': FollowupRecord.strict(),
  'event.create': EventRecord.strict(),
} as const;
export type MutationKind = keyof typeof MUTATION_PAYLOADS;
export const MUTATION_KINDS = Object.keys(MUTATION_PAYLOADS) as MutationKind[];
export type MutationPayload<K extends MutationKind> = z.infer<(typeof MUTATION_PAYLOADS)[K]>;

export function isMutationKind(kind: string): kind is MutationKind {
  return Object.hasOwn(MUTATION_PAYLOADS, kind);
}

export const MAX_PUSH_MUTATIONS = 1000;

/**
 * One outbox row on the wire. The payload is checked per kind after the envelope, so one
 * bad or unknown mutation is rejected on its own and never blocks the rest of the queue.
 */
export const MutationEnvelope = z
  .object({
    mutationId: z.uuid({ version: 'v7' }),
    kind: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'not a mutation kind'),
    payload: z.unknown(),
  })
  .strict();
export type MutationEnvelope = z.infer<typeof MutationEnvelope>;

const knownMutation = <K extends MutationKind>(kind: K) =>
  z.object({ mutationId: MutationEnvelope.shape.mutationId, kind: z.literal(kind), payload: MUTATION_PAYLOADS[kind] });

/** A mutation the app builds: the envelope with a known kind and its typed payload. */
export const Mutation = z.discriminatedUnion('kind', [
  knownMutation('touchpoint.create'),
  knownMutation('account.create'),
  knownMutation('contact.create'),
  knownMutation('account.update'),
  knownMutation('contact.update'),
  knownMutation('consent.record'),
  knownMutation('followup.create'),
  knownMutation('event.create'),
]);
export type Mutation = z.infer<typeof Mutation>;

export const PushRequest = z.object({ mutations: z.array(MutationEnvelope).min(1).max(MAX_PUSH_MUTATIONS) }).strict();
export type PushRequest = z.infer<typeof PushRequest>;

/** The push request as documented (OpenAPI): the envelope with each known kind's payload spelled out. */
export const DocumentedPushRequest = z.object({ mutations: z.array(Mutation).min(1).max(MAX_PUSH_MUTATIONS) });

/** Why a mutation was refused for good. The app shows it on the "needs review" list. */
export const REJECT_REASONS = [
  'UNKNOWN_KIND',
  'INVALID_PAYLOAD',
  'TERRITORY_FORBIDDEN',
  'UNKNOWN_TERRITORY',
  'UNKNOWN_ACCOUNT',
  'UNKNOWN_CONTACT',
  'UNKNOWN_STAGE',
  'UNKNOWN_CONTENT',
  'UNKNOWN_EVENT',
  'UNKNOWN_TOUCHPOINT',
  'ALREADY_EXISTS',
  'CLOCK_AHEAD',
] as const;
export const RejectReason = z.enum(REJECT_REASONS);
export type RejectReason = z.infer<typeof RejectReason>;

export const FieldConflict = z.object({
  entity: z.enum(['account', 'contact']),
  id: Id,
  field: z.string(),
  /** What this device pushed. */
  yours: z.object({ value: z.unknown(), hlc: Hlc }),
  /** What the hub held, written by someone this device had not seen. */
  theirs: z.object({ value: z.unknown(), hlc: Hlc.nullable() }),
  /** Which one the hub now keeps (the newer clock). The rep may pick the other with a new update. */
  kept: z.enum(['yours', 'theirs']),
});
export type FieldConflict = z.infer<typeof FieldConflict>;

const Applied = z.object({ mutationId: z.string(), status: z.literal('applied') });
const Rejected = z.object({
  mutationId: z.string(),
  status: z.literal('rejected'),
  reason: RejectReason,
  message: z.string(),
});
/** Applied field by field; the listed fields were changed concurrently elsewhere. */
const Conflicted = z.object({
  mutationId: z.string(),
  status: z.literal('conflict'),
  conflicts: z.array(FieldConflict).min(1),
});
export const FirstResult = z.discriminatedUnion('status', [Applied, Rejected, Conflicted]);
export type FirstResult = z.infer<typeof FirstResult>;

/** Already processed earlier (a retry after a lost acknowledgement): `original` is what happened then. */
const Duplicate = z.object({ mutationId: z.string(), status: z.literal('duplicate'), original: FirstResult });

export const MutationResult = z.discriminatedUnion('status', [Applied, Rejected, Conflicted, Duplicate]);
export type MutationResult = z.infer<typeof MutationResult>;

/** A pull cursor: the hub's change sequence number, as a decimal string ("0" = from the start). */
export const Cursor = z.string().regex(/^\d{1,15}$/, 'not a cursor');
/**
 * Goes with a cursor: the id of the write that logged the change there. A hub restored
 * from a backup gives new changes the numbers of those it lost; this tells them apart.
 */
export const CursorCheck = z.string().regex(/^\d{1,10}$/, 'not a cursor check');

export const PushResponse = z.object({
  results: z.array(MutationResult),
  /**
   * Where this push's changes ended in the hub's change log, with its check (the log's end
   * when it logged nothing new, as a retry of a push whose answer was lost): a device whose
   * pull has not passed it yet sends it with the next pull as `pushed` and `pushedCheck`,
   * so a hub restored to before it says so. Absent while the log's end predates checks.
   */
  cursor: Cursor.optional(),
  cursorCheck: CursorCheck.optional(),
});
export type PushResponse = z.infer<typeof PushResponse>;

// ---------------------------------------------------------------------------------------
// Pull

export const MAX_PULL_LIMIT = 5000;

export const PullQuery = z
  .object({
    cursor: Cursor.default('0'),
    /** The `cursorCheck` that came with the cursor, if any. */
    check: CursorCheck.optional(),
    /** A push's position (its answer's `cursor` and `cursorCheck`) the cursor has not passed yet. */
    pushed: Cursor.optional(),
    pushedCheck: CursorCheck.optional(),
    limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(1000),
  })
  .strict();
export type PullQuery = z.infer<typeof PullQuery>;

const change = <K extends string, T extends z.ZodType>(kind: K, data: T) =>
  z.object({ seq: z.number().int().positive(), kind: z.literal(kind), data });

export const Change = z.discriminatedUnion('kind', [
  change('stage', SyncStage),
  change('account', SyncAccount),
  change('contact', SyncContact),
  change('touchpoint', SyncTouchpoint),
  change('consent', SyncConsent),
  change('followup', SyncFollowup),
  change('event', SyncEvent),
  change('content_version', SyncContentVersion),
]);
export type Change = z.infer<typeof Change>;
export type ChangeKind = Change['kind'];

export const PullResponse = z.object({
  hubId: z.string(),
  /** Pass back as `cursor` for the next page; store it in the same transaction as the page. */
  cursor: Cursor,
  /** Pass back as `check` with the cursor (absent where the log has no write id there). */
  cursorCheck: CursorCheck.optional(),
  hasMore: z.boolean(),
  scope: Scope,
  /** In cursor order. A record appears again whenever it changes; apply each as an upsert. */
  changes: z.array(Change),
});
export type PullResponse = z.infer<typeof PullResponse>;

// ---------------------------------------------------------------------------------------
// Content

export const ContentManifest = z.object({
  generatedAt: Timestamp,
  versions: z.array(SyncContentVersion.extend({ state: ContentState })),
});
export type ContentManifest = z.infer<typeof ContentManifest>;

export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'not a lower-case hex SHA-256');

// ---------------------------------------------------------------------------------------
// Device report and sync health

export const DeviceReport = z
  .object({
    pendingOutbox: z.number().int().nonnegative().max(2_147_483_647),
    oldestPendingAt: Timestamp.nullable(),
    lastSyncAt: Timestamp.nullable(),
    appVersion: z
      .string()
      .max(40)
      .regex(/^[\x20-\x7e]*$/, 'printable ASCII')
      .optional(),
  })
  .strict();
export type DeviceReport = z.infer<typeof DeviceReport>;

export const DeviceReportResponse = z.object({ recordedAt: Timestamp });

export const DeviceHealth = z.object({
  deviceId: z.uuid(),
  deviceName: z.string(),
  user: z.string(),
  email: z.string(),
  revoked: z.boolean(),
  enrolledAt: Timestamp,
  lastPushAt: Timestamp.nullable(),
  lastPullAt: Timestamp.nullable(),
  lastCursor: z.string().nullable(),
  pendingOutbox: z.number().int().nullable(),
  oldestPendingAt: Timestamp.nullable(),
  reportedLastSyncAt: Timestamp.nullable(),
  reportedAt: Timestamp.nullable(),
  appVersion: z.string().nullable(),
});
export type DeviceHealth = z.infer<typeof DeviceHealth>;

export const SyncHealthResponse = z.object({ devices: z.array(DeviceHealth) });

export const HealthResponse = z.object({ status: z.enum(['ok', 'draining']), hubId: z.string() });
