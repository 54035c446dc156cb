import { asc, eq, sql } from 'drizzle-orm';
import { stringify } from 'csv-stringify/sync';
import type { Queryable } from '../db/connection';
import { accounts, contacts, touchpoints } from '../db/schema';

export const EXPORT_KINDS = ['accounts', 'contacts', 'touchpoints'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/**
 * A cell a spreadsheet would read as a formula (starting with =, +, -, @, a tab or a
 * carriage return) is prefixed with an apostrophe, as OWASP advises against CSV
 * injection: an imported `=HYPERLINK(…)` company name comes out as text, never as a
 * formula, in whoever opens the export.
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  // Each item on its own: a spreadsheet whose list separator is ';' (German, French…) splits the cell there.
  if (Array.isArray(value)) return value.map((item) => neutraliseFormula(String(item))).join(';');
  if (typeof value === 'object') return neutraliseFormula(JSON.stringify(value));
  return neutraliseFormula(String(value));
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Exports a table as CSV (UTF-8 with a BOM, so spreadsheet programs read Japanese correctly). */
export async function exportCsv(db: Queryable, kind: ExportKind, territory?: string): Promise<string> {
  let rows: Record<string, unknown>[];
  switch (kind) {
    case 'accounts':
      rows = (
        await db
          .select()
          .from(accounts)
          .where(territory ? eq(accounts.territory, territory) : undefined)
          .orderBy(asc(accounts.name))
      ).map((a) => ({
        id: a.id,
        name: a.name,
        name_kana: a.nameKana,
        domains: a.domains,
        industry: a.industry,
        size: a.size,
        region: a.region,
        territory: a.territory,
        stage: a.stageCode,
        business_notes: a.businessNotes,
        industry_notes: a.industryNotes,
        updated_at: iso(a.updatedAt),
      }));
      break;
    case 'contacts':
      rows = (
        await db
          .select({ contact: contacts, account: accounts.name })
          .from(contacts)
          .innerJoin(accounts, eq(accounts.id, contacts.accountId))
          .where(territory ? eq(accounts.territory, territory) : undefined)
          .orderBy(asc(accounts.name), asc(contacts.name))
      ).map(({ contact: c, account }) => ({
        id: c.id,
        account,
        name: c.name,
        name_kana: c.nameKana,
        title: c.title,
        department: c.department,
        role: c.role,
        emails: c.emails,
        phones: c.phones,
        consent: c.consent,
      }));
      break;
    case 'touchpoints':
      rows = (
        await db
          .select({ touchpoint: touchpoints, account: accounts.name })
          .from(touchpoints)
          .innerJoin(accounts, eq(accounts.id, touchpoints.accountId))
          .where(territory ? eq(accounts.territory, territory) : sql`TRUE`)
          .orderBy(asc(touchpoints.occurredAt), asc(touchpoints.id))
      ).map(({ touchpoint: t, account }) => ({
        id: t.id,
        account,
        occurred_at: iso(t.occurredAt),
        channel: t.channel,
        team: t.team,
        stage: t.stageCode,
        summary: t.summary,
        author: t.author,
        contact_ids: t.contactIds,
        details: t.details,
      }));
      break;
  }
  const columns = rows[0] ? Object.keys(rows[0]) : [];
  return `\ufeff${stringify(
    rows.map((row) => columns.map((column) => cell(row[column]))),
    // Every field quoted: a ';' inside a name stays in its cell where ';' separates cells.
    { header: true, columns, quoted: true },
  )}`;
}
