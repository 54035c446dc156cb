import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/db/connection';
import { migrate } from '../../electron/core/db/migrate';
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

/**
 * Every migration the app has shipped, pinned by the sha256 of its SQL. A shipped migration
 * must NEVER be edited: the runner counts applied migrations (PRAGMA user_version), so a
 * database that already ran the old text never runs the new one, and its schema silently
 * differs from what this build expects. Change the schema with a NEW migration instead, and
 * add its hash here when you add it (`sha256sum drizzle/NNNN_*.sql`).
 */
const SHIPPED_MIGRATIONS: Record<string, string> = {
  '0000_initial.sql': 'c31e3ca40634a1acf3954bca18c8118d0b41dcdbbd73cbe095ab0f8d3107ce2d',
  '0001_default_stages.sql': 'e0dc318f0cd4fa2ea95c7e0de7507d5cea970f2e51c929fa20fa81e1125d3ccf',
  '0002_booth_capture.sql': '351eb705e89e47f1ef8c09cab75d16cedc8b7b8c5478860685f5ef521a2a0f35',
  '0003_content_library.sql': '2e6dcbc15bc9585bc04826126dc0efa99679701984c88a70d3d580be84b516e4',
  '0004_sync.sql': '58c7461e230fbf0d9867b1861f5829f334f2275c75bb4e8b6d3cd48489bf4d7a',
  '0005_export_contents.sql': 'c1e49a4ad270eb55681f6d1f385410a438611c8fadebda0a59056a55c8f62307',
  '0006_presentation_paused.sql': '43b9cd98af15e1b9a914f4e2a14b17d24c16155f792c3e0e21cfcd795704a6c8',
  '0007_outbox_resend.sql': '171f0dbc075ed7e521417c9f45e1f18a6cacc41df7943fd79e7ac9977ad841b2',
};

/** A migrations folder written by the test, in drizzle-kit's layout: one SQL text per migration. */
function migrationsFolder(sqls: string[]): string {
  const folder = join(tempDir('migrations-'), 'drizzle');
  mkdirSync(join(folder, 'meta'), { recursive: true });
  const entries = sqls.map((sql, idx) => {
    const tag = `${String(idx).padStart(4, '0')}_step`;
    writeFileSync(join(folder, `${tag}.sql`), sql);
    return { idx, version: '6', when: 1_800_000_000_000 + idx, tag, breakpoints: true };
  });
  writeFileSync(join(folder, 'meta/_journal.json'), JSON.stringify({ version: '7', dialect: 'sqlite', entries }));
  return folder;
}

const PARENTS_AND_CHILDREN = `CREATE TABLE \`parents\` (\`id\` text PRIMARY KEY NOT NULL, \`name\` text NOT NULL);
--> statement-breakpoint
CREATE TABLE \`children\` (
\t\`id\` text PRIMARY KEY NOT NULL,
\t\`parent_id\` text NOT NULL,
\tFOREIGN KEY (\`parent_id\`) REFERENCES \`parents\`(\`id\`) ON UPDATE no action ON DELETE no action
);`;

/** Exactly what drizzle-kit 0.31 writes to give `parents.name` a default: a table rebuild. */
const REBUILD_PARENTS = `PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE \`__new_parents\` (
\t\`id\` text PRIMARY KEY NOT NULL,
\t\`name\` text DEFAULT 'unknown' NOT NULL
);
--> statement-breakpoint
INSERT INTO \`__new_parents\`("id", "name") SELECT "id", "name" FROM \`parents\`;--> statement-breakpoint
DROP TABLE \`parents\`;--> statement-breakpoint
ALTER TABLE \`__new_parents\` RENAME TO \`parents\`;--> statement-breakpoint
PRAGMA foreign_keys=ON;`;

/** A database at the first migration, with a child row pointing at each parent row. */
function withParentsAndChildren(): string {
  const file = join(tempDir(), 'rows.db');
  const { sqlite } = openDatabase({ file, migrationsFolder: migrationsFolder([PARENTS_AND_CHILDREN]) });
  sqlite.exec(`INSERT INTO parents (id, name) VALUES ('p1', 'One'), ('p2', 'Two');
               INSERT INTO children (id, parent_id) VALUES ('c1', 'p1'), ('c2', 'p2');`);
  sqlite.close();
  return file;
}

describe('migrations', () => {
  it('never edits a shipped migration (each SQL file is pinned by its sha256)', () => {
    const actual = Object.fromEntries(
      readdirSync(MIGRATIONS)
        .filter((name) => name.endsWith('.sql'))
        .sort()
        .map((name) => [
          name,
          // Line endings are normalised so a Windows checkout (autocrlf) hashes the same.
          createHash('sha256')
            .update(readFileSync(join(MIGRATIONS, name), 'utf8').replace(/\r\n/g, '\n'))
            .digest('hex'),
        ]),
    );
    expect(actual).toEqual(SHIPPED_MIGRATIONS);
  });

  it('applies a drizzle-kit table rebuild on a database whose rows other tables reference', () => {
    const file = withParentsAndChildren();
    const conn = openDatabase({ file, migrationsFolder: migrationsFolder([PARENTS_AND_CHILDREN, REBUILD_PARENTS]) });
    try {
      expect(conn.schemaVersion).toBe(2);
      expect(conn.sqlite.pragma('user_version', { simple: true })).toBe(2);
      expect(conn.sqlite.prepare('SELECT id, name FROM parents ORDER BY id').all()).toEqual([
        { id: 'p1', name: 'One' },
        { id: 'p2', name: 'Two' },
      ]);
      expect(conn.sqlite.prepare('SELECT COUNT(*) AS n FROM children').get()).toEqual({ n: 2 });
      expect(conn.sqlite.pragma('foreign_key_check')).toEqual([]);
      // Foreign keys are enforced again once the migrations are done.
      expect(conn.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(() => conn.sqlite.exec("INSERT INTO children (id, parent_id) VALUES ('c3', 'nobody')")).toThrow(
        /FOREIGN KEY/,
      );
    } finally {
      conn.sqlite.close();
    }
  });

  it.each([
    [
      'leaves rows pointing at rows that no longer exist',
      `${REBUILD_PARENTS}--> statement-breakpoint\nDELETE FROM parents WHERE id = 'p2';`,
    ],
    [
      'fails half-way',
      'ALTER TABLE parents ADD `note` text;--> statement-breakpoint\nALTER TABLE no_such_table ADD `x` text;',
    ],
  ])('refuses a migration that %s with DB_MIGRATION_FAILED and keeps the database as it was', (_, sql) => {
    const file = withParentsAndChildren();
    const before = schemaOf(file);
    const db = new Database(file);
    db.pragma('foreign_keys = ON');
    try {
      expect(() => migrate(db, migrationsFolder([PARENTS_AND_CHILDREN, sql]))).toThrow(
        expect.objectContaining({ code: 'DB_MIGRATION_FAILED' }),
      );
      expect(db.pragma('user_version', { simple: true })).toBe(1);
      expect(db.prepare('SELECT COUNT(*) AS n FROM parents').get()).toEqual({ n: 2 });
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    } finally {
      db.close();
    }
    expect(schemaOf(file)).toEqual(before);
  });

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
