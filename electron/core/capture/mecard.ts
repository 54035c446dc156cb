import type { ScanIssue } from '../../../src/shared/capture';
import { splitUnescaped, unescapeText } from './escaped-text';
import { addContactPoints, type ScannedFields } from './fields';

/** MECARD fields are "KEY:value;" with \ escaping ; : , and \. Splits on unescaped ";" and the first unescaped ":". */
function entries(body: string): [string, string][] {
  const result: [string, string][] = [];
  for (const raw of splitUnescaped(body, ';')) {
    const [key = '', ...value] = splitUnescaped(raw, ':');
    if (raw.trim() === '' || value.length === 0) continue;
    result.push([key.trim().toUpperCase(), value.join(':')]);
  }
  return result;
}

const unescape = (value: string) => unescapeText(value, false).trim();
/** Commas separate family and given name (N, SOUND); escaped commas stay. */
const pair = (value: string) => splitUnescaped(value, ',').map(unescape);

/** Parses a DoCoMo MECARD (the common QR business-card format in Japan). */
export function parseMeCard(
  text: string,
  normalizePhone: (raw: string) => string | null,
): { fields: ScannedFields; issues: ScanIssue[] } {
  const body = text.trim().replace(/^MECARD:/i, '');
  const fields: ScannedFields = { source: 'mecard' };
  const issues: ScanIssue[] = [];
  const emails: string[] = [];
  const phones: string[] = [];
  for (const [key, value] of entries(body)) {
    switch (key) {
      case 'N': {
        const [family = '', given = ''] = pair(value);
        fields.familyName = family;
        fields.givenName = given;
        break;
      }
      case 'SOUND': {
        const [family = '', given = ''] = pair(value);
        fields.familyKana = family;
        fields.givenKana = given;
        break;
      }
      case 'TEL':
      case 'TEL-AV':
        phones.push(unescape(value));
        break;
      case 'EMAIL':
        emails.push(unescape(value));
        break;
      case 'ORG':
        fields.company = unescape(value);
        break;
      case 'TITLE':
        fields.title = unescape(value);
        break;
      case 'ADR':
        fields.addressLines = [...(fields.addressLines ?? []), unescape(value)];
        break;
      case 'NOTE':
        fields.notes = unescape(value);
        break;
      case 'URL':
      case 'BDAY':
      case 'NICKNAME':
        break;
      default:
        issues.push({ field: key.toLowerCase(), code: 'UNPARSED_LINE', value: unescape(value) });
    }
  }
  addContactPoints(fields, issues, { emails, phones }, normalizePhone);
  return { fields, issues };
}
