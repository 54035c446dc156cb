import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/db/connection';
import { AppError } from '../../src/shared/errors';
import { MIGRATIONS, tempDir } from '../support/paths';

interface Journal {
  entries: { idx: number; when: number; tag: string }[];
}

const journal = JSON.parse(readFileSync(join(MIGRATIONS, 'meta/_journal.json'), 'utf8')) as Journal;

/** A copy of the migrations folder that stops after the first `count` migrations: an older app's schema. */
function olderMigrations(count: number): string {
  const folder = join(tempDir('migrations-'), 'drizzle');
  mkdirSync(join(folder, 'meta'), { recursive: true });
  const entries = journal.entries.slice(0, count);
  for (const entry of entries) cpSync(join(MIGRATIONS, `${entry.tag}.sql`), join(folder, `${entry.tag}.sql`));
  writeFileSync(join(folder, 'meta/_journal.json'), JSON.stringify({ ...journal, entries }));
  return folder;
}

function schemaOf(file: string): string[] {
  const db = new Database(file, { readonly: true });
  const rows = db
    .prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
    .all() as { type: string; name: string; sql: string }[];
  db.close();
  return rows.map((row) => `${row.type} ${row.name}: ${row.sql}`);
}

describe('migrations', () => {
  it('has a monotonic, append-only journal that matches the files on disk', () => {
    journal.entries.forEach((entry, index) => {
      expect(entry.idx).toBe(index);
      if (index > 0) expect(entry.when).toBeGreaterThan(journal.entries[index - 1]!.when);
      expect(entry.tag.startsWith(String(index).padStart(4, '0'))).toBe(true);
    });
    const files = readdirSync(MIGRATIONS)
      .filter((name) => name.endsWith('.sql'))
      .sort();
    expect(files).toEqual(journal.entries.map((entry) => `${entry.tag}.sql`));
  });

  it('migrates an empty database to the latest schema with the default buying stages', () => {
    const file = join(tempDir(), 'fresh.db');
    const { sqlite, schemaVersion } = openDatabase({ file, migrationsFolder: MIGRATIONS });
    expect(schemaVersion).toBe(journal.entries.length);
    expect(sqlite.pragma('user_version', { simple: true })).toBe(journal.entries.length);
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(2);
    const stages = sqlite.prepare('SELECT code FROM stages ORDER BY position').all() as { code: string }[];
    expect(stages.map((s) => s.code)).toEqual([
      'problem_identification',
      'solution_exploration',
      'requirements_building',
      'supplier_selection',
      'validation_consensus',
      'adoption',
      'expansion',
    ]);
    sqlite.close();
  });

  it.each(journal.entries.map((_, index) => index))(
    'upgrades a database written at schema version %i to the same schema as a fresh one',
    (version) => {
      const dir = tempDir();
      const fresh = join(dir, 'fresh.db');
      openDatabase({ file: fresh, migrationsFolder: MIGRATIONS }).sqlite.close();
      const old = join(dir, 'old.db');
      openDatabase({ file: old, migrationsFolder: olderMigrations(version) }).sqlite.close();
      const upgraded = openDatabase({ file: old, migrationsFolder: MIGRATIONS });
      expect(upgraded.schemaVersion).toBe(journal.entries.length);
      upgraded.sqlite.close();
      expect(schemaOf(old)).toEqual(schemaOf(fresh));
    },
  );

  it('refuses a database written by a newer app, with DB_TOO_NEW, and leaves it untouched', () => {
    const file = join(tempDir(), 'newer.db');
    openDatabase({ file, migrationsFolder: MIGRATIONS }).sqlite.close();
    const db = new Database(file);
    db.pragma(`user_version = ${journal.entries.length + 1}`);
    db.close();
    let error: unknown;
    try {
      openDatabase({ file, migrationsFolder: MIGRATIONS });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('DB_TOO_NEW');
    const check = new Database(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(journal.entries.length + 1);
    check.close();
  });

  it('reports a file that is not a database as DB_CORRUPT', () => {
    const file = join(tempDir(), 'garbage.db');
    writeFileSync(file, 'this is not a SQLite database, just text that happens to be long enough '.repeat(100));
    expect(() => openDatabase({ file, migrationsFolder: MIGRATIONS })).toThrow(
      expect.objectContaining({ code: 'DB_CORRUPT' }),
    );
  });
});
