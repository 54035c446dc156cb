/**
 * The hub's migrations (server/drizzle, applied by server/db/connection.ts): append-only,
 * tested from an empty database and from every earlier version with rows present, and a
 * database written by a newer hub build is refused.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { EnrolResponse, HealthResponse, PullResponse, PushResponse } from '../../src/shared/sync-api';
import { createEnrolmentCode } from '../../server/admin/devices';
import {
  MIGRATIONS_FOLDER,
  openDatabase,
  queryRows,
  type DatabaseTarget,
  type Queryable,
} from '../../server/db/connection';
import { assertOnlyKnownMigrations, knownMigrations } from '../../server/db/migration-guard';
import { createHub } from '../../server/hub';
import { createLogger } from '../../server/logger';
import { forEachDatabase, SETUP_TIMEOUT, START, startTestHub, type Variant } from './support/hub';
import { accountCreate } from './support/mutations';

/**
 * Every shipped migration: the sha256 of its file (what drizzle records in
 * drizzle.__drizzle_migrations) and its journal `when`. A SHIPPED MIGRATION MUST NEVER BE
 * EDITED, nor its `when` moved: hubs in the field have applied it, so an edit never reaches
 * them, and drizzle re-runs a migration whose `when` moved past the newest it recorded.
 * Add a new migration instead (drizzle-kit generate), then add its line here.
 */
const SHIPPED: Record<string, { sha256: string; when: number }> = {
  '0000_initial.sql': {
    sha256: 'e7abcbbbce170bdf3b82c8f57b1f1c9307690ad538501a7e081d9a2caf115390',
    when: 1795850898503,
  },
  '0001_seed.sql': { sha256: '09afb2571dff8ace0c8d706bcb8de70ab4f62d50f2cf12cb61d0c4c757ccca04', when: 1795850900434 },
  '0002_touchpoint_json.sql': {
    sha256: 'ad59fc528ec7ef10193543c045bfdc423edb78d2f0b940f55c028c13c2419faf',
    when: 1795891547517,
  },
  '0003_change_log_write_id.sql': {
    sha256: '6c297b36bd72e18e80ba992e401653fb4300fb6d267a4ad84f5ffb9dca5bb0ac',
    when: 1795901600360,
  },
};

interface JournalEntry {
  idx: number;
  version: string;
  when: number;
  tag: string;
  breakpoints: boolean;
}
const JOURNAL = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8')) as {
  entries: JournalEntry[];
};

const USER_ID = '0190a000-0000-7000-8000-000000000001';
const ACCOUNT_ID = 'migration-account-1';

/**
 * Representative rows for the tables each migration creates, inserted into a database
 * left at that version or later. When a migration adds a table or a column, add rows here.
 * (No change_log rows at 0000: 0001_seed numbers its own entries 1–7.)
 */
const ROWS: Record<string, string[]> = {
  '0000_initial': [
    `INSERT INTO teams (code, name, function, created_at) VALUES ('field', 'Field sales', 'field_sales', ${START})`,
    `INSERT INTO territories (code, name, created_at) VALUES ('kanto', 'Kanto', ${START})`,
    `INSERT INTO users (id, name, email, role, team_code, created_at)
       VALUES ('${USER_ID}', 'Rep One', 'rep1@example.com', 'rep', 'field', ${START})`,
    `INSERT INTO user_territories (user_id, territory_code) VALUES ('${USER_ID}', 'kanto')`,
    `INSERT INTO events (id, name, venue, starts_on, ends_on, booth, questions, consent_text, consent_version, products, created_at)
       VALUES ('migration-event-1', 'Expo', 'Tokyo Big Sight', '2026-11-01', '2026-11-03', 'A-1', '[]', 'We may contact you.', 'v1', '[]', ${START})`,
  ],
  '0001_seed': [
    `INSERT INTO accounts (id, name, name_kana, domains, industry, size, region, territory, stage_code, business_notes, industry_notes, created_at, updated_at)
       VALUES ('${ACCOUNT_ID}', 'Tokai Precision', NULL, '["tokai-precision.co.jp"]', 'manufacturing', '100-499', 'JP', 'kanto', 'adoption', 'notes', '', ${START}, ${START})`,
    `INSERT INTO contacts (id, account_id, name, name_kana, title, department, role, emails, phones, consent, created_at, updated_at)
       VALUES ('migration-contact-1', '${ACCOUNT_ID}', 'Sato Kenichi', NULL, 'Manager', NULL, 'decision_maker', '["sato@tokai-precision.co.jp"]', '[]', 'granted', ${START}, ${START})`,
    `INSERT INTO touchpoints (id, account_id, occurred_at, channel, team, stage_code, summary, details, author, origin_device, supersedes_id, contact_ids, content_version_ids, created_at)
       VALUES ('migration-touchpoint-1', '${ACCOUNT_ID}', ${START}, 'meeting', 'field_sales', 'adoption', '訪問',
               '{"notes": "納期の相談", "rating": 4, "nested": {"a": [1, 2]}}', 'Rep One', 'laptop', NULL,
               '["migration-contact-1"]', '[]', ${START})`,
    `INSERT INTO change_log (seq, kind, entity_id, territory) VALUES
       (8, 'account', '${ACCOUNT_ID}', 'kanto'), (9, 'contact', 'migration-contact-1', 'kanto'),
       (10, 'touchpoint', 'migration-touchpoint-1', 'kanto')`,
  ],
  '0003_change_log_write_id': [
    `INSERT INTO change_log (seq, kind, entity_id, territory, write_id)
       VALUES (11, 'account', '${ACCOUNT_ID}', 'kanto', 1234567)`,
  ],
};

