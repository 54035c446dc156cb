import VCard from 'vcf';
import type { ScanIssue } from '../../../src/shared/capture';
import { splitUnescaped, unescapeText } from './escaped-text';
import { addContactPoints, splitFullName, type ScannedFields } from './fields';

/** Properties that carry nothing for a lead and are not worth reporting as "not understood". */
const IGNORED = new Set([
  'version',
  'prodid',
  'rev',
  'uid',
  'photo',
  'logo',
  'sound',
  'kind',
  'categories',
  'url',
  'bday',
  'label',
  'xIrmcLuid',
]);

/**
 * vCard 2.1 folds quoted-printable values with a trailing "=" instead of the leading space
 * vcf understands, and phones often emit bare LF: normalise both before parsing.
 */
function prepare(text: string): string {
  const lines = text.replace(/\r\n|\r|\n/g, '\n').split('\n');
  const out: string[] = [];
  for (const line of lines) {
    const previous = out.at(-1);
    if (previous !== undefined && /QUOTED-PRINTABLE/i.test(previous.split(':')[0] ?? '') && previous.endsWith('=')) {
      out[out.length - 1] = previous.slice(0, -1) + line;
    } else {
      out.push(line);
    }
  }
  return out.filter((line) => line.trim() !== '').join('\r\n');
}

function decodeQuotedPrintable(value: string, charset: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const char = value[i] ?? '';
    const hex = value.slice(i + 1, i + 3);
    if (char === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else if (char === '=') {
      throw new Error('broken quoted-printable escape');
    } else {
      bytes.push(...new TextEncoder().encode(char));
    }
  }
  return new TextDecoder(charset, { fatal: true }).decode(Uint8Array.from(bytes));
}

function param(params: Record<string, string | string[]>, name: string): string | undefined {
  const value = params[name];
  return Array.isArray(value) ? value[0] : value;
}

/** A value's components, unescaped: vcf splits the structured ones (N, ADR) itself, but leaves their escapes. */
function splitStructured(value: string | string[]): string[] {
  const parts = Array.isArray(value) ? value : splitUnescaped(value, ';');
  return parts.map((part) => unescapeText(part, true));
}

/** Parses one vCard (2.1, 3.0 or 4.0, Japanese readings included) into capture fields. */
export function parseVCard(
  text: string,
  normalizePhone: (raw: string) => string | null,
): { fields: ScannedFields; issues: ScanIssue[] } {
  const cards = VCard.parse(prepare(text));
  const card = cards[0];
  if (!card) throw new Error('no vCard found');
  const fields: ScannedFields = { source: 'vcard' };
  const issues: ScanIssue[] = [];
  const emails: string[] = [];
  const phones: string[] = [];
  let fullName = '';

  for (const [name, params, , rawValue] of card.toJSON()[1]) {
    let parts: string[];
    try {
      const encoding = param(params, 'encoding')?.toLowerCase();
      const charset = param(params, 'charset') ?? 'utf-8';
      const decode = (part: string) => (encoding === 'quoted-printable' ? decodeQuotedPrintable(part, charset) : part);
      parts = splitStructured(rawValue).map(decode);
    } catch {
      issues.push({ field: name, code: 'ENCODING', value: String(rawValue) });
      continue;
    }
    const first = (parts[0] ?? '').trim();
    switch (name) {
      case 'n':
        fields.familyName = first;
        fields.givenName = (parts[1] ?? '').trim();
        break;
      case 'fn':
        fullName = parts.join(' ').trim();
        break;
      case 'xPhoneticLastName':
        fields.familyKana = first;
        break;
      case 'xPhoneticFirstName':
        fields.givenKana = first;
        break;
      case 'xPhoneticOrg':
        fields.companyKana = first;
        break;
      case 'sortString': {
        const reading = splitFullName(parts.join(' '));
        fields.familyKana ||= reading.familyName;
        fields.givenKana ||= reading.givenName;
        break;
      }
      case 'sound':
        // Japanese feature phones put the reading of N in SOUND;X-IRMC-N.
        if ([params.type].flat().some((type) => String(type).toLowerCase() === 'x-irmc-n')) {
          fields.familyKana ||= first;
          fields.givenKana ||= (parts[1] ?? '').trim();
        }
        break;
      case 'org':
        fields.company = first;
        if (parts[1]?.trim()) fields.department = parts[1].trim();
        if (param(params, 'sort-as')) fields.companyKana = param(params, 'sort-as') ?? '';
        break;
      case 'title':
        fields.title = first;
        break;
      case 'email':
        emails.push(first);
        break;
      case 'tel':
        phones.push(first.replace(/^tel:/i, ''));
        break;
      case 'adr': {
        const line = parts
          .map((part) => part.trim())
          .filter(Boolean)
          .join(' ');
        if (line) fields.addressLines = [...(fields.addressLines ?? []), line];
        break;
      }
      case 'note':
        fields.notes = parts.join(';');
        break;
      default:
        if (!IGNORED.has(name)) issues.push({ field: name, code: 'UNPARSED_LINE', value: parts.join(';') });
    }
  }
  if (!fields.familyName && !fields.givenName && fullName) Object.assign(fields, splitFullName(fullName));
  addContactPoints(fields, issues, { emails, phones }, normalizePhone);
  return { fields, issues };
}
