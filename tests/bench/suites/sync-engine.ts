import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createCore, type Core } from '../../../electron/core/core';
import type { DownloadItem, SyncStatus } from '../../../src/shared/sync-status';
import { freePort, launchHub, seedHub, type RunningHub } from '../../support/hub-process';
import { queueTouchpoints } from '../../support/outbox';
import { MIGRATIONS } from '../../support/paths';
import { summarize } from '../stats';
import type { BenchRow, BenchSuite } from '../types';

const execFileAsync = promisify(execFile);
const TOUCHPOINTS = Number(process.env.BENCH_SYNC_TOUCHPOINTS ?? 100_000);
const BIG_FILE_BYTES = Number(process.env.BENCH_SYNC_FILE_MB ?? 1024) * 1024 * 1024;
const DOWNLOAD_ROUNDS = 3;

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

/** Writes a file of `bytes` (8 MB blocks, each numbered so no two blocks are alike). */
function writeBigFile(path: string, bytes: number): void {
  const fd = openSync(path, 'w');
  const chunk = Buffer.alloc(8 * 1024 * 1024);
  for (let written = 0, n = 0; written < bytes; written += chunk.length, n++) {
    chunk.writeUInt32LE(n, 0);
    writeSync(fd, chunk);
  }
  closeSync(fd);
}

/**
 * Sync measured through the real engine, core to core over loopback HTTP, with the hub in
 * its own process as it runs in production (`npm run hub`, embedded PostgreSQL): one
 * device pushes 100,000 touchpoints, an empty device pulls them, syncs with nothing to
 * do, and then (its disk budget raised) downloads a 1 GB content file; `curl` downloads the
 * same file from the same hub to the same disk.
 */
export const syncEngineSuite: BenchSuite = {
  name: 'sync engine',
  async run() {
    const work = mkdtempSync(join(tmpdir(), 'bench-sync-'));
    const cores: Core[] = [];
    let hub: RunningHub | undefined;
    const rows: BenchRow[] = [];
    try {
      const bigFile = join(work, 'big.bin');
      writeBigFile(bigFile, BIG_FILE_BYTES);
      const reps = [
        { name: 'Rep A', territory: 'kanto' },
        { name: 'Rep B', territory: 'kanto' },
      ];
      const { codes, content: big } = await seedHub(join(work, 'hub'), reps, bigFile, 'video');
      rmSync(bigFile);
      const running = await launchHub(join(work, 'hub'), await freePort());
      hub = running;

      /** A new device, enrolled with the next code; its first sync (started by enrolment) is timed. */
      const enrol = async (dir: string, contentBudgetMb: number) => {
        const code = codes.shift();
        if (!code) throw new Error('no enrolment code left');
        const core = device(join(work, dir));
        cores.push(core);
        await call(core, 'settings.update', { contentBudgetMb });
        const firstSync = await timedSync(core, () =>
          call(core, 'sync.enrol', { hubUrl: running.url, code, deviceName: dir }),
        );
        return { core, firstSync };
      };

      // Device A: one account and 100,000 touchpoints waiting in its outbox, as if captured offline.
      // Its budget leaves the 1 GB file on the hub.
      const { core: a } = await enrol('a', 100);
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
      queueTouchpoints(join(work, 'a'), TOUCHPOINTS, (i) => ({
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
      }));
      const push = await timedSync(a);
      rows.push({
        suite: 'sync',
        metric: `push ${TOUCHPOINTS.toLocaleString('en')} touchpoints through the engine`,
        value: (push.push ?? 0) / 1000,
        unit: 's',
        note: `${Math.round(TOUCHPOINTS / ((push.push ?? 1) / 1000)).toLocaleString('en')} touchpoints/s; batches of up to 1,000 (4 MiB)`,
      });

      // Device B: empty, enrols, pulls everything (the 1 GB file waits over its budget).
      const { core: b, firstSync: firstRun } = await enrol('b-empty', 100);
      const pulled = (await call<{ total: number }>(b, 'accounts.search', { query: 'Bench Load' })).total;
      rows.push({
        suite: 'sync',
        metric: `pull ${TOUCHPOINTS.toLocaleString('en')} touchpoints into an empty device`,
        value: (firstRun.pull ?? 0) / 1000,
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

      // The 1 GB file: the engine's download (part file, SHA-256 while writing, fsync, rename)
      // against curl's, in alternating rounds on a flushed disk (`sync` first: otherwise one
      // pays for writing back what the other wrote). This disk's speed swings by half from one
      // minute to the next, so the medians are compared, not single runs.
      await call(b, 'settings.update', { contentBudgetMb: 4096 });
      const token = readFileSync(join(work, 'b-empty', 'device-token'), 'utf8');
      const stored = join(work, 'b-empty', 'content', big.sha256.slice(0, 2), big.sha256);
      const engineSeconds: number[] = [];
      const curlSeconds: number[] = [];
      const curlDurableSeconds: number[] = [];
      for (let round = 0; round < DOWNLOAD_ROUNDS; round++) {
        rmSync(stored, { force: true });
        await execFileAsync('sync');
        const download = await timedSync(b);
        const downloads = await call<DownloadItem[]>(b, 'sync.downloads', {});
        if (!downloads.some((item) => item.sha256 === big.sha256 && item.state === 'done')) {
          throw new Error(`the 1 GB file was not downloaded: ${JSON.stringify(downloads)}`);
        }
        engineSeconds.push((download.download ?? 0) / 1000);
        rmSync(join(work, 'curl.bin'), { force: true });
        await execFileAsync('sync');
        const curlStart = performance.now();
        await execFileAsync('curl', [
          '-sf',
          '-o',
          join(work, 'curl.bin'),
          '-H',
          `Authorization: Bearer ${token}`,
          `${running.url}/v1/content/blobs/${big.sha256}`,
        ]);
        curlSeconds.push((performance.now() - curlStart) / 1000);
        // The engine's time includes fsync before the file counts as stored; curl's does not.
        await execFileAsync('sync', [join(work, 'curl.bin')]);
        curlDurableSeconds.push((performance.now() - curlStart) / 1000);
      }
      const rate = (seconds: number) => BIG_FILE_BYTES / 1_048_576 / seconds;
      const engineRates = engineSeconds.map(rate);
      const curlRates = curlSeconds.map(rate);
      const engineRate = summarize(engineRates).p50;
      const curlRate = summarize(curlRates).p50;
      const curlDurableRates = curlDurableSeconds.map(rate);
      const curlDurableRate = summarize(curlDurableRates).p50;
      const list = (rates: number[]) => rates.map((r) => r.toFixed(0)).join('/');
      rows.push({
        suite: 'sync',
        metric: '1 GB content download vs curl on the same loopback file',
        value: (100 * engineRate) / curlRate,
        unit: '% of curl',
        target: 80,
        lowerIsBetter: false,
        note: `median of ${DOWNLOAD_ROUNDS} alternating rounds: engine ${engineRate.toFixed(0)} MB/s (${list(engineRates)}) incl. SHA-256 check and fsync; curl ${curlRate.toFixed(0)} MB/s (${list(curlRates)}) to a file on the same disk`,
      });
      rows.push({
        suite: 'sync',
        metric: '1 GB content download vs curl + fsync of its file',
        value: (100 * engineRate) / curlDurableRate,
        unit: '% of curl + fsync',
        note: `the same durability: curl then \`sync FILE\`, ${curlDurableRate.toFixed(0)} MB/s (${list(curlDurableRates)})`,
      });
    } finally {
      for (const core of cores) core.close();
      await hub?.stop();
      rmSync(work, { recursive: true, force: true });
    }
    return rows;
  },
};