/** A copy of this build's migrations folder holding only `entries` (and `extra`, a migration of a newer build). */
function migrationsFolder(entries: JournalEntry[], extra?: { tag: string; sql: string }): string {
  const folder = join(mkdtempSync(join(tmpdir(), 'hub-migrations-')), 'drizzle');
  mkdirSync(join(folder, 'meta'), { recursive: true });
  const all = [...entries];
  for (const entry of entries) {
    writeFileSync(join(folder, `${entry.tag}.sql`), readFileSync(join(MIGRATIONS_FOLDER, `${entry.tag}.sql`)));
  }
  if (extra) {
    const last = JOURNAL.entries.at(-1)!;
    all.push({ ...last, idx: last.idx + 1, when: last.when + 1000, tag: extra.tag });
    writeFileSync(join(folder, `${extra.tag}.sql`), extra.sql);
  }
  writeFileSync(join(folder, 'meta/_journal.json'), JSON.stringify({ ...JOURNAL, entries: all }));
  return folder;
}

interface Raw {
  db: Queryable;
  /** drizzle's migrator with this folder, as the build that shipped it ran it. */
  migrate(folder: string): Promise<void>;
  close(): Promise<void>;
}

/** A database that survives being closed (a PGlite directory, or a new database on the test server). */
async function scratchDatabase(
  variant: Variant,
): Promise<{ target: DatabaseTarget; raw(): Promise<Raw>; drop(): Promise<void> }> {
  if (variant === 'pglite') {
    const home = mkdtempSync(join(tmpdir(), 'hub-migrations-db-'));
    const dir = join(home, 'pgdata');
    return {
      target: { kind: 'pglite', dir },
      async raw() {
        const client = await PGlite.create(dir);
        const db = drizzlePglite(client);
        return {
          db: db as unknown as Queryable,
          migrate: (folder) => migratePglite(db, { migrationsFolder: folder }),
          close: () => client.close(),
        };
      },
      drop: async () => rmSync(home, { recursive: true, force: true }),
    };
  }
  const server = process.env.HUB_TEST_DATABASE_URL;
  if (!server) throw new Error('HUB_TEST_DATABASE_URL is not set');
  const name = `hub_test_${randomBytes(6).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: server });
    await client.connect();
    await client.query(statement);
    await client.end();
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    target: { kind: 'postgres', url: url.toString(), poolSize: 4 },
    async raw() {
      const pool = new pg.Pool({ connectionString: url.toString(), max: 1 });
      const db = drizzleNodePg(pool);
      return {
        db: db as unknown as Queryable,
        migrate: (folder) => migrateNodePg(db, { migrationsFolder: folder }),
        close: () => pool.end(),
      };
    },
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/** Runs `use` on a raw connection to the database, then closes it. */
async function withRaw<T>(database: { raw(): Promise<Raw> }, use: (raw: Raw) => Promise<T>): Promise<T> {
  const raw = await database.raw();
  try {
    return await use(raw);
  } finally {
    await raw.close();
  }
}

async function insertRows(db: Queryable, entries: readonly JournalEntry[]): Promise<void> {
  for (const { tag } of entries) {
    for (const statement of ROWS[tag] ?? []) await db.execute(sql.raw(statement));
  }
}

const stable = (row: Record<string, unknown>, columns: readonly string[]) =>
  JSON.stringify(columns.map((column) => row[column]));

/** Every row of every table, as JSON text per table (with its columns), to compare across an upgrade. */
async function snapshot(db: Queryable): Promise<Map<string, { columns: string[]; rows: Record<string, unknown>[] }>> {
  const columns = await queryRows<{ table_name: string; column_name: string }>(
    db,
    sql`SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema IN ('public', 'drizzle') ORDER BY table_schema, table_name, ordinal_position`,
  );
  const tables = new Map<string, { columns: string[]; rows: Record<string, unknown>[] }>();
  for (const { table_name: table, column_name: column } of columns) {
    const entry = tables.get(table) ?? { columns: [], rows: [] };
    entry.columns.push(column);
    tables.set(table, entry);
  }
  for (const [table, entry] of tables) {
    const schema = table === '__drizzle_migrations' ? 'drizzle' : 'public';
    const rows = await queryRows<{ row: string }>(
      db,
      sql`SELECT to_jsonb(t)::text AS row FROM ${sql.identifier(schema)}.${sql.identifier(table)} t`,
    );
    entry.rows = rows
      .map((r) => JSON.parse(r.row) as Record<string, unknown>)
      .sort((a, b) => stable(a, entry.columns).localeCompare(stable(b, entry.columns)));
  }
  return tables;
}

async function appliedHashes(db: Queryable): Promise<string[]> {
  const rows = await queryRows<{ hash: string }>(db, sql`SELECT hash FROM drizzle.__drizzle_migrations ORDER BY id`);
  return rows.map((row) => row.hash);
}

type Snapshot = Awaited<ReturnType<typeof snapshot>>;

/**
 * Starts the hub on `target` (migrating it to this build), checks it serves (health, enrol,
 * pull, push) and answers every row it then holds.
 */
async function checkHubServes(target: DatabaseTarget, expectAccount: boolean, hubIdBefore?: string): Promise<Snapshot> {
  const blobDir = mkdtempSync(join(tmpdir(), 'hub-migrations-blobs-'));
  const hub = await createHub({ database: target, blobDir, logger: createLogger('silent'), now: () => START });
  try {
    const call = async (path: string, init: RequestInit & { token?: string } = {}) => {
      const { token, ...rest } = init;
      const headers = new Headers({ 'content-type': 'application/json' });
      if (token) headers.set('authorization', `Bearer ${token}`);
      const response = await hub.app.request(`http://hub.test${path}`, { ...rest, headers });
      expect(response.status, path).toBe(200);
      return response.json() as Promise<unknown>;
    };
    const health = HealthResponse.parse(await call('/healthz'));
    if (hubIdBefore) expect(health.hubId).toBe(hubIdBefore);
    expect(await appliedHashes(hub.database.db)).toEqual(knownMigrations(MIGRATIONS_FOLDER).map((m) => m.hash));

    const { code } = await createEnrolmentCode(hub.database.db, 'rep1@example.com', START);
    const device = EnrolResponse.parse(
      await call('/v1/enrol', { method: 'POST', body: JSON.stringify({ code, deviceName: 'laptop' }) }),
    );
    const pulled = PullResponse.parse(await call('/v1/sync/pull?cursor=0&limit=1000', { token: device.token }));
    expect(pulled.changes.filter((change) => change.kind === 'stage')).toHaveLength(7);
    expect(pulled.changes.some((change) => change.kind === 'account' && change.data.id === ACCOUNT_ID)).toBe(
      expectAccount,
    );
    const touchpoint = pulled.changes.find((change) => change.kind === 'touchpoint');
    expect(touchpoint?.data).toEqual(
      expectAccount
        ? expect.objectContaining({
            details: { notes: '納期の相談', rating: 4, nested: { a: [1, 2] } },
            contactIds: ['migration-contact-1'],
            contentVersionIds: [],
          })
        : undefined,
    );
    const pushed = PushResponse.parse(
      await call('/v1/sync/push', {
        method: 'POST',
        token: device.token,
        body: JSON.stringify({ mutations: [accountCreate({ territory: 'kanto' })] }),
      }),
    );
    expect(pushed.results.map((result) => result.status)).toEqual(['applied']);
    return await snapshot(hub.database.db);
  } finally {
    await hub.close();
    rmSync(blobDir, { recursive: true, force: true });
  }
}

