/**
 * The hub as it runs in production (its own process, embedded PostgreSQL in a folder),
 * killed with SIGKILL while a device pushes and while another pulls, then started again
 * on the same folder and address.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../electron/core/core';
import { queryRows } from '../../server/db/connection';
import { createHub, dataDirLayout } from '../../server/hub';
import { createLogger } from '../../server/logger';
import { startCore, type TestCore } from '../support/core';
import { freePort, launchHub, seedHub, type RunningHub } from '../support/hub-process';
import { queueTouchpoints } from '../support/outbox';
import { ROOT, tempDir } from '../support/paths';
import { waitIdle } from '../support/sync';

const QUEUED = 4000;

function device(): TestCore {
  // Only the test's own syncs run (no retry while the hub is down).
  return startCore({
    demoDatasetFile: undefined,
    syncIntervalMs: 3_600_000,
    syncRetryBaseMs: 3_600_000,
    syncPageSize: 250,
  });
}

/** Polls the device's sync status until `ready` holds, then kills the hub. */
async function killWhen(
  core: TestCore,
  hub: RunningHub,
  ready: (status: Awaited<ReturnType<typeof statusOf>>) => boolean,
) {
  for (let i = 0; i < 20_000; i++) {
    if (ready(await statusOf(core))) return hub.kill();
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  throw new Error('the moment to kill the hub never came');
}
const statusOf = (core: TestCore) => core.value('sync.status', {});

describe('a hub killed mid-push and mid-pull', () => {
  it('keeps everything it acknowledged, and the devices finish once it is back, each touchpoint once', async () => {
    const hubDir = join(tempDir('hub-kill-'), 'hub');
    const { codes } = await seedHub(
      hubDir,
      [
        { name: 'Rep A', territory: 'kanto' },
        { name: 'Rep B', territory: 'kanto' },
      ],
      join(ROOT, 'resources/demo/content/00-manufacturing-dx-adoption-guide-v1.pdf'),
    );
    const port = await freePort();
    let hub = await launchHub(hubDir, port);
    const a = device();
    const b = device();
    try {
      await a.value('sync.enrol', { hubUrl: hub.url, code: codes[0]!, deviceName: 'A' });
      await waitIdle(a);
      // A long day offline: one booth capture, and thousands of touchpoints queued behind it.
      const event = await a.value('events.create', {
        name: 'Kill Expo',
        startsOn: '2026-12-01',
        endsOn: '2026-12-01',
        consentText: 'ok',
        consentVersion: 'k1',
      });
      const { accountId, contactId } = await a.value('capture.save', {
        eventId: event.id,
        language: 'en',
        fields: {
          familyName: 'Kill',
          givenName: 'Test',
          company: 'Crash Proof KK',
          emails: ['kill@crash.example.com'],
        },
      });
      queueTouchpoints(a.dataDir, QUEUED, (i) => ({
        accountId,
        occurredAt: Date.now() - i * 1000,
        channel: 'meeting',
        team: 'field_sales',
        stageCode: 'problem_identification',
        summary: `Note ${i}`,
        details: { notes: `note ${i}` },
        author: 'Rep A',
        originDevice: 'kill-test',
        supersedesId: null,
        contactIds: [contactId],
        contentVersionIds: [],
      }));
      const queued = (await statusOf(a)).pending;

      // Mid-push: killed once the hub has acknowledged a batch, with the next ones on their way.
      void a.value('sync.now', {});
      await killWhen(a, hub, (status) => status.pending < queued);
      await waitIdle(a);
      const afterKill = await statusOf(a);
      expect(afterKill.state).toBe('offline');
      expect(afterKill.pending).toBeGreaterThan(0);
      hub = await launchHub(hubDir, port);
      await a.value('sync.now', {});
      await waitIdle(a);
      expect(await statusOf(a)).toMatchObject({ state: 'up_to_date', pending: 0, issues: 0 });

      // Mid-pull: B gets a few pages in, then the hub dies.
      await b.value('sync.enrol', { hubUrl: hub.url, code: codes[1]!, deviceName: 'B' });
      await killWhen(
        b,
        hub,
        (status) => status.state === 'syncing' && status.phase === 'pull' && (status.progress?.done ?? 0) > 0,
      );
      await waitIdle(b);
      expect((await statusOf(b)).state).toBe('offline');
      hub = await launchHub(hubDir, port);
      await b.value('sync.now', {});
      await waitIdle(b);
      expect(await statusOf(b)).toMatchObject({ state: 'up_to_date', issues: 0 });

      const journey = (core: TestCore) => {
        const local = new Database(join(core.dataDir, DATABASE_FILE), { readonly: true });
        try {
          return local
            .prepare('SELECT id FROM touchpoints WHERE account_id = ? ORDER BY id')
            .all(accountId)
            .map((row) => (row as { id: string }).id);
        } finally {
          local.close();
        }
      };
      const onB = journey(b);
      expect(onB.length).toBe(QUEUED + 1);
      expect(new Set(onB).size).toBe(onB.length);

      // On the hub: every touchpoint stored once and logged once.
      await hub.stop();
      const layout = dataDirLayout(hubDir);
      const closed = await createHub({
        database: { kind: 'pglite', dir: layout.pgdata },
        blobDir: layout.blobs,
        logger: createLogger('silent'),
      });
      try {
        const [stored] = await queryRows<{ n: number; ids: number; logged: number }>(
          closed.database.db,
          sql`SELECT COUNT(*)::int AS n, COUNT(DISTINCT id)::int AS ids,
                     (SELECT COUNT(*)::int FROM change_log c WHERE c.kind = 'touchpoint'
                       AND c.entity_id IN (SELECT id FROM touchpoints WHERE account_id = ${accountId})) AS logged
                FROM touchpoints WHERE account_id = ${accountId}`,
        );
        expect(stored).toEqual({ n: QUEUED + 1, ids: QUEUED + 1, logged: QUEUED + 1 });
        const ids = await queryRows<{ id: string }>(
          closed.database.db,
          sql`SELECT id FROM touchpoints WHERE account_id = ${accountId} ORDER BY id`,
        );
        expect(ids.map((row) => row.id)).toEqual(onB);
      } finally {
        await closed.close();
      }
    } finally {
      a.close();
      b.close();
      await hub.stop();
    }
  }, 180_000);
});
