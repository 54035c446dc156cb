import type { ScanIssue, ScanResult } from '../../../src/shared/capture';
import { parseMeCard } from './mecard';
import { toE164 } from './phone';
import { parsePlainText } from './plain-text';
import { parseVCard } from './vcard';

/**
 * Turns whatever a scanner (acting as a keyboard) or a paste produced into capture
 * fields: vCard 2.1/3.0/4.0, MECARD, or plain badge text. Never throws: anything not
 * understood comes back as issues so the form can show it next to the fields.
 */
export function parseScan(text: string, defaultRegion: string): ScanResult {
  const result = parseAny(text, defaultRegion);
  // Feature phones send readings in half-width katakana; store them full width.
  for (const key of ['familyKana', 'givenKana', 'companyKana'] as const) {
    const value = result.fields[key];
    if (value) result.fields[key] = value.normalize('NFKC');
  }
  return result;
}

function parseAny(text: string, defaultRegion: string): ScanResult {
  const normalizePhone = (raw: string) => toE164(raw, defaultRegion);
  const trimmed = text.trim();
  if (/^BEGIN:VCARD/i.test(trimmed)) {
    try {
      return { format: 'vcard', ...parseVCard(trimmed, normalizePhone) };
    } catch (error) {
      const issue: ScanIssue = {
        field: 'scan',
        code: 'ENCODING',
        value: error instanceof Error ? error.message : String(error),
      };
      return { format: 'vcard', fields: {}, issues: [issue] };
    }
  }
  if (/^MECARD:/i.test(trimmed)) return { format: 'mecard', ...parseMeCard(trimmed, normalizePhone) };
  const parsed = parsePlainText(trimmed, normalizePhone);
  const understood = Object.keys(parsed.fields).some((key) => key !== 'source');
  if (!understood) {
    return {
      format: 'text',
      fields: {},
      issues: [{ field: 'scan', code: 'UNKNOWN_FORMAT', value: trimmed.slice(0, 200) }],
    };
  }
  return { format: 'text', ...parsed };
}
