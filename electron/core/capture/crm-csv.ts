import { stringify } from 'csv-stringify/sync';
import { CaptureFields } from '../../../src/shared/capture';
import type { CoreContext } from '../context';
import { statement } from '../db/statements';
import { mayContactSql } from './consent-sql';

export type CrmLayout = 'salesforce' | 'hubspot';

interface Row {
  fields: string;
  contact_name: string;
  title: string | null;
  emails: string;
  phones: string;
  account_name: string;
  rating: string | null;
  consent: number;
}

interface Lead {
  first: string;
  last: string;
  company: string;
  title: string;
  email: string;
  phone: string;
  street: string;
  rating: string;
  consent: boolean;
  notes: string;
}

const RATING_LABEL: Record<string, string> = { hot: 'Hot', warm: 'Warm', cold: 'Cold' };

/** Column layouts of Salesforce's Data Import Wizard (Leads) and HubSpot's contact import. */
const LAYOUTS: Record<CrmLayout, { header: string[]; row: (lead: Lead, event: string) => string[] }> = {
  salesforce: {
    header: [
      'First Name',
      'Last Name',
      'Company',
      'Title',
      'Email',
      'Phone',
      'Street',
      'Lead Source',
      'Rating',
      'Email Opt Out',
      'Description',
    ],
    row: (l, event) => [
      l.first,
      l.last,
      l.company,
      l.title,
      l.email,
      l.phone,
      l.street,
      `Trade Show: ${event}`,
      l.rating,
      l.consent ? 'false' : 'true',
      l.notes,
    ],
  },
  hubspot: {
    header: [
      'First Name',
      'Last Name',
      'Email',
      'Phone Number',
      'Company Name',
      'Job Title',
      'Street Address',
      'Lifecycle Stage',
      'Lead Status',
      'Marketing contact status',
      'Event',
      'Rating',
      'Notes',
    ],
    row: (l, event) => [
      l.first,
      l.last,
      l.email,
      l.phone,
      l.company,
      l.title,
      l.street,
      'lead',
      'NEW',
      l.consent ? 'Marketing contact' : 'Non-marketing contact',
      event,
      l.rating,
      l.notes,
    ],
  },
};

/**
 * A cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR) gets a leading
 * apostrophe: exported leads are opened in Excel before they are imported.
 */
export function neutralizeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function strings(json: string): string[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

export function exportCrmCsv(ctx: CoreContext, eventId: string, eventName: string, layout: CrmLayout): string {
  const rows = statement(
    ctx.conn.sqlite,
    `SELECT c.fields, p.name AS contact_name, p.title, p.emails, p.phones, a.name AS account_name, c.rating,
            ${mayContactSql('c.contact_id')} AS consent
       FROM captures c JOIN contacts p ON p.id = c.contact_id JOIN accounts a ON a.id = c.account_id
      WHERE c.event_id = ? ORDER BY c.created_at`,
  ).all(eventId) as Row[];
  const { header, row } = LAYOUTS[layout];
  const records = rows.map((r) => {
    const parsed = CaptureFields.partial().safeParse(JSON.parse(r.fields));
    const fields = parsed.success ? parsed.data : {};
    const lead: Lead = {
      first: fields.givenName ?? '',
      last: fields.familyName || r.contact_name,
      company: r.account_name,
      title: r.title ?? '',
      email: strings(r.emails)[0] ?? '',
      phone: strings(r.phones)[0] ?? '',
      street: (fields.addressLines ?? []).join(', '),
      rating: RATING_LABEL[r.rating ?? ''] ?? '',
      consent: r.consent === 1,
      notes: fields.notes ?? '',
    };
    return row(lead, eventName).map(neutralizeFormula);
  });
  // A BOM so Excel opens Japanese names as UTF-8; every value quoted, so a ';' in a company
  // name cannot start a new cell (or a formula) where ';' separates cells (German, French…).
  return `\uFEFF${stringify([header, ...records], { quoted: true })}`;
}
