import { z } from 'zod';
import { Id, Timestamp } from './domain';

/** Limits of the capture form, shared so the form can count and the core can refuse. */
export const CAPTURE_LIMITS = {
  name: 100,
  company: 200,
  title: 200,
  email: 254,
  phone: 40,
  addressLine: 200,
  notes: 20_000,
  scan: 10_000,
  listItems: 10,
} as const;

export const RATINGS = ['hot', 'warm', 'cold'] as const;
export const Rating = z.enum(RATINGS);
export type Rating = z.infer<typeof Rating>;

export const CONSENT_METHODS = ['checkbox', 'verbal'] as const;
export const ConsentMethod = z.enum(CONSENT_METHODS);

export const QUESTION_KINDS = ['single', 'multi', 'text', 'rating'] as const;
export const QualificationQuestion = z.object({
  id: z.string().min(1).max(40),
  kind: z.enum(QUESTION_KINDS),
  labelJa: z.string().max(200),
  labelEn: z.string().max(200),
  options: z.array(z.string().max(100)).max(20).default([]),
});
export type QualificationQuestion = z.infer<typeof QualificationQuestion>;

export const AnswerValue = z.union([
  z.string().max(2_000),
  z.array(z.string().max(100)).max(20),
  z.number().int().min(1).max(5),
]);

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `longer than ${max} characters` });

/**
 * Everything the capture form holds. Drafts are this shape too, but unvalidated beyond
 * types and lengths, so a half-typed visitor can always be kept.
 */
export const CaptureFields = z.object({
  familyName: text(CAPTURE_LIMITS.name).default(''),
  givenName: text(CAPTURE_LIMITS.name).default(''),
  familyKana: text(CAPTURE_LIMITS.name).default(''),
  givenKana: text(CAPTURE_LIMITS.name).default(''),
  company: text(CAPTURE_LIMITS.company).default(''),
  companyKana: text(CAPTURE_LIMITS.company).default(''),
  title: text(CAPTURE_LIMITS.title).default(''),
  department: text(CAPTURE_LIMITS.title).default(''),
  emails: z.array(text(CAPTURE_LIMITS.email)).max(CAPTURE_LIMITS.listItems).default([]),
  phones: z.array(text(CAPTURE_LIMITS.phone)).max(CAPTURE_LIMITS.listItems).default([]),
  addressLines: z.array(text(CAPTURE_LIMITS.addressLine)).max(CAPTURE_LIMITS.listItems).default([]),
  notes: z
    .string()
    .max(CAPTURE_LIMITS.notes, { message: `longer than ${CAPTURE_LIMITS.notes} characters` })
    .default(''),
  interests: z.array(z.string().max(100)).max(20).default([]),
  answers: z.record(z.string().max(40), AnswerValue).default({}),
  rating: Rating.nullable().default(null),
  consent: z.object({ given: z.boolean(), method: ConsentMethod.nullable() }).default({ given: false, method: null }),
  followUp: z
    .object({
      kind: z.enum(['none', 'content', 'meeting']),
      contentVersionIds: z.array(Id).max(10),
    })
    .default({ kind: 'none', contentVersionIds: [] }),
  cardGiven: z.boolean().default(false),
  source: z.enum(['typed', 'vcard', 'mecard', 'text']).default('typed'),
  /** The rep's matching decision: attach to this contact / account, or null to create new. */
  match: z.object({ contactId: Id.nullable(), accountId: Id.nullable() }).default({ contactId: null, accountId: null }),
});
export type CaptureFields = z.output<typeof CaptureFields>;

/**
 * A draft keeps whatever is valid: a field that breaks its limits (a 100 kB note, a 20th
 * phone number) falls back to empty instead of losing the whole draft.
 */
export const DraftFields = z.object(
  Object.fromEntries(
    Object.entries(CaptureFields.shape).map(([key, schema]: [string, z.ZodType]) => [
      key,
      schema.catch(() => schema.parse(undefined)),
    ]),
  ),
) as unknown as typeof CaptureFields;
export type CaptureFieldsInput = z.input<typeof CaptureFields>;

/** Why a match candidate was proposed; the UI says it in words. */
export const MATCH_REASONS = [
  'email',
  'email_domain',
  'phone',
  'name',
  'name_reading',
  'company',
  'company_reading',
  'company_partial',
] as const;
export const MatchReason = z.enum(MATCH_REASONS);
export type MatchReason = z.infer<typeof MatchReason>;

export const MatchCandidate = z.object({
  accountId: Id,
  accountName: z.string(),
  contactId: Id.nullable(),
  contactName: z.string().nullable(),
  contactTitle: z.string().nullable(),
  score: z.number(),
  reasons: z.array(MatchReason),
  latest: z.array(z.object({ occurredAt: Timestamp, channel: z.string(), summary: z.string() })),
});
export type MatchCandidate = z.infer<typeof MatchCandidate>;

/** A field the scanner text could not fill, or filled with a value that needs a look. */
export const ScanIssue = z.object({
  field: z.string(),
  code: z.enum(['UNPARSED_LINE', 'PHONE_INVALID', 'EMAIL_INVALID', 'ENCODING', 'UNKNOWN_FORMAT']),
  value: z.string(),
});
export type ScanIssue = z.infer<typeof ScanIssue>;

export const ScanResult = z.object({
  format: z.enum(['vcard', 'mecard', 'text']),
  fields: CaptureFields.partial(),
  issues: z.array(ScanIssue),
});
export type ScanResult = z.infer<typeof ScanResult>;

export const CaptureSummary = z.object({
  id: Id,
  createdAt: Timestamp,
  contactId: Id,
  contactName: z.string(),
  accountId: Id,
  accountName: z.string(),
  title: z.string(),
  emails: z.array(z.string()),
  rating: Rating.nullable(),
  consent: z.boolean(),
  followUp: z.enum(['none', 'content', 'meeting']),
  followUpStatus: z.enum(['none', 'requested', 'drafted', 'blocked_no_consent']),
  matchedContact: z.boolean(),
  synced: z.boolean(),
});
export type CaptureSummary = z.infer<typeof CaptureSummary>;

export const EventDetail = z.object({
  id: Id,
  name: z.string(),
  venue: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  booth: z.string(),
  questions: z.array(QualificationQuestion),
  consentText: z.string(),
  consentVersion: z.string(),
  products: z.array(z.string()),
  captureCount: z.number().int(),
  unsyncedCount: z.number().int(),
});
export type EventDetail = z.infer<typeof EventDetail>;

export const ISO_DATE = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'expected YYYY-MM-DD' });

export const NewEvent = z
  .object({
    name: z.string().trim().min(1).max(200),
    venue: z.string().trim().max(200).default(''),
    startsOn: ISO_DATE,
    endsOn: ISO_DATE,
    booth: z.string().trim().max(50).default(''),
    questions: z.array(QualificationQuestion).max(20).default([]),
    consentText: z.string().trim().min(1).max(5_000),
    consentVersion: z.string().trim().min(1).max(50),
    products: z.array(z.string().trim().min(1).max(100)).max(30).default([]),
  })
  .refine((event) => event.endsOn >= event.startsOn, { message: 'ends before it starts', path: ['endsOn'] });