forEachDatabase('hub migrations', (variant) => {
  it(
    'from an empty database every migration applies and the hub serves',
    async () => {
      const testHub = await startTestHub(variant);
      try {
        expect(await appliedHashes(testHub.hub.database.db)).toEqual(
          knownMigrations(MIGRATIONS_FOLDER).map((m) => m.hash),
        );
        const device = await testHub.enrol({ territories: ['kanto'] });
        const { changes } = await testHub.pullAll(device);
        expect(changes.filter((change) => change.kind === 'stage')).toHaveLength(7);
        const { results } = await testHub.push(device, [accountCreate()]);
        expect(results.map((result) => result.status)).toEqual(['applied']);
      } finally {
        await testHub.close();
      }
    },
    SETUP_TIMEOUT,
  );

  // Up to and including the current version: the last case reopens a database of this build.
  for (const [index, entry] of JOURNAL.entries.entries()) {
    it(
      `from version ${index + 1} (${entry.tag}) with rows in it: every row survives and the hub serves`,
      async () => {
        const applied = JOURNAL.entries.slice(0, index + 1);
        const database = await scratchDatabase(variant);
        try {
          const before = await withRaw(database, async (raw) => {
            await raw.migrate(migrationsFolder(applied));
            await insertRows(raw.db, applied);
            return snapshot(raw.db);
          });
          expect(before.get('users')?.rows, 'the fixture rows are in place').toHaveLength(1);
          const hubIdBefore = before.get('hub_meta')?.rows.find((row) => row.key === 'hub_id')?.value;

          const after = await checkHubServes(
            database.target,
            applied.some((e) => e.tag === '0001_seed'),
            typeof hubIdBefore === 'string' ? hubIdBefore : undefined,
          );
          for (const [table, { columns, rows }] of before) {
            const kept = new Set(after.get(table)?.rows.map((row) => stable(row, columns)));
            const lost = rows.filter((row) => !kept.has(stable(row, columns)));
            expect(lost, `rows of ${table} lost or changed by the upgrade`).toEqual([]);
          }
        } finally {
          await database.drop();
        }
      },
      SETUP_TIMEOUT,
    );
  }

  it(
    'refuses a database migrated by a newer hub build with DB_TOO_NEW, and changes nothing',
    async () => {
      const database = await scratchDatabase(variant);
      try {
        const before = await withRaw(database, async (raw) => {
          const newer = migrationsFolder(JOURNAL.entries, {
            tag: '9999_newer_hub',
            sql: 'ALTER TABLE "teams" ADD COLUMN "region" text NOT NULL DEFAULT \'jp\';',
          });
          await raw.migrate(newer);
          await insertRows(raw.db, JOURNAL.entries);
          return snapshot(raw.db);
        });

        const refused = await openDatabase(database.target).then(
          async (opened) => {
            await opened.close();
            return null;
          },
          (error: unknown) => error,
        );
        expect(refused).toMatchObject({
          code: 'DB_TOO_NEW',
          message: expect.stringMatching(/newer hub build[\s\S]*Run the newer hub version/),
        });
        if (database.target.kind === 'pglite') expect(existsSync(`${database.target.dir}.lock`)).toBe(false);

        expect(await withRaw(database, (raw) => snapshot(raw.db))).toEqual(before);
      } finally {
        await database.drop();
      }
    },
    SETUP_TIMEOUT,
  );
});

