import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { ContactMatcher } from '../../electron/core/capture/matcher';
import { addVerifiedBlob } from '../../electron/core/content/blobs';
import { openContent } from '../../electron/core/content/open-content';
import type { CoreContext } from '../../electron/core/context';
import { DATABASE_FILE } from '../../electron/core/core';
import { openDatabase } from '../../electron/core/db/connection';
import { AccountSearchIndex } from '../../electron/core/search/account-index';
import { startCore, type TestCore } from '../support/core';
import { MIGRATIONS, ROOT, tempDir } from '../support/paths';

export const DEMO_CONTENT = join(ROOT, 'resources/demo/content');

/** A clock the test moves: presenter timing without waiting for real seconds. */
export interface Clock {
  now: number;
  advance(ms: number): number;
}

export function testClock(start = Date.now()): Clock {
  const clock: Clock = {
    now: start,
    advance(ms) {
      clock.now += ms;
      return clock.now;
    },
  };
  return clock;
}

/** The real core over a data folder (demo dataset and files on first run), on the test's clock. */
export function startContentCore(clock: Clock, dataDir = tempDir()): TestCore {
  return startCore({ dataDir, now: () => clock.now });
}

export interface OpenContext {
  ctx: CoreContext;
  events: { event: string; payload: unknown }[];
  close(): void;
}

/**
 * The core's context over an existing data folder, for calling content modules directly
 * (the sync engine's view). The core using that folder must be closed first.
 */
export function openContext(dataDir: string, clock: Clock): OpenContext {
  const conn = openDatabase({ file: join(dataDir, DATABASE_FILE), migrationsFolder: MIGRATIONS });
  const events: { event: string; payload: unknown }[] = [];
  const ctx: CoreContext = {
    conn,
    accountIndex: new AccountSearchIndex(),
    matcher: new ContactMatcher(),
    dataDir,
    deviceId: 'test-device',
    now: () => clock.now,
    emit: (event, payload) => events.push({ event, payload }),
    ...openContent(dataDir, conn.sqlite),
  };
  return { ctx, events, close: () => conn.sqlite.close() };
}

export interface NewVersion {
  itemId?: string;
  kind?: 'pdf' | 'image' | 'video';
  version?: number;
  title: string;
  sha256: string;
  size: number;
  mime: string;
  pageCount: number | null;
  validFrom: number;
  validUntil?: number | null;
  approval?: string;
}

/** Adds a version as a pull from the hub would (item created when new), and reloads the library. */
export function addVersion(ctx: CoreContext, version: NewVersion): { itemId: string; versionId: string } {
  const sqlite = ctx.conn.sqlite;
  const itemId = version.itemId ?? `item-${version.title.replace(/\W+/g, '-')}`;
  sqlite
    .prepare('INSERT OR IGNORE INTO content_items (id, kind, created_at) VALUES (?, ?, ?)')
    .run(itemId, version.kind ?? 'pdf', version.validFrom);
  const versionId = `${itemId}-v${version.version ?? 1}`;
  sqlite
    .prepare(
      `INSERT INTO content_versions (id, item_id, version, title, language, approval, valid_from, valid_until, sha256, size,
                                     mime, page_count, tags, key_messages, approved_by, created_at)
       VALUES (?, ?, ?, ?, 'en', ?, ?, ?, ?, ?, ?, ?, ?, ?, 'Marketing', ?)`,
    )
    .run(
      versionId,
      itemId,
      version.version ?? 1,
      version.title,
      version.approval ?? 'approved',
      version.validFrom,
      version.validUntil ?? null,
      version.sha256,
      version.size,
      version.mime,
      version.pageCount,
      JSON.stringify({ stages: ['adoption'], industries: ['energy'], roles: ['user'], products: ['platform'] }),
      JSON.stringify(['A key message']),
      version.validFrom,
    );
  ctx.library.load(sqlite);
  return { itemId, versionId };
}

/** Brings a file in the way a download arrives: written to the store's part file, then adopted. */
export function download(ctx: CoreContext, source: string, sha256: string) {
  const part = ctx.content.partPath(sha256);
  copyFileSync(source, part);
  return addVerifiedBlob(ctx, part, sha256);
}
