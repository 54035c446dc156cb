import { z } from 'zod';

/** Channels of every team; the journey merges them all into one timeline. */
export const CHANNELS = [
  'web_visit',
  'content_download',
  'email',
  'webinar',
  'ad',
  'trade_show',
  'business_card',
  'call',
  'meeting',
  'content_presented',
  'content_shared',
  'follow_up_sent',
] as const;
export const Channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof Channel>;

/** Channels a rep can log by hand from the journey. The rest come from capture, presenting, sync. */
export const MANUAL_CHANNELS = ['meeting', 'call', 'email'] as const satisfies readonly Channel[];
export const ManualChannel = z.enum(MANUAL_CHANNELS);

/** Channels through which a contact received a content version ("what they have already seen"). */
export const CONTENT_DELIVERY_CHANNELS = [
  'content_download',
  'content_presented',
  'content_shared',
  'follow_up_sent',
  'webinar',
] as const satisfies readonly Channel[];

export const TEAMS = ['marketing', 'field_sales', 'inside_sales', 'customer_success'] as const;
export const Team = z.enum(TEAMS);
export type Team = z.infer<typeof Team>;

export const COMMITTEE_ROLES = [
  'decision_maker',
  'champion',
  'influencer',
  'evaluator',
  'user',
  'blocker',
  'procurement',
] as const;
export const CommitteeRole = z.enum(COMMITTEE_ROLES);
export type CommitteeRole = z.infer<typeof CommitteeRole>;

export const CONSENT_STATES = ['unknown', 'granted', 'denied', 'withdrawn'] as const;
export const ConsentState = z.enum(CONSENT_STATES);
export type ConsentState = z.infer<typeof ConsentState>;

export const APPROVAL_STATES = ['draft', 'approved', 'retired'] as const;
export const ApprovalState = z.enum(APPROVAL_STATES);

export const CONTENT_KINDS = ['pdf', 'image', 'video'] as const;
export const ContentKind = z.enum(CONTENT_KINDS);

/** Limits shared by the UI (to show a counter) and the core (to refuse). */
export const LIMITS = {
  summary: 500,
  details: 20_000,
  /**
   * A touchpoint's details as JSON on the wire: room for the longest notes and next steps
   * a rep can type (`details` characters each) however they escape (up to 6 characters
   * per character), so the hub never refuses what the app accepted.
   */
  detailsJson: 262_144,
  searchQuery: 200,
  pageSize: 200,
} as const;

export const Id = z.string().min(1).max(64);
/** Milliseconds since the epoch, UTC. */
export const Timestamp = z.number().int().nonnegative();

export const Stage = z.object({
  code: z.string(),
  position: z.number().int(),
  labelJa: z.string(),
  labelEn: z.string(),
});
export type Stage = z.infer<typeof Stage>;

export const AccountListItem = z.object({
  id: Id,
  name: z.string(),
  nameKana: z.string().nullable(),
  domains: z.array(z.string()),
  industry: z.string(),
  territory: z.string(),
  region: z.string(),
  stageCode: z.string(),
  /** Set when the query matched one of the account's contacts rather than the account itself. */
  matchedContact: z.string().nullable(),
});
export type AccountListItem = z.infer<typeof AccountListItem>;

export const Contact = z.object({
  id: Id,
  accountId: Id,
  name: z.string(),
  nameKana: z.string().nullable(),
  title: z.string().nullable(),
  department: z.string().nullable(),
  role: CommitteeRole.nullable(),
  emails: z.array(z.string()),
  phones: z.array(z.string()),
  consent: ConsentState,
});
export type Contact = z.infer<typeof Contact>;

export const Account = z.object({
  id: Id,
  name: z.string(),
  nameKana: z.string().nullable(),
  domains: z.array(z.string()),
  industry: z.string(),
  size: z.string(),
  region: z.string(),
  territory: z.string(),
  stageCode: z.string(),
  businessNotes: z.string(),
  industryNotes: z.string(),
  updatedAt: Timestamp,
});
export type Account = z.infer<typeof Account>;

export const ContentRef = z.object({
  versionId: Id,
  itemId: Id,
  title: z.string(),
  version: z.number().int(),
});
export type ContentRef = z.infer<typeof ContentRef>;

export const Touchpoint = z.object({
  id: Id,
  accountId: Id,
  occurredAt: Timestamp,
  channel: Channel,
  team: Team,
  stageCode: z.string(),
  summary: z.string(),
  details: z.record(z.string(), z.unknown()),
  author: z.string(),
  originDevice: z.string(),
  supersedesId: Id.nullable(),
  contactIds: z.array(Id),
  content: z.array(ContentRef),
});
export type Touchpoint = z.infer<typeof Touchpoint>;

export const CommitteeMember = z.object({
  contact: Contact,
  lastEngagedAt: Timestamp.nullable(),
  /** Engaged by anyone, any channel, in the last 90 days. */
  engaged: z.boolean(),
});
export type CommitteeMember = z.infer<typeof CommitteeMember>;

export const SeenContent = z.object({
  contactId: Id,
  itemId: Id,
  versionId: Id,
  title: z.string(),
  version: z.number().int(),
  lastSeenAt: Timestamp,
  channel: Channel,
  /** The newest approved, currently valid version of the item, when newer than the one seen. */
  newerVersion: z.number().int().nullable(),
});
export type SeenContent = z.infer<typeof SeenContent>;
