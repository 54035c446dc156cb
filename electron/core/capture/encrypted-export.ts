import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../../src/shared/errors';
import type { CoreContext } from '../context';
import { statement } from '../db/statements';
import { newId } from '../ids';

/** Tables an export carries, in an order that satisfies foreign keys on import. */
const TABLES = [
  'events',
  'accounts',
  'contacts',
  'touchpoints',
  'touchpoint_contacts',
  'consent_records',
  'captures',
  'follow_ups',
  'outbox',
] as const;
type Table = (typeof TABLES)[number];

const Cell = z.union([z.string(), z.number(), z.null()]);
const Rows = z.array(z.record(z.string(), Cell));
const Payload = z.object({
  schemaVersion: z.number().int(),
  exportedAt: z.number(),
  deviceId: z.string(),
  eventId: z.string().nullable(),
  tables: z.object(Object.fromEntries(TABLES.map((table) => [table, Rows])) as Record<Table, typeof Rows>),
});
type Payload = z.infer<typeof Payload>;

/** The scrypt cost this app writes, and the only one it reads (see Envelope). */
const KDF = { N: 2 ** 15, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;

const base64Of = (bytes: number) =>
  z.string().refine((value) => Buffer.from(value, 'base64').length === bytes, `not ${bytes} bytes`);

/**
 * The file's outer layer. The key-derivation parameters must be exactly the ones this app
 * writes: scrypt blocks the core while it runs, so a damaged or crafted file must not
 * choose its cost (a large p or N would freeze the app for hours or take gigabytes).
 */
const Envelope = z.object({
  format: z.literal('oneteam-capture-export'),
  version: z.literal(1),
  kdf: z.object({
    name: z.literal('scrypt'),
    N: z.literal(KDF.N),
    r: z.literal(KDF.r),
    p: z.literal(KDF.p),
    salt: base64Of(SALT_BYTES),
  }),
  cipher: z.literal('aes-256-gcm'),
  iv: base64Of(IV_BYTES),
  tag: base64Of(TAG_BYTES),
  data: z.string(),
});
export const MIN_PASSWORD = 8;

function key(password: string, salt: Buffer): Buffer {
  return scryptSync(password.normalize('NFKC'), salt, 32, { ...KDF, maxmem: 128 * KDF.N * KDF.r * 2 });
}

function rowsOf(
  ctx: CoreContext,
  table: Table,
  where: string,
  params: Record<string, unknown>,
): Record<string, string | number | null>[] {
  return statement(ctx.conn.sqlite, `SELECT * FROM ${table} WHERE ${where}`).all(params) as Record<
    string,
    string | number | null
  >[];
}

/** Every row that makes up the captures of one event (or of all events), with their pending outbox rows. */
function collect(ctx: CoreContext, eventId: string | null): Payload['tables'] {
  const scope = { eventId };
  const inScope = (column: string) => `SELECT ${column} FROM captures WHERE :eventId IS NULL OR event_id = :eventId`;
  const touchpointIds = `${inScope('booth_touchpoint_id')} UNION ${inScope('card_touchpoint_id')}`;
  const tables: Payload['tables'] = {
    events: rowsOf(ctx, 'events', `id IN (${inScope('event_id')}) OR id = :eventId`, scope),
    accounts: rowsOf(ctx, 'accounts', `id IN (${inScope('account_id')})`, scope),
    contacts: rowsOf(ctx, 'contacts', `id IN (${inScope('contact_id')})`, scope),
    touchpoints: rowsOf(ctx, 'touchpoints', `id IN (${touchpointIds})`, scope),
    touchpoint_contacts: rowsOf(ctx, 'touchpoint_contacts', `touchpoint_id IN (${touchpointIds})`, scope),
    consent_records: rowsOf(
      ctx,
      'consent_records',
      `event_id IN (${inScope('event_id')}) AND contact_id IN (${inScope('contact_id')})`,
      scope,
    ),
    captures: rowsOf(ctx, 'captures', ':eventId IS NULL OR event_id = :eventId', scope),
    follow_ups: rowsOf(ctx, 'follow_ups', `capture_id IN (${inScope('id')})`, scope),
    outbox: [],
  };
  // The outbox rows that still have to reach the hub for any of these records.
  const ids = new Set(
    (['events', 'accounts', 'contacts', 'touchpoints', 'consent_records', 'captures', 'follow_ups'] as const).flatMap(
      (table) => tables[table].map((row) => String(row.id)),
    ),
  );
  // In write order, so the importing device pushes them in the same order (a contact before its touchpoints).
  tables.outbox = rowsOf(ctx, 'outbox', "state = 'pending' ORDER BY rowid", {}).filter((row) =>
    ids.has(String(row.entity_id)),
  );
  return tables;
}

export interface ExportResult {
  file: string;
  fileName: string;
  dataBase64: string;
  captureCount: number;
}

/**
 * Writes the captures (of one event, or all) to a password-protected file: scrypt derives
 * the key, AES-256-GCM encrypts and authenticates. The file keeps every id and the outbox
 * mutation ids, so importing it on another device — or on the hub via both devices —
 * never creates duplicates. Recorded, so deleting or signing out is allowed afterwards.
 */
export function exportCaptures(
  ctx: CoreContext,
  eventId: string | null,
  password: string,
  schemaVersion: number,
): ExportResult {
  if (password.length < MIN_PASSWORD) {
    throw new AppError('WEAK_PASSWORD', `The password needs at least ${MIN_PASSWORD} characters.`, 'password');
  }
  const now = ctx.now();
  const tables = collect(ctx, eventId);
  const payload: Payload = { schemaVersion, exportedAt: now, deviceId: ctx.deviceId, eventId, tables };
  const salt = randomBytes(SALT_BYTES);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key(password, salt), iv, { authTagLength: TAG_BYTES });
  const data = Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final()]);
  const envelope = {
    format: 'oneteam-capture-export',
    version: 1,
    kdf: { name: 'scrypt', ...KDF, salt: salt.toString('base64') },
    cipher: 'aes-256-gcm',
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
  const bytes = Buffer.from(JSON.stringify(envelope));
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  const fileName = `oneteam-captures-${stamp}.otcx`;
  const folder = join(ctx.dataDir, 'exports');
  mkdirSync(folder, { recursive: true });
  const file = join(folder, fileName);
  writeFileSync(file, bytes, { flush: true });
  const coversUntil = Math.max(0, ...tables.captures.map((row) => Number(row.created_at)));
  statement(
    ctx.conn.sqlite,
    'INSERT INTO capture_exports (id, event_id, file, capture_count, covers_until, capture_ids, outbox_ids, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(
    newId(now),
    eventId,
    file,
    tables.captures.length,
    coversUntil,
    JSON.stringify(tables.captures.map((row) => String(row.id))),
    JSON.stringify(tables.outbox.map((row) => String(row.id))),
    now,
  );
  return { file, fileName, dataBase64: bytes.toString('base64'), captureCount: tables.captures.length };
}

