import { z } from 'zod';
import { ContentKind, Id, LIMITS, Timestamp } from './domain';
import type { ErrorCode } from './errors';

/**
 * The scheme Electron's main process serves content files on (oneteam-content://version/<id>);
 * the browser host serves the same at /api/content/<id>.
 */
export const CONTENT_PROTOCOL = 'oneteam-content';

/** A page (or an image, or a video) counts as seen once it stayed on screen this long at a stretch. */
export const PAGE_SEEN_MS = 2_000;
/** The library's "expiring soon" badge: presentable now, but not for longer than this. */
export const EXPIRING_SOON_MS = 14 * 86_400_000;

/** File types the viewer and presenter can show; anything else is refused as unsupported. */
export const SUPPORTED_MIME_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'video/mp4'] as const;

/** Why a version cannot be shown, from its approval and dates, judged on the device clock. */
export const VALIDITY_PROBLEMS = ['not_approved', 'retired', 'not_yet_released', 'superseded', 'expired'] as const;
/** Why a version's file cannot be shown. */
export const FILE_PROBLEMS = [
  'missing_file',
  'corrupted',
  'empty_file',
  'truncated',
  'unsupported_type',
  'unrenderable',
] as const;
export const ContentProblem = z.enum([...VALIDITY_PROBLEMS, ...FILE_PROBLEMS]);
export type ContentProblem = z.infer<typeof ContentProblem>;
export type ValidityProblem = (typeof VALIDITY_PROBLEMS)[number];
export type FileProblem = (typeof FILE_PROBLEMS)[number];

/** The error code a refusal carries for each reason, so the screen and the API say the same thing. */
export const PROBLEM_CODES: Record<ContentProblem, ErrorCode> = {
  not_approved: 'CONTENT_NOT_APPROVED',
  retired: 'CONTENT_RETIRED',
  not_yet_released: 'CONTENT_NOT_YET_RELEASED',
  superseded: 'CONTENT_SUPERSEDED',
  expired: 'CONTENT_EXPIRED',
  missing_file: 'CONTENT_FILE_MISSING',
  corrupted: 'CONTENT_CORRUPTED',
  empty_file: 'CONTENT_EMPTY_FILE',
  truncated: 'CONTENT_TRUNCATED',
  unsupported_type: 'CONTENT_UNSUPPORTED_TYPE',
  unrenderable: 'CONTENT_UNRENDERABLE',
};

export const ContentTags = z.object({
  stages: z.array(z.string()),
  industries: z.array(z.string()),
  roles: z.array(z.string()),
  products: z.array(z.string()),
});
export type ContentTags = z.infer<typeof ContentTags>;

/** One version as the library shows it: what it is, and whether it can be shown now (and if not, why). */
export const LibraryVersion = z.object({
  versionId: Id,
  itemId: Id,
  kind: ContentKind,
  version: z.number().int(),
  title: z.string(),
  language: z.string(),
  mime: z.string(),
  size: z.number().int(),
  pageCount: z.number().int().nullable(),
  validFrom: Timestamp,
  validUntil: Timestamp.nullable(),
  tags: ContentTags,
  keyMessages: z.array(z.string()),
  /** null: presentable now. */
  problem: ContentProblem.nullable(),
  expiringSoon: z.boolean(),
});
export type LibraryVersion = z.infer<typeof LibraryVersion>;

/** One item of the library: the version a rep would show (or why none can be), and what is coming. */
export const LibraryItem = z.object({
  itemId: Id,
  kind: ContentKind,
  shown: LibraryVersion,
  versionCount: z.number().int(),
  /** A newer approved version that is not released yet. */
  upcoming: z.object({ version: z.number().int(), validFrom: Timestamp }).nullable(),
});
export type LibraryItem = z.infer<typeof LibraryItem>;

export const LibraryQuery = z
  .object({
    query: z.string().max(LIMITS.searchQuery).default(''),
    stage: z.string().max(50).optional(),
    industry: z.string().max(50).optional(),
    role: z.string().max(50).optional(),
    product: z.string().max(50).optional(),
    language: z.string().max(10).optional(),
    kind: ContentKind.optional(),
    presentableOnly: z.boolean().default(false),
    offset: z.number().int().nonnegative().default(0),
    limit: z.number().int().positive().max(LIMITS.pageSize).default(60),
  })
  .strict();
