import { z } from 'zod';
import { Channel, CommitteeRole, ConsentState, LIMITS, Team } from '../../../src/shared/domain';
import { CONTACT_LIST_MAX } from '../../../src/shared/sync-api';

/**
 * Rows of marketing-automation exports, CSV or JSON, with snake_case column names. In a
 * CSV every value is text: an empty cell means "not given" (a re-import keeps what the
 * hub has), lists are separated by ";" and times may be ISO 8601 or epoch milliseconds.
 */

const given = (value: unknown) => (value === '' || value === null ? undefined : value);
const text = (max: number) => z.preprocess(given, z.string().trim().max(max));
const optionalText = (max: number) => z.preprocess(given, z.string().trim().max(max).optional());
/** A list, ";"-separated in a CSV cell; an empty cell (or an empty list) is "not given". */
const list = (item: z.ZodType<string>, max: number) =>
  z.preprocess((value) => {
    const items = typeof value === 'string' ? value.split(';').map((part) => part.trim()) : given(value);
    const filled = Array.isArray(items) ? items.filter((part) => part !== '') : items;
    return Array.isArray(filled) && filled.length === 0 ? undefined : filled;
  }, z.array(item).max(max).optional());
const time = z.preprocess(
  (value) => {
    const v = given(value);
    if (typeof v === 'number') return v;
    if (typeof v !== 'string') return v;
    return /^\d+$/.test(v) ? Number(v) : Date.parse(v);
  },
  z.number({ error: 'not a time (ISO 8601 or epoch milliseconds)' }).int().nonnegative(),
);
const json = z.preprocess((value) => {
  const v = given(value);
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return v;
  }
}, z.record(z.string(), z.unknown()).optional());

/** Record ids: JSON exports (HubSpot's, for one) write them as numbers, CSV cells as text. */
const idText = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value), schema);
const externalId = idText(text(200).pipe(z.string().min(1, 'external_id is required')));
const accountExternalId = idText(optionalText(200));

export const AccountRow = z.object({
  external_id: externalId,
  name: text(200).pipe(z.string().min(1, 'name is required')),
  name_kana: optionalText(200),
  domains: list(z.string().toLowerCase().max(253), 20),
  industry: optionalText(100),
  size: optionalText(50),
  region: optionalText(50),
  territory: text(50).pipe(z.string().min(1, 'territory is required')),
  stage: optionalText(50),
  business_notes: optionalText(LIMITS.details),
  industry_notes: optionalText(LIMITS.details),
});
export type AccountRow = z.infer<typeof AccountRow>;

/** A contact names its account by the account's external id or by one of its domains. */
export const ContactRow = z
  .object({
    external_id: externalId,
    account_external_id: accountExternalId,
    account_domain: optionalText(253),
    name: text(200).pipe(z.string().min(1, 'name is required')),
    name_kana: optionalText(200),
    title: optionalText(200),
    department: optionalText(200),
    role: z.preprocess(given, CommitteeRole.optional()),
    emails: list(z.email().toLowerCase(), CONTACT_LIST_MAX),
    phones: list(z.string().max(40), CONTACT_LIST_MAX),
    consent: z.preprocess(given, ConsentState.optional()),
  })
  .refine((row) => row.account_external_id || row.account_domain, 'account_external_id or account_domain is required');
export type ContactRow = z.infer<typeof ContactRow>;

/** A marketing touchpoint (web visit, e-mail engagement, webinar attendance…) for a contact or an account. */
export const TouchpointRow = z
  .object({
    external_id: externalId,
    contact_email: z.preprocess(given, z.email().toLowerCase().optional()),
    account_external_id: accountExternalId,
    account_domain: optionalText(253),
    occurred_at: time,
    channel: Channel,
    team: z.preprocess(given, Team.default('marketing')),
    stage: optionalText(50),
    summary: text(LIMITS.summary).pipe(z.string().min(1, 'summary is required')),
    url: optionalText(2000),
    campaign: optionalText(200),
    details: json,
    author: optionalText(100),
  })
  .refine(
    (row) => row.contact_email || row.account_external_id || row.account_domain,
    'contact_email, account_external_id or account_domain is required',
  );
export type TouchpointRow = z.infer<typeof TouchpointRow>;
