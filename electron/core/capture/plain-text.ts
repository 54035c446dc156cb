import type { ScanIssue } from '../../../src/shared/capture';
import { addContactPoints, isEmail, splitFullName, type ScannedFields } from './fields';
import { hasLegalForm } from './normalize-company';

const LABELS: [RegExp, keyof ScannedFields][] = [
  [/^(name|氏名|名前|お名前)\s*[:：]\s*/i, 'familyName'],
  [/^(company|organi[sz]ation|会社名?|所属|社名)\s*[:：]\s*/i, 'company'],
  [/^(title|job title|役職)\s*[:：]\s*/i, 'title'],
  [/^(department|部署)\s*[:：]\s*/i, 'department'],
  [/^(e-?mail|メール)\s*[:：]\s*/i, 'emails'],
  [/^(tel|phone|mobile|電話|携帯)\s*[:：]\s*/i, 'phones'],
];

const PHONE_LIKE = /^[+()\d][\d\s\-().]{8,}$/;

/**
 * Text pasted from a badge app: "Name / Company / email" on one line, or one value per
 * line, with or without labels. Whatever cannot be placed is reported, not dropped.
 */
export function parsePlainText(
  text: string,
  normalizePhone: (raw: string) => string | null,
): { fields: ScannedFields; issues: ScanIssue[] } {
  // Badges and OCR write digits and @ in full width (０３－１２３４－５６７８); read them as the half-width they stand for.
  const pieces = text
    .normalize('NFKC')
    .split(/\r\n|\r|\n|\t|\s+\/\s+|\s*\|\s*/)
    .map((piece) => piece.trim())
    .filter(Boolean);
  const fields: ScannedFields = { source: 'text' };
  const issues: ScanIssue[] = [];
  const emails: string[] = [];
  const phones: string[] = [];
  const unplaced: string[] = [];

  for (const piece of pieces) {
    const labelled = LABELS.find(([pattern]) => pattern.test(piece));
    const value = labelled ? piece.replace(labelled[0], '') : piece;
    const target = labelled?.[1];
    if (target === 'emails' || (!target && isEmail(value)) || (!target && value.includes('@'))) emails.push(value);
    else if (target === 'phones' || (!target && PHONE_LIKE.test(value))) phones.push(value);
    else if (target === 'familyName') Object.assign(fields, splitFullName(value));
    else if (target === 'company' || (!target && !fields.company && hasLegalForm(value))) fields.company = value;
    else if (target === 'title') fields.title = value;
    else if (target === 'department') fields.department = value;
    else unplaced.push(value);
  }
  // Unlabelled values in badge order: the name comes first, then the company. Only text with letters can be either.
  const words = unplaced.filter((value) => /\p{L}/u.test(value));
  const leftovers = unplaced.filter((value) => !words.includes(value));
  if (!fields.familyName && !fields.givenName && words.length > 0)
    Object.assign(fields, splitFullName(words.shift() ?? ''));
  if (!fields.company && words.length > 0) fields.company = words.shift() ?? '';
  for (const value of [...words, ...leftovers]) issues.push({ field: 'text', code: 'UNPARSED_LINE', value });
  addContactPoints(fields, issues, { emails, phones }, normalizePhone);
  return { fields, issues };
}