export type LibraryQuery = z.input<typeof LibraryQuery>;

export const LibraryFacets = z.object({
  stages: z.array(z.string()),
  industries: z.array(z.string()),
  roles: z.array(z.string()),
  products: z.array(z.string()),
  languages: z.array(z.string()),
  kinds: z.array(ContentKind),
});
export type LibraryFacets = z.infer<typeof LibraryFacets>;

export const RECOMMENDATION_REASONS = ['stage', 'industry', 'role', 'language', 'newer_than_seen'] as const;
export const Recommendation = z.object({
  item: LibraryItem,
  score: z.number(),
  reasons: z.array(z.enum(RECOMMENDATION_REASONS)),
  /** Roles (of contacts who have not seen this version) that the item is written for. */
  roles: z.array(z.string()),
  /** How many of the contacts considered have already seen this version. */
  seenBy: z.number().int(),
});
export type Recommendation = z.infer<typeof Recommendation>;

// ---------------------------------------------------------------------------------------
// Decks

export const DECK_LIMITS = { name: 120, items: 100, notes: 4_000 } as const;

export const DeckItemInput = z
  .object({
    itemId: Id,
    /** The version the rep built or reviewed this entry against. */
    versionId: Id,
    pageFrom: z.number().int().positive().nullable().default(null),
    pageTo: z.number().int().positive().nullable().default(null),
    notes: z
      .string()
      .max(DECK_LIMITS.notes, { message: `notes are longer than ${DECK_LIMITS.notes} characters` })
      .default(''),
  })
  .strict()
  .refine((item) => item.pageFrom === null || item.pageTo === null || item.pageFrom <= item.pageTo, {
    message: 'the first page comes after the last',
    path: ['pageTo'],
  });
export type DeckItemInput = z.input<typeof DeckItemInput>;

export const DeckSaveInput = z
  .object({
    /** Absent: a new deck. */
    id: Id.optional(),
    name: z
      .string()
      .trim()
      .min(1)
      .max(DECK_LIMITS.name, { message: `the name is longer than ${DECK_LIMITS.name} characters` }),
    items: z.array(DeckItemInput).max(DECK_LIMITS.items),
  })
  .strict();
export type DeckSaveInput = z.input<typeof DeckSaveInput>;

/**
 * How a deck entry stands today. `current`: shown as built. `updated`: a newer version is
 * used, same page count. `needs_review`: a newer version with a different page count (or
 * the reviewed version is unknown here). `dropped`: nothing of the item can be shown now
 * (expired, retired, broken file…); `missing`: the item is not on this device at all.
 */
export const DECK_ENTRY_STATES = ['current', 'updated', 'needs_review', 'dropped', 'missing'] as const;
export const DeckEntryState = z.enum(DECK_ENTRY_STATES);

export const DeckEntry = z.object({
  position: z.number().int(),
  itemId: Id,
  reviewedVersionId: Id,
  reviewedVersion: z.number().int().nullable(),
  reviewedPageCount: z.number().int().nullable(),
  pageFrom: z.number().int().nullable(),
  pageTo: z.number().int().nullable(),
  notes: z.string(),
  state: DeckEntryState,
  /** Why the entry dropped out (a content problem), or `missing_version`. */
  reason: z.union([ContentProblem, z.literal('missing_version')]).nullable(),
  /** The version the deck uses now, or the item's best version when it dropped out. */
  version: LibraryVersion.nullable(),
  /** The pages this entry puts on screen (PDF page numbers; [null] for an image or video). */
  pages: z.array(z.number().int().nullable()),
});
export type DeckEntry = z.infer<typeof DeckEntry>;

