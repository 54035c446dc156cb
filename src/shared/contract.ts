import { z } from 'zod';
import {
  Account,
  AccountListItem,
  Channel,
  CommitteeMember,
  Contact,
  Id,
  LIMITS,
  ManualChannel,
  SeenContent,
  Stage,
  Team,
  Timestamp,
  Touchpoint,
} from './domain';
import {
  CaptureFields,
  CaptureSummary,
  DraftFields,
  EventDetail,
  MatchCandidate,
  NewEvent,
  ScanResult,
  CAPTURE_LIMITS,
} from './capture';
import {
  AudienceMode,
  ContentProblem,
  Deck,
  DeckSaveInput,
  DeckSummary,
  LibraryFacets,
  LibraryItem,
  LibraryQuery,
  LibraryVersion,
  PresentationSummary,
  PresenterChanged,
  PresenterSession,
  PresentStartInput,
  Recommendation,
} from './content';
import { ErrorInfo } from './schemas';
import { Readiness, ReadinessInput } from './readiness';
import { DownloadItem, SyncIssue, SyncResolution, SyncStatus } from './sync-status';

/**
 * The one contract. Every call the renderer can make is one entry here, with zod schemas
 * for its request and response. The preload, the main-process relay, the core dispatcher,
 * the renderer client and the browser test host are all derived from this map.
 */
function method<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output };
}

const Empty = z.object({}).strict();

export const Language = z.enum(['system', 'ja', 'en']);
export type Language = z.infer<typeof Language>;

export const Settings = z.object({
  language: Language,
  /** The rep's name as it appears as author of touchpoints written on this device. */
  repName: z.string().trim().max(100),
  /** The team this device's rep belongs to; touchpoints written here carry it. */
  team: Team,
  /** Region for numbers typed without a country code (ISO 3166 alpha-2), and for new accounts. */
  phoneRegion: z.string().regex(/^[A-Z]{2}$/),
  /** Territory given to accounts created on this device (e.g. from a booth capture). */
  territory: z.string().trim().max(50),
  /** Disk space content downloads may use, in megabytes. */
  contentBudgetMb: z.number().int().min(100).max(1_000_000),
});
export type Settings = z.infer<typeof Settings>;

export const AppStatus = z.discriminatedUnion('state', [
  z.object({
    state: z.literal('ready'),
    version: z.string(),
    deviceId: z.string(),
    schemaVersion: z.number().int(),
  }),
  z.object({
    state: z.literal('recovery'),
    error: ErrorInfo,
    databasePath: z.string(),
  }),
]);
export type AppStatus = z.infer<typeof AppStatus>;

export const AccountSearchInput = z
  .object({
    query: z.string().max(LIMITS.searchQuery).default(''),
    stageCode: z.string().optional(),
    territory: z.string().optional(),
    industry: z.string().optional(),
    offset: z.number().int().nonnegative().default(0),
    limit: z.number().int().positive().max(LIMITS.pageSize).default(100),
  })
  .strict();

export const TimelineInput = z
  .object({
    accountId: Id,
    stageCodes: z.array(z.string()).max(20).optional(),
    channels: z.array(Channel).max(20).optional(),
    contactId: Id.optional(),
    /** Opaque keyset cursor from the previous page. */
    cursor: z.string().max(100).optional(),
    limit: z.number().int().positive().max(LIMITS.pageSize).default(50),
  })
  .strict();

export const AddTouchpointInput = z
  .object({
    accountId: Id,
    channel: ManualChannel,
    stageCode: z.string().min(1),
    occurredAt: Timestamp.optional(),
    summary: z
      .string()
      .trim()
      .min(1)
      .max(LIMITS.summary, { message: `summary is longer than ${LIMITS.summary} characters` }),
    notes: z
      .string()
      .max(LIMITS.details, { message: `notes are longer than ${LIMITS.details} characters` })
      .default(''),
    nextSteps: z
      .string()
      .max(LIMITS.details, { message: `next steps are longer than ${LIMITS.details} characters` })
      .default(''),
    contactIds: z.array(Id).max(50).default([]),
    /** Set when this touchpoint corrects an earlier one; the earlier one is kept, hidden. */
    supersedesId: Id.optional(),
  })
  .strict();
export type AddTouchpointInput = z.input<typeof AddTouchpointInput>;

