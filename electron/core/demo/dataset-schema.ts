import { z } from 'zod';
import { ApprovalState, Channel, CommitteeRole, ConsentState, ContentKind, Team } from '../../../src/shared/domain';

/** The demo dataset file (resources/demo/dataset.json.gz). Parsed like any other import. */
export const DatasetAccount = z.object({
  id: z.string(),
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
  createdAt: z.number(),
});
export const DatasetContact = z.object({
  id: z.string(),
  accountId: z.string(),
  name: z.string(),
  nameKana: z.string().nullable(),
  title: z.string().nullable(),
  department: z.string().nullable(),
  role: CommitteeRole.nullable(),
  emails: z.array(z.string()),
  phones: z.array(z.string()),
  consent: ConsentState,
  createdAt: z.number(),
});
export const DatasetTouchpoint = z.object({
  id: z.string(),
  accountId: z.string(),
  occurredAt: z.number(),
  channel: Channel,
  team: Team,
  stageCode: z.string(),
  summary: z.string(),
  details: z.record(z.string(), z.unknown()),
  author: z.string(),
  contactIds: z.array(z.string()),
  contentVersionIds: z.array(z.string()),
});
export const DatasetEvent = z.object({
  id: z.string(),
  name: z.string(),
  venue: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  booth: z.string(),
  questions: z.array(z.unknown()),
  consentText: z.string(),
  consentVersion: z.string(),
  products: z.array(z.string()),
});
export const DatasetContentItem = z.object({ id: z.string(), kind: ContentKind });
export const DatasetContentVersion = z.object({
  id: z.string(),
  itemId: z.string(),
  version: z.number().int(),
  title: z.string(),
  language: z.string(),
  approval: ApprovalState,
  validFrom: z.number(),
  validUntil: z.number().nullable(),
  sha256: z.string(),
  size: z.number().int(),
  mime: z.string(),
  pageCount: z.number().int().nullable(),
  tags: z.record(z.string(), z.array(z.string())),
  keyMessages: z.array(z.string()),
  approvedBy: z.string().nullable(),
});

/** One account with everything that hangs off it: the unit the generator streams. */
export const AccountBatch = z.object({
  account: DatasetAccount,
  contacts: z.array(DatasetContact),
  touchpoints: z.array(DatasetTouchpoint),
});

export const Dataset = z.object({
  format: z.literal(1),
  /** Times in the file are relative to this instant; the loader shifts them to "now". */
  anchor: z.number(),
  events: z.array(DatasetEvent),
  contentItems: z.array(DatasetContentItem),
  contentVersions: z.array(DatasetContentVersion),
  batches: z.array(AccountBatch),
});

export type DatasetAccount = z.infer<typeof DatasetAccount>;
export type DatasetContact = z.infer<typeof DatasetContact>;
export type DatasetTouchpoint = z.infer<typeof DatasetTouchpoint>;
export type DatasetEvent = z.infer<typeof DatasetEvent>;
export type DatasetContentVersion = z.infer<typeof DatasetContentVersion>;
export type AccountBatch = z.infer<typeof AccountBatch>;
export type Dataset = z.infer<typeof Dataset>;
