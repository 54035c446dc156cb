import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import { AppError } from '../../../src/shared/errors';

export interface RowError {
  /** The line in a CSV file (the header is line 1), or the 1-based index in a JSON array. */
  row: number;
  message: string;
}

export interface SourceRow {
  row: number;
  record: unknown;
}

export type ImportFormat = 'csv' | 'json';

export function formatOf(file: string, format?: string): ImportFormat {
  const chosen = (format ?? extname(file).slice(1)).toLowerCase();
  if (chosen === 'csv' || chosen === 'json') return chosen;
  throw new AppError('INVALID_INPUT', `Cannot tell the format of ${file}: pass --format csv or --format json.`);
}

/**
 * Reads the records of a CSV (with a header row) or JSON (an array of objects) export.
 * A CSV record that cannot be parsed (an unclosed quote, a wrong number of fields) is
 * reported as a row error with its line instead of stopping the whole file, so the
 * report lists every broken row at once.
 */
/**
 * The text of an export: UTF-8 (a byte-order mark is dropped), or else Shift_JIS, which
 * Japanese marketing tools and Excel write by default (WHATWG's Shift_JIS is Windows'
 * CP932). Read as UTF-8, such a file would import names full of replacement characters.
 */
function readText(file: string): string {
  const bytes = readFileSync(file);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    try {
      return new TextDecoder('shift_jis', { fatal: true }).decode(bytes);
    } catch {
      throw new AppError(
        'INVALID_INPUT',
        `${file} is neither UTF-8 nor Shift_JIS text: save it as UTF-8 and import again.`,
      );
    }
  }
}

/** CSV column names, compared trimmed and lower-case; a name given twice would silently lose one column. */
function columnNames(header: string[]): string[] {
  const names = header.map((name) => name.trim().toLowerCase());
  const repeated = names.find((name, index) => names.indexOf(name) !== index);
  if (repeated !== undefined)
    throw new AppError('INVALID_INPUT', `The column "${repeated}" appears twice in the header.`);
  return names;
}

export function readRows(file: string, format: ImportFormat): { rows: SourceRow[]; errors: RowError[] } {
  const text = readText(file);
  if (format === 'json') {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw new AppError('INVALID_INPUT', `${file} is not valid JSON: ${(error as Error).message}`);
    }
    if (!Array.isArray(data)) throw new AppError('INVALID_INPUT', `${file} must hold a JSON array of records.`);
    return { rows: data.map((record, index) => ({ row: index + 1, record })), errors: [] };
  }
  const errors: RowError[] = [];
  const records = parse(text, {
    columns: columnNames,
    skip_empty_lines: true,
    trim: true,
    info: true,
    skip_records_with_error: true,
    on_skip: (error) => {
      if (error) errors.push({ row: Number(error.lines), message: error.message });
      return undefined;
    },
  }) as { info: { lines: number }; record: Record<string, string> }[];
  return { rows: records.map(({ info, record }) => ({ row: info.lines, record })), errors };
}