function decrypt(bytes: Buffer, password: string): unknown {
  let envelope: z.infer<typeof Envelope>;
  try {
    envelope = Envelope.parse(JSON.parse(bytes.toString('utf8')));
  } catch {
    throw new AppError('INVALID_FILE', 'This is not a OneTeam capture export.', 'file');
  }
  try {
    const decipher = createDecipheriv(
      'aes-256-gcm',
      key(password, Buffer.from(envelope.kdf.salt, 'base64')),
      Buffer.from(envelope.iv, 'base64'),
      { authTagLength: TAG_BYTES },
    );
    decipher.setAuthTag(Buffer.from(envelope.tag, 'base64'));
    const plain = Buffer.concat([decipher.update(Buffer.from(envelope.data, 'base64')), decipher.final()]);
    return JSON.parse(plain.toString('utf8'));
  } catch {
    throw new AppError('WRONG_PASSWORD', 'The password does not open this file (or the file was altered).', 'password');
  }
}

/**
 * Imports an export: every row keeps its id, so rows already here are skipped and a
 * second import changes nothing. Columns are checked against this database's own tables;
 * a file from a newer schema is refused. Only a row already here is skipped (`ON CONFLICT
 * DO NOTHING`, not `INSERT OR IGNORE`, which would also drop a row that breaks a NOT NULL
 * rule and report the import as done): any other broken row refuses the whole file.
 */
export function importCaptures(
  ctx: CoreContext,
  bytes: Buffer,
  password: string,
  schemaVersion: number,
): { captures: number; alreadyPresent: number; accountIds: string[]; contactIds: string[] } {
  const parsed = Payload.safeParse(decrypt(bytes, password));
  if (!parsed.success)
    throw new AppError(
      'INVALID_FILE',
      `The export's contents are malformed: ${parsed.error.issues[0]?.message ?? ''}`,
      'file',
    );
  const payload = parsed.data;
  if (payload.schemaVersion > schemaVersion) {
    throw new AppError('DB_TOO_NEW', 'This export was written by a newer version of the app. Update first.', 'file');
  }
  const sqlite = ctx.conn.sqlite;
  let inserted = 0;
  let table: Table = TABLES[0];
  try {
    sqlite.transaction(() => {
      for (table of TABLES) {
        const known = new Set(
          (sqlite.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name),
        );
        for (const row of payload.tables[table]) {
          const columns = Object.keys(row).filter((column) => known.has(column));
          const result = sqlite
            .prepare(
              `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})
               ON CONFLICT DO NOTHING`,
            )
            .run(Object.fromEntries(columns.map((c) => [c, row[c]])));
          if (table === 'captures') inserted += result.changes;
        }
      }
    })();
  } catch (error) {
    if (!(error instanceof Error && 'code' in error && String(error.code).startsWith('SQLITE_CONSTRAINT'))) throw error;
    throw new AppError('INVALID_FILE', `The export's ${table} break this database's rules: ${error.message}`, 'file');
  }
  return {
    captures: inserted,
    alreadyPresent: payload.tables.captures.length - inserted,
    accountIds: payload.tables.accounts.map((row) => String(row.id)),
    contactIds: payload.tables.contacts.map((row) => String(row.id)),
  };
}
