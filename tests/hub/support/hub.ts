import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import {
  EnrolResponse,
  PullResponse,
  PushResponse,
  type Change,
  type Mutation,
  type UserRole,
} from '../../../src/shared/sync-api';
import { createEnrolmentCode } from '../../../server/admin/devices';
import { addTeam, addTerritory, addUser } from '../../../server/admin/people';
import type { DatabaseTarget } from '../../../server/db/connection';
import { createHub, type Hub } from '../../../server/hub';
import { createLogger } from '../../../server/logger';

export type Variant = 'pglite' | 'postgres';

const POSTGRES_URL = process.env.HUB_TEST_DATABASE_URL;

/**
 * Runs `suite` against embedded PGlite always, and against a real PostgreSQL server when
 * HUB_TEST_DATABASE_URL is set. On CI the server variant is mandatory: without the
 * variable its tests fail instead of quietly not running.
 */
export function forEachDatabase(name: string, suite: (variant: Variant) => void): void {
  describe(`${name} [pglite]`, () => suite('pglite'));
  if (POSTGRES_URL || process.env.CI) describe(`${name} [postgres]`, () => suite('postgres'));
  else describe.skip(`${name} [postgres] (set HUB_TEST_DATABASE_URL to run)`, () => suite('postgres'));
}

/** A fresh database of the variant: in-memory PGlite, or a new database on the test server. */
async function freshDatabase(variant: Variant): Promise<{ target: DatabaseTarget; drop(): Promise<void> }> {
  if (variant === 'pglite') return { target: { kind: 'pglite', dir: null }, drop: async () => {} };
  if (!POSTGRES_URL) {
    throw new Error('HUB_TEST_DATABASE_URL is not set: CI must run the hub tests against PostgreSQL (see .ci/run).');
  }
  const name = `hub_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    target: { kind: 'postgres', url: url.toString(), poolSize: 12 },
    drop: async () => {
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export interface Device {
  token: string;
  deviceId: string;
  userId: string;
  email: string;
}

export interface TestHub {
  hub: Hub;
  blobDir: string;
  /** The hub's clock; tests move it instead of waiting. */
  clock: { now: number };
  request(path: string, init?: RequestInit & { token?: string }): Promise<Response>;
  json<T>(path: string, init?: RequestInit & { token?: string }): Promise<{ status: number; body: T }>;
  /** Creates the territories, a user with the role and territories, and enrols a device for them. */
  enrol(options: { territories: string[]; role?: UserRole; name?: string }): Promise<Device>;
  push(device: Device, mutations: readonly Mutation[] | readonly unknown[]): Promise<PushResponse>;
  /** One page after `cursor` (with its `check`, when given). */
  pull(device: Device, cursor?: string, limit?: number, check?: string): Promise<PullResponse>;
  /** Pulls every page from `cursor`; returns all changes and the final cursor with its check. */
  pullAll(
    device: Device,
    cursor?: string,
    limit?: number,
  ): Promise<{ changes: Change[]; cursor: string; check: string | undefined; pages: number }>;
  /** Stops the hub, runs `whileStopped` (copying its database folder, say), and starts it again on the same database. */
  restart(whileStopped: () => void | Promise<void>): Promise<void>;
  close(): Promise<void>;
}

export const START = Date.UTC(2026, 10, 1, 9, 0, 0);

/** Creating an embedded database runs initdb in WebAssembly: seconds, more on a busy 2-core machine. */
export const SETUP_TIMEOUT = 120_000;

/**
 * `pgliteDir`: PGlite keeps its database in this folder (otherwise in memory), so that
 * `restart` can copy it away or put an older copy back while the hub is stopped.
 */
export async function startTestHub(variant: Variant, options: { pgliteDir?: string } = {}): Promise<TestHub> {
  const { target, drop } = options.pgliteDir
    ? { target: { kind: 'pglite', dir: options.pgliteDir } as const, drop: async () => {} }
    : await freshDatabase(variant);
  const blobDir = mkdtempSync(join(tmpdir(), 'hub-blobs-'));
  const clock = { now: START };
  const open = () => createHub({ database: target, blobDir, logger: createLogger('silent'), now: () => clock.now });
  let people = 0;

  const request = (path: string, init: RequestInit & { token?: string } = {}) => {
    const { token, headers, ...rest } = init;
    const all = new Headers(headers);
    if (token) all.set('authorization', `Bearer ${token}`);
    if (rest.body !== undefined && !all.has('content-type')) all.set('content-type', 'application/json');
    return Promise.resolve(testHub.hub.app.request(`http://hub.test${path}`, { ...rest, headers: all }));
  };
  const json = async <T>(path: string, init?: RequestInit & { token?: string }) => {
    const response = await request(path, init);
    return { status: response.status, body: (await response.json()) as T };
  };
  const ok = async <T>(path: string, init: RequestInit & { token?: string }, schema: { parse(v: unknown): T }) => {
    const { status, body } = await json<unknown>(path, init);
    if (status !== 200) throw new Error(`${path} answered ${status}: ${JSON.stringify(body)}`);
    return schema.parse(body);
  };

  const testHub: TestHub = {
    hub: await open(),
    blobDir,
    clock,
    request,
    json,
    async enrol({ territories, role = 'rep', name }) {
      const { db } = testHub.hub.database;
      people += 1;
      await addTeam(db, { code: 'field', name: 'Field sales', function: 'field_sales' }, clock.now);
      for (const code of territories) await addTerritory(db, { code, name: code.toUpperCase() }, clock.now);
      const email = `${name ?? role}-${people}-${uuidv7().slice(-6)}@example.com`;
      const userId = await addUser(
        db,
        { name: name ?? `${role} ${people}`, email, role, team: 'field', territories },
        clock.now,
      );
      const { code } = await createEnrolmentCode(db, email, clock.now);
      const enrolled = await ok(
        '/v1/enrol',
        { method: 'POST', body: JSON.stringify({ code, deviceName: `laptop ${people}` }) },
        EnrolResponse,
      );
      return { token: enrolled.token, deviceId: enrolled.deviceId, userId, email };
    },
    push: (device, mutations) =>
      ok('/v1/sync/push', { method: 'POST', token: device.token, body: JSON.stringify({ mutations }) }, PushResponse),
    pull: (device, cursor = '0', limit = 1000, check) =>
      ok(
        `/v1/sync/pull?cursor=${cursor}&limit=${limit}${check === undefined ? '' : `&check=${check}`}`,
        { token: device.token },
        PullResponse,
      ),
    async pullAll(device, cursor = '0', limit = 1000) {
      const changes: Change[] = [];
      let pages = 0;
      let check: string | undefined;
      for (;;) {
        const page = await testHub.pull(device, cursor, limit, check);
        pages += 1;
        changes.push(...page.changes);
        if (page.hasMore && Number(page.cursor) <= Number(cursor)) {
          throw new Error(`pull did not advance: cursor ${cursor} -> ${page.cursor} with hasMore`);
        }
        cursor = page.cursor;
        check = page.cursorCheck;
        if (!page.hasMore) return { changes, cursor, check, pages };
      }
    },
    async restart(whileStopped) {
      await testHub.hub.close();
      await whileStopped();
      testHub.hub = await open();
    },
    async close() {
      await testHub.hub.close();
      await drop();
      rmSync(blobDir, { recursive: true, force: true });
    },
  };
  return testHub;
}
