import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { EnrolResponse, PullResponse, PushResponse, type Change } from '../../src/shared/sync-api';
import { readDatasetFile } from '../../electron/core/demo/load';
import { DEMO_DATASET } from '../../server/admin/demo';
import { accountCreate, touchpointCreate } from './support/mutations';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** As `npm run hub` runs it: one Node process (so SIGTERM reaches the hub's own handler). */
const NODE = [process.execPath, '--import', 'tsx'] as const;
const TIMEOUT = 180_000;

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

function finished(child: ChildProcess): Promise<Finished> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

const admin = (...args: string[]) =>
  finished(
    spawn(NODE[0], [...NODE.slice(1), 'server/admin/cli.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: '' },
    }),
  );

/** `npm run hub` as a process: resolves with its URL once it printed READY. */
function startHubProcess(dataDir: string): Promise<{ child: ChildProcess; url: string; done: Promise<Finished> }> {
  const child = spawn(NODE[0], [...NODE.slice(1), 'server/main.ts', '--data-dir', dataDir, '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'debug' },
  });
  const done = finished(child);
  return new Promise((resolve, reject) => {
    let seen = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const ready = /^READY (http:\/\/127\.0\.0\.1:\d+)$/m.exec(seen);
      if (ready?.[1]) resolve({ child, url: ready[1], done });
    });
    void done.then((result) => reject(new Error(`the hub exited early: ${JSON.stringify(result)}`)));
  });
}

describe('the hub as processes: two-step demo, lock, graceful shutdown, admin CLI', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hub-process-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it(
    'loads the demo, serves it to an enrolled device, refuses a second process and drains on SIGTERM',
    async () => {
      const help = await admin('--help');
      expect(help.code).toBe(0);
      // A request size limit that is not a positive number would switch the limit off: refused with the usage.
      const badLimit = await finished(
        spawn(NODE[0], [...NODE.slice(1), 'server/main.ts', '--data-dir', dataDir, '--max-body-mb', 'abc'], {
          cwd: ROOT,
          env: { ...process.env, DATABASE_URL: '' },
        }),
      );
      expect(badLimit.code).toBe(2);
      expect(badLimit.stderr).toContain('usage: npm run hub');
      for (const command of [
        'demo',
        'territory add',
        'user add',
        'enrol',
        'device revoke',
        'health',
        'import',
        'export',
        'content publish',
        'content retire',
      ]) {
        expect(help.stdout).toContain(command);
      }

      const demo = await admin('demo', '--data-dir', dataDir, '--territory', 'kanto');
      expect(demo.code).toBe(0);
      const code = /Enrolment code[^:]*: ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(demo.stdout)?.[1];
      expect(code).toBeDefined();

      const hub = await startHubProcess(dataDir);
      const locked = await admin('health', '--data-dir', dataDir);
      expect(locked.code).toBe(1);
      expect(locked.stderr).toContain('DB_UNAVAILABLE');

      const enrolled = EnrolResponse.parse(
        await (
          await fetch(`${hub.url}/v1/enrol`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ code, deviceName: 'demo laptop' }),
          })
        ).json(),
      );
      expect(enrolled.scope).toEqual({ all: false, territories: ['kanto'] });
      const auth = { authorization: `Bearer ${enrolled.token}` };
      const changes: Change[] = [];
      for (let cursor = '0'; ;) {
        const page = PullResponse.parse(
          await (await fetch(`${hub.url}/v1/sync/pull?cursor=${cursor}&limit=5000`, { headers: auth })).json(),
        );
        changes.push(...page.changes);
        cursor = page.cursor;
        if (!page.hasMore) break;
      }
      const dataset = readDatasetFile(DEMO_DATASET);
      const kanto = dataset.batches.filter((b) => b.account.territory === 'kanto');
      const count = (kind: Change['kind']) => changes.filter((c) => c.kind === kind).length;
      expect(count('account')).toBe(kanto.length);
      expect(count('contact')).toBe(kanto.reduce((sum, b) => sum + b.contacts.length, 0));
      expect(count('touchpoint')).toBe(kanto.reduce((sum, b) => sum + b.touchpoints.length, 0));
      expect(count('content_version')).toBe(dataset.contentVersions.length);
      expect(count('event')).toBe(dataset.events.length);

      // SIGTERM while a push is in flight: the push completes, then the process exits cleanly.
      const account = accountCreate({ territory: 'kanto' });
      const accountId = (account.payload as { id: string }).id;
      const batch = [account, ...Array.from({ length: 999 }, () => touchpointCreate(accountId))];
      const inFlight = fetch(`${hub.url}/v1/sync/push`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ mutations: batch }),
      });
      // Signal only once the hub has logged that it received the push (it takes a while to apply).
      await new Promise<void>((resolve) => {
        const watch = (chunk: Buffer) => {
          if (!chunk.toString().includes('"path":"/v1/sync/push","msg":"request received"')) return;
          hub.child.stderr?.off('data', watch);
          resolve();
        };
        hub.child.stderr?.on('data', watch);
      });
      hub.child.kill('SIGTERM');
      const pushed = PushResponse.parse(await (await inFlight).json());
      expect(pushed.results.filter((r) => r.status === 'applied')).toHaveLength(1000);
      expect((await hub.done).code).toBe(0);

      const health = await admin('health', '--data-dir', dataDir, '--json');
      expect(health.code).toBe(0);
      expect(JSON.parse(health.stdout)).toEqual([
        expect.objectContaining({
          deviceId: enrolled.deviceId,
          deviceName: 'demo laptop',
          lastPushAt: expect.any(Number),
        }),
      ]);
      const again = await admin('demo', '--data-dir', dataDir);
      expect(again.stdout).toContain('already loaded');
    },
    TIMEOUT,
  );
});
