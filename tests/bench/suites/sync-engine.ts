import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { v7 as uuidv7 } from 'uuid';
import { createCore, type Core } from '../../../electron/core/core';
import type { SyncStatus } from '../../../src/shared/sync-status';
import { publishContent } from '../../../server/admin/content';
import { startHub } from '../../../server/hub';
import { createLogger } from '../../../server/logger';
import { MIGRATIONS } from '../../support/paths';
import { repWithCodeOn } from '../../support/sync';
import { summarize } from '../stats';
import type { BenchRow, BenchSuite } from '../types';

const execFileAsync = promisify(execFile);
const TOUCHPOINTS = Number(process.env.BENCH_SYNC_TOUCHPOINTS ?? 100_000);
const BIG_FILE_BYTES = Number(process.env.BENCH_SYNC_FILE_MB ?? 1024) * 1024 * 1024;

async function call<T>(core: Core, method: string, input: unknown): Promise<T> {
  const result = await core.dispatch(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

/**
 * Runs one sync (started by `start`, by default "Sync now") and returns the time spent in
 * each phase, from the engine's own status events.
 */
async function timedSync(
  core: Core,
  start: () => Promise<unknown> = () => call(core, 'sync.now', {}),
): Promise<Record<string, number>> {
  const phases: Record<string, number> = {};
  let phase = 'start';
  let since = performance.now();
  const started = since;
  const done = new Promise<void>((resolve) => {
    const stop = core.subscribe((event, payload) => {
      if (event !== 'sync.status') return;
      const status = payload as SyncStatus;
      const next = status.state === 'syncing' ? (status.phase ?? 'idle') : 'end';
      if (next === phase) return;
      const now = performance.now();
      phases[phase] = (phases[phase] ?? 0) + now - since;
      phase = next;
      since = now;
      if (next === 'end') {
        stop();
        resolve();
      }
    });
  });
  await start();
  await done;
  phases.total = performance.now() - started;
  return phases;
}

function device(dataDir: string): Core {
  return createCore({
    dataDir,
    migrationsFolder: MIGRATIONS,
    version: 'bench',
    syncIntervalMs: 3_600_000,
    syncPageSize: 5_000,
  });
}

/**
 * Sync measured through the real engine, core to core over loopback HTTP: one device
 * pushes 100,000 touchpoints, an empty device pulls them, an up-to-date device syncs
 * with nothing to do, and a 1 GB content file downloads next to `curl` fetching the
 * same file from the same hub.
 */
export const syncEngineSuite: BenchSuite = {
  name: 'sync engine',
  async run() {
    const work = mkdtempSync(join(tmpdir(), 'bench-sync-'));
    const hub = await startHub({
      database: { kind: 'pglite', dir: null },
      blobDir: join(work, 'blobs'),
      logger: createLogger('silent'),
      host: '127.0.0.1',
      port: 0,
      maxBodyBytes: 64 * 1024 * 1024,
    });
    const rows: BenchRow[] = [];
    try {
      /** A new device, enrolled; its first sync (started by enrolment) is timed. */
      const enrol = async (dir: string) => {
        const core = device(join(work, dir));
        const code = await repWithCodeOn(hub.database.db, Date.now(), ['kanto']);
        const firstSync = await timedSync(core, () =>
          call(core, 'sync.enrol', { hubUrl: hub.url, code, deviceName: dir }),
        );
        return { core, firstSync };
      };

      // Device A: one account and 100,000 touchpoints waiting in its outbox, as if captured offline.
      const { core: a } = await enrol('a');
      const event = await call<{ id: string }>(a, 'events.create', {
        name: 'Bench',
        startsOn: '2026-12-01',
        endsOn: '2026-12-01',
        consentText: 'ok',
        consentVersion: 'b',
      });
      const capture = await call<{ accountId: string; contactId: string }>(a, 'capture.save', {
        eventId: event.id,
        language: 'en',
        fields: {
          familyName: 'Bench',
          givenName: 'Visitor',
          company: 'Bench Load GmbH',
          emails: ['bench@load.example.com'],
        },
      });
      const sqlite = (await import('better-sqlite3')).default;
      const db = new sqlite(join(work, 'a', 'oneteam.db'));
      const insert = db.prepare(
        "INSERT INTO outbox (id, kind, entity_id, payload, created_at) VALUES (?, 'touchpoint.create', ?, ?, ?)",
      );
      db.transaction(() => {
        for (let i = 0; i < TOUCHPOINTS; i++) {
          const id = uuidv7();
          const payload = {
            id,
            accountId: capture.accountId,
            occurredAt: Date.now() - i * 1000,
            channel: 'web_visit',
            team: 'marketing',
            stageCode: 'problem_identification',
            summary: `Visited the pricing page (${i})`,
            details: { url: 'https://example.com/pricing' },
            author: 'Marketing Automation',
            originDevice: 'bench',
            supersedesId: null,
            contactIds: [capture.contactId],
            contentVersionIds: [],
          };
          insert.run(uuidv7(), id, JSON.stringify(payload), Date.now());
        }
      })();
      db.close();
      const push = await timedSync(a);
      rows.push({
        suite: 'sync',
        metric: `push ${TOUCHPOINTS.toLocaleString('en')} touchpoints through the engine`,
        value: (push.push ?? 0) / 1000,
        unit: 's',
        note: `${Math.round(TOUCHPOINTS / ((push.push ?? 1) / 1000)).toLocaleString('en')} touchpoints/s; batches of 500`,
      });

      // Device B: empty, enrols, pulls everything.
      const { core: b, firstSync: pullRun } = await enrol('b-empty');
      const pulled = (await call<{ total: number }>(b, 'accounts.search', { query: 'Bench Load' })).total;
      rows.push({
        suite: 'sync',
        metric: `pull ${TOUCHPOINTS.toLocaleString('en')} touchpoints into an empty device`,
        value: (pullRun.pull ?? 0) / 1000,
        unit: 's',
        note: `first sync after enrolment pulled the account (${pulled}) and its journey; pages of 5,000`,
      });

      // Nothing to do: the common case while a rep works online.
      const idle: number[] = [];
      for (let i = 0; i < 20; i++) idle.push((await timedSync(b)).total ?? 0);
      const idleTiming = summarize(idle);
      rows.push({
        suite: 'sync',
        metric: 'incremental sync with nothing to do, p95',
        value: idleTiming.p95,
        unit: 'ms',
        target: 100,
        lowerIsBetter: true,
        note: `p50 ${idleTiming.p50.toFixed(1)} ms (push, pull, downloads check, report)`,
      });

      // A 1 GB content file: the engine's download against curl on the same loopback file.
      const big = join(work, 'big.bin');
      const fd = openSync(big, 'w');
      const chunk = Buffer.alloc(8 * 1024 * 1024);
      for (let written = 0, n = 0; written < BIG_FILE_BYTES; written += chunk.length, n++) {
        chunk.writeUInt32LE(n, 0);
        writeSync(fd, chunk);
      }
      closeSync(fd);
      const version = await publishContent(
        hub.database.db,
        hub.blobs,
        {
          file: big,
          kind: 'video',
          title: 'One gigabyte',
          language: 'en',
          mime: 'video/mp4',
          pageCount: null,
          tags: {},
          keyMessages: [],
          validFrom: Date.now() - 1000,
          validUntil: null,
          approver: 'bench',
        },
        Date.now(),
      );
      rmSync(big);
      await call(b, 'settings.update', { contentBudgetMb: 4096 });
      const download = await timedSync(b);
      const engineSeconds = (download.download ?? 0) / 1000;
      const token = (await import('node:fs')).readFileSync(join(work, 'b-empty', 'device-token'), 'utf8');
      const curlStart = performance.now();
      // Asynchronous: the hub answering curl runs in this very process.
      await execFileAsync('curl', [
        '-sf',
        '-o',
        '/dev/null',
        '-H',
        `Authorization: Bearer ${token}`,
        `${hub.url}/v1/content/blobs/${version.sha256}`,
      ]);
      const curlSeconds = (performance.now() - curlStart) / 1000;
      const engineRate = BIG_FILE_BYTES / 1_048_576 / engineSeconds;
      const curlRate = BIG_FILE_BYTES / 1_048_576 / curlSeconds;
      rows.push({
        suite: 'sync',
        metric: '1 GB content download vs curl on the same loopback file',
        value: (100 * engineRate) / curlRate,
        unit: '% of curl',
        target: 80,
        lowerIsBetter: false,
        note: `engine ${engineRate.toFixed(0)} MB/s incl. SHA-256 check and fsync; curl ${curlRate.toFixed(0)} MB/s to /dev/null`,
      });
      a.close();
      b.close();
    } finally {
      await hub.close();
      rmSync(work, { recursive: true, force: true });
    }
    return rows;
  },
};