export const Deck = z.object({
  id: Id,
  name: z.string(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  entries: z.array(DeckEntry),
  needsReview: z.boolean(),
  slideCount: z.number().int(),
});
export type Deck = z.infer<typeof Deck>;

export const DeckSummary = z.object({
  id: Id,
  name: z.string(),
  updatedAt: Timestamp,
  itemCount: z.number().int(),
  slideCount: z.number().int(),
  needsReview: z.boolean(),
  dropped: z.number().int(),
});
export type DeckSummary = z.infer<typeof DeckSummary>;

// ---------------------------------------------------------------------------------------
// Presenter

export const PresentStartInput = z
  .object({
    /** A saved deck, or a single library item. */
    deckId: Id.optional(),
    itemId: Id.optional(),
    accountId: Id.optional(),
    eventId: Id.optional(),
    attendeeIds: z.array(Id).max(50).default([]),
    /** The language the touchpoint summaries are written in. */
    language: z.enum(['ja', 'en']),
  })
  .strict()
  .refine((input) => (input.deckId === undefined) !== (input.itemId === undefined), {
    message: 'give either a deck or an item',
    path: ['deckId'],
  });
export type PresentStartInput = z.input<typeof PresentStartInput>;

/** What the audience sees of one slide: the file and page, nothing else. */
export const AudienceSlide = z.object({
  versionId: Id,
  kind: ContentKind,
  mime: z.string(),
  page: z.number().int().nullable(),
});
export type AudienceSlide = z.infer<typeof AudienceSlide>;

/** A slide as the presenter sees it: adds the title, the rep's notes and the key messages. */
export const PresenterSlide = AudienceSlide.extend({
  itemId: Id,
  title: z.string(),
  version: z.number().int(),
  pageCount: z.number().int().nullable(),
  notes: z.string(),
  keyMessages: z.array(z.string()),
});
export type PresenterSlide = z.infer<typeof PresenterSlide>;

export const SlideTime = z.object({ totalMs: z.number().int(), longestMs: z.number().int() });
export type SlideTime = z.infer<typeof SlideTime>;

export const Attendee = z.object({ contactId: Id, accountId: Id, name: z.string(), accountName: z.string() });
export type Attendee = z.infer<typeof Attendee>;

export const PresenterSession = z.object({
  id: Id,
  deckName: z.string().nullable(),
  attendees: z.array(Attendee),
  slides: z.array(PresenterSlide),
  position: z.number().int(),
  blank: z.boolean(),
  /** The video on screen is paused (it plays again when shown anew). */
  paused: z.boolean(),
  startedAt: Timestamp,
  /** Time per slide so far, the current stretch included. */
  times: z.array(SlideTime),
  /** Entries of the deck that were left out, and why: they are never shown. */
  leftOut: z.array(z.object({ title: z.string(), reason: z.union([ContentProblem, z.literal('missing_version')]) })),
  ended: z.boolean(),
});
export type PresenterSession = z.infer<typeof PresenterSession>;

/** Pushed to every window on each page turn: only what an audience screen may show. */
export const PresenterChanged = z.object({
  sessionId: Id,
  position: z.number().int(),
  total: z.number().int(),
  blank: z.boolean(),
  /** The video on screen is paused by the presenter. */
  paused: z.boolean(),
  slide: AudienceSlide.nullable(),
  ended: z.boolean(),
});
export type PresenterChanged = z.infer<typeof PresenterChanged>;

/** One page (or image, or video) shown in a presentation, with its time on screen. */
export const PresentedPage = z.object({
  versionId: Id,
  page: z.number().int().nullable(),
  seconds: z.number().int().nonnegative(),
  seen: z.boolean(),
});
export type PresentedPage = z.infer<typeof PresentedPage>;

/** The details of a "content presented" touchpoint. */
export const PresentedDetails = z.object({
  presentationId: Id,
  deckName: z.string().nullable(),
  eventId: Id.nullable(),
  durationSeconds: z.number().int().nonnegative(),
  /** Every page that was on screen, in the order of the deck. */
  pages: z.array(PresentedPage),
  keyMessagesCovered: z.array(z.string()),
  attendeeCount: z.number().int(),
  /** Written on the next start after the app stopped mid-presentation. */
  recovered: z.boolean(),
});
export type PresentedDetails = z.infer<typeof PresentedDetails>;

export const PresentationSummary = z.object({
  id: Id,
  touchpointIds: z.array(Id),
  pagesSeen: z.number().int(),
  durationSeconds: z.number().int(),
  keyMessagesCovered: z.array(z.string()),
});
export type PresentationSummary = z.infer<typeof PresentationSummary>;

/** Where the audience view went: a full-screen window on a second display, or this window. */
export const AudienceMode = z.object({ mode: z.enum(['second_display', 'same_window']) });
export type AudienceMode = z.infer<typeof AudienceMode>;
