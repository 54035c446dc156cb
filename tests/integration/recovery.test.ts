import {
  closeSync,
  cpSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../electron/core/core';
import { startCore, type TestCore } from '../support/core';
import { MIGRATIONS, tempDir } from '../support/paths';

const GARBAGE = 'definitely not SQLite '.repeat(500);

describe('an unreadable database', () => {
  it('puts the core in recovery mode instead of crashing, and starting fresh keeps the old file', async () => {
    const dataDir = tempDir();
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, DATABASE_FILE), GARBAGE);
    const core = startCore({ dataDir });

    const status = await core.value('app.status', {});
    expect(status).toMatchObject({ state: 'recovery', error: { code: 'DB_CORRUPT' } });
    expect(await core.dispatch('accounts.search', {})).toMatchObject({ ok: false, error: { code: 'DB_UNAVAILABLE' } });

    const { movedTo } = await core.value('app.recover', { action: 'start_fresh' });
    expect(readFileSync(movedTo, 'utf8')).toBe(GARBAGE);
    expect(existsSync(join(dataDir, DATABASE_FILE))).toBe(true);
    expect((await core.value('app.status', {})).state).toBe('ready');
    expect((await core.value('accounts.search', {})).total).toBe(300);
    expect(await core.dispatch('app.recover', { action: 'start_fresh' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    core.close();
  });
});

/** A device with one capture that exists only here (its outbox rows are pending). */
async function deviceWithUnsyncedCapture(): Promise<string> {
  const dataDir = tempDir();
  const core = startCore({ dataDir, demoDatasetFile: undefined });
  const event = await core.value('events.create', {
    name: 'Recovery Expo',
    startsOn: '2026-12-01',
    endsOn: '2026-12-01',
    consentText: 'OK to contact',
    consentVersion: 'r-1',
  });
  await core.value('capture.save', {
    eventId: event.id,
    language: 'ja',
    fields: { familyName: '未同期', givenName: '一', emails: ['one@unsynced.example.jp'] },
  });
  core.close();
  return dataDir;
}

function captureCount(dataDir: string): number {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  const { n } = db.prepare('SELECT COUNT(*) AS n FROM captures').get() as { n: number };
  db.close();
  return n;
}

/** Start fresh is refused with the failure's own code, and the database stays where it is, untouched. */
async function expectNoStartFresh(core: TestCore, code: string): Promise<void> {
  expect(await core.value('app.status', {})).toMatchObject({ state: 'recovery', error: { code } });
  expect(await core.dispatch('app.recover', { action: 'start_fresh' })).toMatchObject({ ok: false, error: { code } });
  expect(await core.value('app.status', {})).toMatchObject({ state: 'recovery', error: { code } });
  expect(readdirSync(core.dataDir).filter((name) => name.includes('.unreadable-'))).toEqual([]);
}

describe('an intact database the app cannot open', () => {
  it('is never moved aside when a newer app wrote it: the answer is to update', async () => {
    const dataDir = await deviceWithUnsyncedCapture();
    // A newer build migrated it one step further; then this older build was reinstalled.
    const db = new Database(join(dataDir, DATABASE_FILE));
    db.pragma(`user_version = ${(db.pragma('user_version', { simple: true }) as number) + 1}`);
    db.close();
    const older = startCore({ dataDir });
    try {
      await expectNoStartFresh(older, 'DB_TOO_NEW');
    } finally {
      older.close();
    }
    expect(captureCount(dataDir)).toBe(1);
  });

  it('is never moved aside when a migration failed on it', async () => {
    const dataDir = await deviceWithUnsyncedCapture();
    const folder = join(tempDir('migrations-'), 'drizzle');
    cpSync(MIGRATIONS, folder, { recursive: true });
    const journalFile = join(folder, 'meta/_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: Record<string, unknown>[] };
    const last = journal.entries.at(-1) as { idx: number; when: number };
    journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1, tag: '9999_broken' });
    writeFileSync(journalFile, JSON.stringify(journal));
    writeFileSync(join(folder, '9999_broken.sql'), 'ALTER TABLE no_such_table ADD `x` text;');
    const updated = startCore({ dataDir, migrationsFolder: folder });
    try {
      await expectNoStartFresh(updated, 'DB_MIGRATION_FAILED');
    } finally {
      updated.close();
    }
    expect(captureCount(dataDir)).toBe(1);
  });

  it('reports damage SQLite finds only after opening as DB_CORRUPT, which may start fresh', async () => {
    const dataDir = tempDir();
    startCore({ dataDir }).close();
    const file = join(dataDir, DATABASE_FILE);
    const db = new Database(file);
    db.pragma('wal_checkpoint(TRUNCATE)');
    const { rootpage } = db.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'accounts'").get() as {
      rootpage: number;
    };
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    db.close();
    // The header and schema are fine (the open and the migration check pass); the accounts table's root page is not.
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(pageSize, 0xff), 0, pageSize, (rootpage - 1) * pageSize);
    closeSync(fd);
    const core = startCore({ dataDir });
    try {
      expect(await core.value('app.status', {})).toMatchObject({ state: 'recovery', error: { code: 'DB_CORRUPT' } });
      const { movedTo } = await core.value('app.recover', { action: 'start_fresh' });
      expect(existsSync(movedTo)).toBe(true);
      expect((await core.value('app.status', {})).state).toBe('ready');
    } finally {
      core.close();
    }
  });
});
