import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../electron/core/core';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../server/db/connection';
import { startHub, type ListeningHub } from '../../server/hub';
import { createLogger } from '../../server/logger';
import { startCore } from '../support/core';
import { ROOT } from '../support/paths';
import { repWithCodeOn } from '../support/sync';

let hub: ListeningHub;
/** The child bundled once with esbuild: a process then starts in a fraction of tsx's time. */
let childScript: string;

beforeAll(async () => {
  // Inside node_modules so the bundle's bare imports (better-sqlite3, drizzle-orm…) resolve as in the repository.
  childScript = join(ROOT, 'node_modules/.cache/oneteam-tests/sync-child.mjs');
  await build({
    entryPoints: [join(ROOT, 'tests/support/sync-child.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile: childScript,
    // Paths the code derives from its own location (the repository root) stay those of the source file.
    define: { 'import.meta.url': JSON.stringify(pathToFileURL(join(ROOT, 'tests/support/sync-child.ts')).href) },
  });
  hub = await startHub({
    database: { kind: 'pglite', dir: null },
    blobDir: mkdtempSync(join(tmpdir(), 'kill-blobs-')),
    logger: createLogger('silent'),
    host: '127.0.0.1',
    port: 0,
  });
}, 120_000);

afterAll(() => hub?.close());

interface Run {
  captured: number;
  finished: boolean;
}

/** Runs a syncing device process to its end, or to the death it was told to die. */
function runChild(
  dataDir: string,
  options: { killAt: number; mode: 'before' | 'after' | 'during'; captures: number },
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const args = [dataDir, '25', String(options.killAt), options.mode, String(options.captures)];
    const child = spawn(process.execPath, [childScript, ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let captured = 0;
    let finished = false;
    child.stdout.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        const match = /^CAPTURED (\d+)/.exec(line);
        if (match) captured = Number(match[1]);
        if (line === 'DONE') {
          finished = true;
          child.kill('SIGKILL');
        }
      }
    });
    child.on('error', reject);
    child.on('exit', () => resolve({ captured, finished }));
  });
}

function touchpointIds(dataDir: string): string[] {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  const ids = (db.prepare('SELECT id FROM touchpoints ORDER BY id').all() as { id: string }[]).map((row) => row.id);
  db.close();
  return ids;
}

function pendingCount(dataDir: string): number {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  const { n } = db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE state = 'pending'").get() as { n: number };
  db.close();
  return n;
}

/** An enrolled device folder with `captures` visitors waiting in its outbox. */
async function preparedDevice(captures: number): Promise<string> {
  const core = startCore({ demoDatasetFile: undefined, syncIntervalMs: 3_600_000 });
  const code = await repWithCodeOn(hub.database.db, Date.now(), ['kanto']);
  await core.value('sync.enrol', { hubUrl: hub.url, code, deviceName: 'kill test' });
  for (let i = 0; i < 50 && (await core.value('sync.status', {})).state === 'syncing'; i++)
    await new Promise((r) => setTimeout(r, 50));
  const event = await core.value('events.create', {
    name: 'Kill Expo',
    startsOn: '2026-12-01',
    endsOn: '2026-12-01',
    consentText: 'ok',
    consentVersion: 'k1',
  });
  for (let n = 0; n < captures; n++) {
    await core.value('capture.save', {
      eventId: event.id,
      language: 'en',
      fields: {
        familyName: 'Killed',
        givenName: `No${n}`,
        company: `Kill Test ${n % 7} GmbH`,
        emails: [`k${n}@kill${n % 7}.example.com`],
        cardGiven: true,
        consent: { given: true, method: 'verbal' },
      },
    });
  }
  core.close();
  return core.dataDir;
}

describe('a device killed at random points while syncing', () => {
  it('loses nothing and duplicates nothing over at least 50 kills during push, pull and apply', async () => {
    const pusher = await preparedDevice(40);
    const puller = await preparedDevice(0);
    let captured = 40;

    // Reproducible "random" kill points: the n-th request of a run, before it is sent, after
    // the hub answered (the acknowledgement dies with the process), or while the answer is applied.
    let seed = 20261128;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const modes = ['before', 'after', 'during'] as const;
    let kills = 0;
    for (let round = 0; round < 70; round++) {
      const pushing = round % 2 === 0;
      const run = await runChild(pushing ? pusher : puller, {
        killAt: 1 + random(3),
        mode: modes[random(3)] ?? 'before',
        captures: pushing ? 3 : 0,
      });
      captured += run.captured;
      if (!run.finished) kills++;
    }
    expect(kills).toBeGreaterThanOrEqual(50);

    // Recovery: each device syncs to the end, twice (the second run proves nothing is left over).
    for (const device of [pusher, puller, pusher, puller]) {
      expect((await runChild(device, { killAt: 0, mode: 'before', captures: 0 })).finished).toBe(true);
    }
    expect(pendingCount(pusher)).toBe(0);
    const onPusher = touchpointIds(pusher);
    expect(onPusher).toHaveLength(2 * captured);
    expect(touchpointIds(puller)).toEqual(onPusher);
    // The hub holds each touchpoint exactly once.
    const [counts] = await queryRows<{ n: number; d: number }>(
      hub.database.db,
      sql`SELECT COUNT(*)::int AS n, COUNT(DISTINCT id)::int AS d FROM touchpoints`,
    );
    expect(counts).toEqual({ n: 2 * captured, d: 2 * captured });
  }, 600_000);
});