describe('hub migrations: what this build knows', () => {
  const known = knownMigrations(MIGRATIONS_FOLDER);
  const hashOf = (tag: string) => known[JOURNAL.entries.findIndex((entry) => entry.tag === tag)]!.hash;

  it('pins every shipped migration: never edit one, add a new migration instead', () => {
    const files = JOURNAL.entries.map((entry) => `${entry.tag}.sql`);
    expect(files, 'a shipped migration was removed, or a new one lacks its line in SHIPPED').toEqual(
      Object.keys(SHIPPED),
    );
    for (const entry of JOURNAL.entries) {
      const text = readFileSync(join(MIGRATIONS_FOLDER, `${entry.tag}.sql`));
      const pinned = SHIPPED[`${entry.tag}.sql`];
      expect(createHash('sha256').update(text).digest('hex'), `${entry.tag}.sql was edited`).toBe(pinned?.sha256);
      expect(entry.when, `the journal's when of ${entry.tag} moved`).toBe(pinned?.when);
      // The hash drizzle records is the same one (it hashes the file's text).
      expect(hashOf(entry.tag)).toBe(pinned?.sha256);
    }
    expect(Object.keys(ROWS).every((tag) => JOURNAL.entries.some((entry) => entry.tag === tag))).toBe(true);
  });

  it('accepts a database holding only migrations of this build (any prefix of them)', () => {
    for (let count = 0; count <= known.length; count++) {
      const applied = known.slice(0, count).map((m) => ({ hash: m.hash, createdAt: m.folderMillis }));
      expect(() => assertOnlyKnownMigrations(applied, known)).not.toThrow();
    }
  });

  it('refuses a migration this build lacks even when it is not newer (another build, or an edited migration)', () => {
    const applied = [
      {
        hash: '65df6eacd7d211ca766b34602893a16fdee5a392e4239b41a062bda209a94a0a',
        createdAt: known[0]!.folderMillis - 1,
      },
      { hash: known[1]!.hash, createdAt: known[1]!.folderMillis },
    ];
    expect(() => assertOnlyKnownMigrations(applied, known)).toThrow(
      expect.objectContaining({ code: 'DB_TOO_NEW', message: expect.stringContaining('65df6eacd7d2') }),
    );
    // A known file whose journal `when` a newer build moved forward is newer too.
    const moved = [{ hash: known[0]!.hash, createdAt: known.at(-1)!.folderMillis + 1 }];
    expect(() => assertOnlyKnownMigrations(moved, known)).toThrow(expect.objectContaining({ code: 'DB_TOO_NEW' }));
  });
});
