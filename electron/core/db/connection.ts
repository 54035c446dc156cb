import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { AppError } from '../../../src/shared/errors';
import { migrate } from './migrate';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export interface Connection {
  sqlite: Database.Database;
  db: Db;
  schemaVersion: number;
}

export interface OpenOptions {
  file: string;
  migrationsFolder: string;
  /** Path to an Electron-ABI build of better-sqlite3 (see scripts/electron-native.mjs). */
  nativeBinding?: string | undefined;
}

/**
 * Opens (creating if needed) and migrates the local database. WAL lets readers run while
 * a write commits; synchronous=FULL makes every commit durable before the UI is told it
 * is saved. A file that is not a database fails at the first pragma (SQLITE_NOTADB); no
 * full integrity check runs at start, because on a 2,000,000-touchpoint territory it
 * would cost seconds on every launch.
 */
export function openDatabase(options: OpenOptions): Connection {
  let sqlite: Database.Database | undefined;
  try {
    sqlite = new Database(options.file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const schemaVersion = migrate(sqlite, options.migrationsFolder);
    return { sqlite, db: drizzle(sqlite, { schema }), schemaVersion };
  } catch (error) {
    sqlite?.close();
    if (error instanceof AppError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    if (isUnreadable(error) || /malformed|not a database/i.test(message)) {
      throw new AppError('DB_CORRUPT', `The database file cannot be read: ${message}`);
    }
    throw new AppError('DB_UNAVAILABLE', `The database could not be opened: ${message}`);
  }
}

/**
 * Whether SQLite said the file is not a database or is damaged (SQLITE_NOTADB,
 * SQLITE_CORRUPT and its extended codes). Damage can also first show when a page is read
 * after opening, so the core asks this of anything that fails while it starts.
 */
export function isUnreadable(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && /^SQLITE_(NOTADB|CORRUPT)/.test(code);
}