export const methods = {
  'app.status': method(Empty, AppStatus),
  'app.recover': method(z.object({ action: z.literal('start_fresh') }).strict(), z.object({ movedTo: z.string() })),
  'settings.get': method(Empty, Settings),
  'settings.update': method(Settings.partial().strict(), Settings),
  'stages.list': method(Empty, z.array(Stage)),
  'accounts.facets': method(Empty, z.object({ territories: z.array(z.string()), industries: z.array(z.string()) })),
  'accounts.search': method(AccountSearchInput, z.object({ total: z.number().int(), items: z.array(AccountListItem) })),
  'accounts.get': method(z.object({ id: Id }).strict(), z.object({ account: Account, contacts: z.array(Contact) })),
  'journey.timeline': method(
    TimelineInput,
    z.object({ items: z.array(Touchpoint), nextCursor: z.string().nullable() }),
  ),
  'journey.overview': method(
    z.object({ accountId: Id }).strict(),
    z.object({
      stageCounts: z.array(z.object({ stageCode: z.string(), count: z.number().int() })),
      channelCounts: z.array(z.object({ channel: Channel, count: z.number().int() })),
      committee: z.array(CommitteeMember),
      seen: z.array(SeenContent),
    }),
  ),
  'touchpoints.add': method(AddTouchpointInput, Touchpoint),
  'app.resetData': method(z.object({ confirm: z.literal(true) }).strict(), z.object({ reset: z.literal(true) })),

  'events.list': method(Empty, z.array(EventDetail)),
  'events.get': method(z.object({ id: Id }).strict(), EventDetail),
  'events.create': method(NewEvent, EventDetail),
  'events.delete': method(z.object({ id: Id }).strict(), z.object({ deleted: z.literal(true) })),

  'capture.parseScan': method(z.object({ text: z.string().max(CAPTURE_LIMITS.scan) }).strict(), ScanResult),
  'capture.match': method(z.object({ fields: CaptureFields.partial() }).strict(), z.array(MatchCandidate)),
  'capture.draft.get': method(
    z.object({ eventId: Id }).strict(),
    z.object({ fields: CaptureFields, savedAt: Timestamp }).nullable(),
  ),
  'capture.draft.save': method(
    z.object({ eventId: Id, fields: DraftFields }).strict(),
    z.object({ savedAt: Timestamp }),
  ),
  'capture.draft.discard': method(z.object({ eventId: Id }).strict(), z.object({})),
  'capture.save': method(
    z
      .object({
        eventId: Id,
        fields: CaptureFields,
        language: z.enum(['ja', 'en']),
        /**
         * The new capture's id, chosen by the form once per visitor: saving again with it
         * (after an answer lost to a core restart) returns the capture already saved.
         */
        captureId: Id.optional(),
      })
      .strict(),
    CaptureSummary,
  ),
  'capture.list': method(z.object({ eventId: Id }).strict(), z.array(CaptureSummary)),
  'capture.export': method(
    z.object({ eventId: Id.nullable(), password: z.string().max(200) }).strict(),
    z.object({ file: z.string(), fileName: z.string(), dataBase64: z.string(), captureCount: z.number().int() }),
  ),
  'capture.import': method(
    z.object({ dataBase64: z.string().max(200_000_000), password: z.string().max(200) }).strict(),
    z.object({ captures: z.number().int(), alreadyPresent: z.number().int() }),
  ),
  'capture.followUps': method(
    z.object({ eventId: Id, language: z.enum(['ja', 'en']) }).strict(),
    z.object({ drafted: z.number().int(), blocked: z.number().int() }),
  ),
  'capture.csv': method(
    z.object({ eventId: Id, layout: z.enum(['salesforce', 'hubspot']) }).strict(),
    z.object({ fileName: z.string(), csv: z.string() }),
  ),
  'content.presentable': method(
    Empty,
    z.array(
      z.object({
        versionId: Id,
        itemId: Id,
        title: z.string(),
        version: z.number().int(),
        language: z.string(),
        validUntil: Timestamp.nullable(),
      }),
    ),
  ),

  'content.library': method(LibraryQuery, z.object({ total: z.number().int(), items: z.array(LibraryItem) })),
  'content.facets': method(Empty, LibraryFacets),
  'content.item': method(
    z.object({ itemId: Id }).strict(),
    z.object({ item: LibraryItem, versions: z.array(LibraryVersion) }),
  ),
  'content.recommended': method(
    z.object({ accountId: Id, contactIds: z.array(Id).max(50).optional() }).strict(),
    z.array(Recommendation),
  ),
  /** Checks the file's hash in full, then says it may be shown: call before a viewer opens. */
  'content.open': method(z.object({ versionId: Id }).strict(), LibraryVersion),
  /** The viewer could not render a file whose hash and structure were fine: it is never offered again. */
  'content.reportProblem': method(
    z.object({ versionId: Id, problem: z.literal('unrenderable'), detail: z.string().max(500) }).strict(),
    z.object({ problem: ContentProblem }),
  ),
  'decks.list': method(Empty, z.array(DeckSummary)),
  'decks.get': method(z.object({ id: Id }).strict(), Deck),
  'decks.save': method(DeckSaveInput, Deck),
  /** Accepts the versions a deck uses now as reviewed (clears "needs review"). */
  'decks.review': method(z.object({ id: Id }).strict(), Deck),
  'decks.delete': method(z.object({ id: Id }).strict(), z.object({ deleted: z.literal(true) })),
  'presenter.start': method(PresentStartInput, PresenterSession),
  'presenter.get': method(z.object({ sessionId: Id }).strict(), PresenterSession),
  'presenter.show': method(
    z.object({ sessionId: Id, position: z.number().int().nonnegative(), blank: z.boolean() }).strict(),
    PresenterChanged,
  ),
  /** Pauses or resumes the video on screen in every window (NOT_A_VIDEO when none is). */
  'presenter.playback': method(z.object({ sessionId: Id, paused: z.boolean() }).strict(), PresenterChanged),
  /** Saves the time on the current page so far (every few seconds), for crash recovery. */
  'presenter.heartbeat': method(z.object({ sessionId: Id }).strict(), z.object({ savedAt: Timestamp })),
  'presenter.end': method(z.object({ sessionId: Id }).strict(), PresentationSummary),
  /** What the audience screen shows now (nothing private), or null when nothing is being presented. */
  'presenter.current': method(Empty, PresenterChanged.nullable()),
  /**
   * Opens (or closes) the audience view: Electron's main process puts it full screen on a
   * second display when there is one; otherwise (and in the browser host) this window shows it.
   */
  'presenter.window': method(z.object({ action: z.enum(['open', 'close']) }).strict(), AudienceMode),

  'sync.status': method(Empty, SyncStatus),
  'sync.now': method(Empty, SyncStatus),
  'sync.connectivity': method(z.object({ online: z.boolean() }).strict(), SyncStatus),
  'sync.enrol': method(
    z
      .object({
        hubUrl: z.string().trim().min(1).max(500),
        code: z.string().trim().min(1).max(40),
        deviceName: z.string().trim().min(1).max(100),
      })
      .strict(),
    SyncStatus,
  ),
  'sync.signOut': method(Empty, SyncStatus),
  'sync.pending': method(
    Empty,
    z.object({
      byKind: z.array(z.object({ kind: z.string(), count: z.number().int() })),
      oldestAt: Timestamp.nullable(),
      failedAttempts: z.number().int(),
      lastError: z.string().nullable(),
    }),
  ),
  'sync.issues': method(Empty, z.array(SyncIssue)),
  'sync.downloads': method(Empty, z.array(DownloadItem)),
  'sync.readiness': method(ReadinessInput, Readiness),
  'sync.resolve': method(z.object({ issueId: z.string().min(1).max(64), choice: SyncResolution }).strict(), SyncStatus),
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
/** What a caller passes (defaults not yet applied). */
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
/** What a handler receives after parsing. */
export type ParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;

export const METHOD_NAMES = Object.keys(methods) as MethodName[];

export function isMethodName(value: unknown): value is MethodName {
  return typeof value === 'string' && Object.hasOwn(methods, value);
}

/** Events the core pushes to every window. Subscribing returns a disposer. */
export const events = {
  'sync.status': SyncStatus,
  /** Every page turn of the running presentation: only what the audience screen may show. */
  'presenter.changed': PresenterChanged,
  'data.changed': z.object({
    scopes: z.array(z.enum(['accounts', 'touchpoints', 'settings', 'events', 'captures', 'content', 'decks'])),
    accountIds: z.array(Id),
  }),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && Object.hasOwn(events, value);
}

/** The one IPC channel pair; nothing else writes a channel string. */
export const IPC = {
  call: 'oneteam:call',
  event: 'oneteam:event',
} as const;

/** The shape `window.api` has in Electron; the renderer's client also implements it over HTTP. */
export interface ApiBridge {
  call(method: string, input: unknown): Promise<unknown>;
  subscribe(event: string, listener: (payload: unknown) => void): () => void;
}
