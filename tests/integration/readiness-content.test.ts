import Database from 'better-sqlite3';
import { cpSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { unprotectedWorkCount } from '../../electron/core/capture/unsynced';
import { dropUnusedBlobs, neededBlobs } from '../../electron/core/content/blobs';
import { recordFile } from '../../electron/core/content/file-states';
import { DATABASE_FILE } from '../../electron/core/core';
import { downloadContent } from '../../electron/core/sync/downloads';
import { RefusedFiles } from '../../electron/core/sync/refused-files';
import type { HubClient } from '../../electron/core/sync/hub-client';
import { readiness } from '../../electron/core/sync/readiness';
import type { ReadinessCheck } from '../../src/shared/readiness';
import { startCore } from '../support/core';
import { tempDir } from '../support/paths';
import { openContext, startContentCore, testClock, type OpenContext } from './content-setup';

const clock = testClock();
let template: string;
let open: OpenContext | undefined;

beforeAll(() => {
  const core = startContentCore(clock);
  template = core.dataDir;
  core.close();
}, 90_000);

afterEach(() => {
  open?.close();
  open = undefined;
});

/** The sync engine's view of a device that has been through first run (demo data and files). */
function demoDevice(): OpenContext['ctx'] {
  const dir = tempDir();
  cpSync(template, dir, { recursive: true });
  open = openContext(dir, clock);
  return open.ctx;
}

const check = (r: { checks: ReadinessCheck[] }, id: string) => r.checks.find((c) => c.id === id)!;
const lastEvent = (ctx: OpenContext['ctx']) =>
  (ctx.conn.sqlite.prepare('SELECT id FROM events ORDER BY starts_on DESC LIMIT 1').get() as { id: string }).id;

describe('readiness of content, and the download budget', () => {
  it('does not ask for a retired item, whose file the download phase deletes', () => {
    const ctx = demoDevice();
    const eventId = lastEvent(ctx);
    expect(check(readiness(ctx, { eventId }), 'content').ok).toBe(true);

    // Marketing retires a single-version item; the pull applies it, then the download phase drops its file.
    const row = ctx.conn.sqlite
      .prepare(`SELECT item_id, id FROM content_versions GROUP BY item_id HAVING COUNT(*) = 1 ORDER BY item_id LIMIT 1`)
      .get() as { item_id: string; id: string };
    ctx.conn.sqlite.prepare("UPDATE content_versions SET approval = 'retired' WHERE id = ?").run(row.id);
    ctx.library.load(ctx.conn.sqlite);
    dropUnusedBlobs(ctx);
    // Nothing is left to download: the sync can never make the device "ready" again.
    expect(neededBlobs(ctx)).toEqual([]);
    expect(ctx.library.item(row.item_id, ctx.now())!.shown.problem).toBe('retired');

    const content = check(readiness(ctx, { eventId }), 'content');
    expect(content.ok).toBe(true);
  });

  it('does not ask for an expired item after a download phase deleted its file', () => {
    const ctx = demoDevice();
    const eventId = lastEvent(ctx);
    expect(check(readiness(ctx, { eventId }), 'content').ok).toBe(true);
    // What every sync run does before downloading: delete files no current or upcoming version uses.
    dropUnusedBlobs(ctx);
    expect(neededBlobs(ctx)).toEqual([]);
    const content = check(readiness(ctx, { eventId }), 'content');
    expect(content.ok).toBe(true);
  });

  it('fails an item whose intact file cannot be presented (unrenderable)', () => {
    const ctx = demoDevice();
    const eventId = lastEvent(ctx);
    const now = ctx.now();
    // A presentable PDF version in the library.
    const version = ctx.library
      .search({ query: '', presentableOnly: true, offset: 0, limit: 200 }, now)
      .items.map((item) => ctx.library.get(item.shown.versionId)!)
      .find((v) => v.mime === 'application/pdf')!;
    // The viewer reported it cannot render it (content.reportProblem does exactly this).
    recordFile(ctx, version.sha256, version.size, 'unrenderable');
    expect(ctx.library.item(version.itemId, now)!.shown.problem).toBe('unrenderable');

    const content = check(readiness(ctx, { eventId }), 'content');
    expect(content.ok).toBe(false);
  });

  it('flags a deck item whose content was retired', () => {
    const ctx = demoDevice();
    const eventId = lastEvent(ctx);
    // The rep's deck with one current item (what decks.save writes).
    const item = ctx.library.search({ query: '', presentableOnly: true, offset: 0, limit: 1 }, ctx.now()).items[0]!;
    ctx.conn.sqlite
      .prepare("INSERT INTO decks (id, name, created_at, updated_at) VALUES ('deck-1', 'Visit deck', 0, 0)")
      .run();
    ctx.conn.sqlite
      .prepare("INSERT INTO deck_items (deck_id, position, item_id, version_id) VALUES ('deck-1', 0, ?, ?)")
      .run(item.itemId, item.shown.versionId);
    const deckItem = { itemId: item.itemId } as { itemId: string } | undefined;
    expect(deckItem).toBeDefined();
    expect(check(readiness(ctx, { eventId }), 'deck_validity').ok).toBe(true);
    // Marketing retires every version of the item (the pull applies it).
    ctx.conn.sqlite.prepare("UPDATE content_versions SET approval = 'retired' WHERE item_id = ?").run(deckItem!.itemId);
    ctx.library.load(ctx.conn.sqlite);
    const decks = check(readiness(ctx, { eventId }), 'deck_validity');
    expect(decks.ok).toBe(false);
  });

  it('counts a damaged file that is downloaded again once against the budget', async () => {
    const ctx = demoDevice();
    dropUnusedBlobs(ctx);
    const hashes = ctx.content.hashes();
    const stored = hashes.reduce((sum, sha) => sum + statSync(ctx.content.pathOf(sha)).size, 0);
    // A stored file gets damaged on disk, and the viewer's hash check records it as corrupted.
    const sha = hashes[0]!;
    const good = readFileSync(ctx.content.pathOf(sha));
    writeFileSync(ctx.content.pathOf(sha), Buffer.alloc(good.length, 7));
    recordFile(ctx, sha, good.length, 'corrupted');
    expect(neededBlobs(ctx).map((b) => b.sha256)).toEqual([sha]);

    const client = {
      blob: async () => ({
        status: 200,
        body: (async function* () {
          yield new Uint8Array(good);
        })(),
        text: async () => '',
        cancel: () => {},
      }),
    } as unknown as HubClient;
    // The budget holds exactly what is stored now: replacing the damaged file needs no extra room.
    const outcome = await downloadContent(ctx, client, stored, new RefusedFiles(), () => {});
    expect(outcome.items[0]!.state).toBe('done');
  });

  it('counts a change queued after an export as unprotected, even for an exported contact', async () => {
    const core = startCore();
    try {
      const event = await core.value('events.create', {
        name: 'Export Expo',
        startsOn: '2026-12-01',
        endsOn: '2026-12-02',
        consentText: 'OK to contact',
        consentVersion: 'e-1',
      });
      await core.value('capture.save', {
        eventId: event.id,
        language: 'en',
        fields: {
          familyName: 'Export',
          givenName: 'Visitor',
          company: 'Exported Co',
          emails: ['visitor@exported.example.com'],
          match: { contactId: null, accountId: null },
        },
      });
      await core.value('capture.export', { eventId: null, password: 'correct horse battery' });

      const db = new Database(join(core.dataDir, DATABASE_FILE));
      const { contact_id: contactId } = db.prepare('SELECT contact_id FROM captures').get() as { contact_id: string };
      // A sync later acknowledged everything; the hub then reported a conflict on the contact's title.
      db.prepare("UPDATE outbox SET state = 'done'").run();
      db.prepare(
        `INSERT INTO sync_issues (id, kind, mutation_id, entity, entity_id, field, yours, theirs, kept, reason, message, created_at)
       VALUES ('issue-1', 'conflict', 'm-1', 'contact', ?, 'title', ?, ?, 'theirs', NULL, NULL, ?)`,
      ).run(
        contactId,
        JSON.stringify({ value: 'CTO', hlc: '1764000000000-0000-dev-a' }),
        JSON.stringify({ value: 'CIO', hlc: '1764000000001-0000-dev-b' }),
        Date.now(),
      );
      // The rep picks their own value: a new contact.update waits for the hub, in no export.
      await core.value('sync.resolve', { issueId: 'issue-1', choice: 'mine' });
      const pending = db.prepare("SELECT kind, entity_id FROM outbox WHERE state = 'pending'").all();
      expect(pending).toHaveLength(1);
      // Sign-out (sync.signOut) is allowed exactly when this is 0.
      expect(unprotectedWorkCount(db)).toBe(1);
      db.close();
    } finally {
      core.close();
    }
  });
});
