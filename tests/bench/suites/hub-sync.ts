import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { createGenerator } from '../../../electron/core/demo/generate';
import {
  EnrolResponse,
  MAX_PULL_LIMIT,
  MAX_PUSH_MUTATIONS,
  PullResponse,
  PushResponse,
  type Mutation,
  type MutationPayload,
} from '../../../src/shared/sync-api';
import { createEnrolmentCode } from '../../../server/admin/devices';
import { addTeam, addTerritory, addUser } from '../../../server/admin/people';
import { queryRows } from '../../../server/db/connection';
import { dataDirLayout, startHub } from '../../../server/hub';
import { createLogger } from '../../../server/logger';
import type { BenchRow, BenchSuite } from '../types';

/** The sizes: 100,000 touchpoints one way and the other; 20 devices × 5,000 at once. */
const TOUCHPOINTS = 100_000;
const DEVICES = 20;
const PER_DEVICE = 5_000;

type Touchpoint = MutationPayload<'touchpoint.create'>;

/** The slice of PouchDB's API the baseline uses (PouchDB ships no types of its own). */
interface PouchDatabase {
  bulkDocs(docs: object[]): Promise<unknown>;
  info(): Promise<{ doc_count: number }>;
  replicate: {
    to(target: PouchDatabase, options?: object): Promise<{ docs_written: number }>;
    from(source: PouchDatabase, options?: object): Promise<{ docs_written: number }>;
  };
  destroy(): Promise<unknown>;
}
type PouchConstructor = (new (name: string, options?: object) => PouchDatabase) & {
  plugin(plugin: unknown): PouchConstructor;
  defaults(options: object): PouchConstructor;
};

const seconds = (start: number) => (performance.now() - start) / 1000;

/** Realistic touchpoints from the demo generator, with the accounts and contacts they belong to. */
function journey(count: number) {
  // Asks for 10 % more: the generator spreads touchpoints over accounts and lands near, not on, the total.
  const generator = createGenerator({
    seed: 7,
    accounts: Math.max(50, Math.round(count / 200)),
    touchpoints: Math.ceil(count * 1.1),
  });
  const mutations: { setup: Mutation[]; touchpoints: Touchpoint[] } = { setup: [], touchpoints: [] };
  for (const { account, contacts, touchpoints } of generator.accountBatches()) {
    mutations.setup.push({ mutationId: uuidv7(), kind: 'account.create', payload: account });
    for (const contact of contacts) {
      mutations.setup.push({ mutationId: uuidv7(), kind: 'contact.create', payload: contact });
    }
    for (const t of touchpoints) {
      // Content references are left out: the bench hub has no content catalogue.
      mutations.touchpoints.push({ ...t, originDevice: 'bench', supersedesId: null, contentVersionIds: [] });
    }
  }
  if (mutations.touchpoints.length < count) throw new Error(`generated ${mutations.touchpoints.length} < ${count}`);
  mutations.touchpoints.length = count;
  return {
    ...mutations,
    territories: [
      ...new Set(mutations.setup.flatMap((m) => (m.kind === 'account.create' ? [m.payload.territory] : []))),
    ],
  };
}

export const hubSyncSuite: BenchSuite = {
  name: 'hub sync',
  async run({ territory, workDir }) {
    const count = Math.min(TOUCHPOINTS, territory.touchpoints);
    const perDevice = Math.round((PER_DEVICE * count) / TOUCHPOINTS);
    const rows: BenchRow[] = [];
    const data = journey(count);
    const dir = mkdtempSync(join(workDir, 'hub-sync-'));
    const layout = dataDirLayout(dir);
    const hub = await startHub({
      database: { kind: 'pglite', dir: layout.pgdata },
      blobDir: layout.blobs,
      host: '127.0.0.1',
      port: 0,
      logger: createLogger('silent'),
    });
    const { db } = hub.database;
    const now = Date.now();
    await addTeam(db, { code: 'field', name: 'Field', function: 'field_sales' }, now);
    for (const code of data.territories) await addTerritory(db, { code, name: code }, now);
    let people = 0;
    const enrol = async () => {
      const email = `bench-${(people += 1)}@example.com`;
      await addUser(db, { name: email, email, role: 'rep', team: 'field', territories: data.territories }, now);
      const { code } = await createEnrolmentCode(db, email, now);
      const response = await fetch(`${hub.url}/v1/enrol`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code, deviceName: email }),
      });
      return EnrolResponse.parse(await response.json()).token;
    };
    const push = async (token: string, mutations: readonly Mutation[]) => {
      for (let start = 0; start < mutations.length; start += MAX_PUSH_MUTATIONS) {
        const response = await fetch(`${hub.url}/v1/sync/push`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          // As bytes, like the app's hub client (electron/core/sync/hub-client.ts).
          body: Buffer.from(JSON.stringify({ mutations: mutations.slice(start, start + MAX_PUSH_MUTATIONS) })),
        });
        const { results } = PushResponse.parse(await response.json());
        const refused = results.find((r) => r.status !== 'applied');
        if (refused) throw new Error(`push refused: ${JSON.stringify(refused)}`);
      }
    };
    const asMutations = (touchpoints: Touchpoint[]): Mutation[] =>
      touchpoints.map((payload) => ({ mutationId: uuidv7(), kind: 'touchpoint.create', payload }));

    try {
      const writer = await enrol();
      await push(writer, data.setup);

      // --- ours: push from one device, then pull into an empty device ---------------------
      const batches = asMutations(data.touchpoints);
      let start = performance.now();
      await push(writer, batches);
      const oursPush = seconds(start);

      const reader = await enrol();
      const device = new Database(':memory:');
      device.exec('CREATE TABLE changes (id TEXT PRIMARY KEY, kind TEXT NOT NULL, data TEXT NOT NULL)');
      const upsert = device.prepare('INSERT OR REPLACE INTO changes (id, kind, data) VALUES (?, ?, ?)');
      const applyPage = device.transaction((changes: PullResponse['changes']) => {
        for (const change of changes) {
          const data = change.data as { id?: string; code?: string };
          upsert.run(data.id ?? data.code, change.kind, JSON.stringify(change.data));
        }
      });
      start = performance.now();
      for (let cursor = '0'; ;) {
        const response = await fetch(`${hub.url}/v1/sync/pull?cursor=${cursor}&limit=${MAX_PULL_LIMIT}`, {
          headers: { authorization: `Bearer ${reader}` },
        });
        const page = PullResponse.parse(await response.json());
        applyPage(page.changes);
        cursor = page.cursor;
        if (!page.hasMore) break;
      }
      const oursPull = seconds(start);
      const pulled = (
        device.prepare("SELECT COUNT(*) AS n FROM changes WHERE kind = 'touchpoint'").get() as { n: number }
      ).n;
      device.close();
      if (pulled !== count) throw new Error(`pulled ${pulled} touchpoints, expected ${count}`);

      // --- 20 devices at once ---------------------------------------------------------------
      const devices = [];
      for (let i = 0; i < DEVICES; i++) devices.push(await enrol());
      const accountIds = [...new Set(data.touchpoints.map((t) => t.accountId))];
      const concurrent = devices.map((_, d) =>
        asMutations(
          Array.from({ length: perDevice }, (_, i) => ({
            ...data.touchpoints[(d * perDevice + i) % data.touchpoints.length]!,
            id: uuidv7(),
            accountId: accountIds[(d + i) % accountIds.length]!,
            contactIds: [],
            originDevice: `bench-concurrent-${d}`,
          })),
        ),
      );
      start = performance.now();
      await Promise.all(devices.map((token, d) => push(token, concurrent[d]!)));
      const concurrentSeconds = seconds(start);
      const [stored] = await queryRows<{ n: number; distinct_ids: number; logged: number }>(
        db,
        sql`SELECT COUNT(*)::int AS n, COUNT(DISTINCT t.id)::int AS distinct_ids,
                   (SELECT COUNT(*)::int FROM change_log c JOIN touchpoints t2 ON t2.id = c.entity_id
                     WHERE c.kind = 'touchpoint' AND t2.origin_device LIKE 'bench-concurrent-%') AS logged
            FROM touchpoints t WHERE t.origin_device LIKE 'bench-concurrent-%'`,
      );
      const expected = DEVICES * perDevice;
      const intact = stored?.n === expected && stored.distinct_ids === expected && stored.logged === expected;

      // --- PouchDB: the same documents replicated to an express-pouchdb server -------------
      const require = createRequire(import.meta.url);
      const PouchDB = (require('pouchdb-core') as PouchConstructor)
        .plugin(require('pouchdb-adapter-leveldb'))
        .plugin(require('pouchdb-adapter-memory'))
        .plugin(require('pouchdb-adapter-http'))
        .plugin(require('pouchdb-replication'));
      // Like our hub, the server keeps its data on disk (LevelDB); the devices hold theirs in memory.
      const ServerPouch = PouchDB.defaults({ adapter: 'leveldb', prefix: `${join(dir, 'pouch')}/` });
      mkdirSync(join(dir, 'pouch'));
      const MemoryPouch = PouchDB.defaults({ adapter: 'memory' });
      const expressPouch = require('express-pouchdb') as (
        pouch: unknown,
        options: object,
      ) => {
        listen(port: number, host: string, ready: () => void): Server;
      };
      const server = await new Promise<Server>((resolve) => {
        const listening = expressPouch(ServerPouch, { mode: 'minimumForPouchDB', inMemoryConfig: true }).listen(
          0,
          '127.0.0.1',
          () => resolve(listening),
        );
      });
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const remote = new PouchDB(`http://127.0.0.1:${port}/journey`);
      const local = new MemoryPouch('device-a');
      const docs = data.touchpoints.map(({ id, ...rest }) => ({ _id: id, ...rest }));
      for (let i = 0; i < docs.length; i += 5000) await local.bulkDocs(docs.slice(i, i + 5000));
      start = performance.now();
      const pushed = await local.replicate.to(remote);
      const pouchPush = seconds(start);
      const empty = new MemoryPouch('device-b');
      start = performance.now();
      const pulledPouch = await empty.replicate.from(remote);
      const pouchPull = seconds(start);
      server.close();
      if (pushed.docs_written !== count || pulledPouch.docs_written !== count) {
        throw new Error(`PouchDB replicated ${pushed.docs_written}/${pulledPouch.docs_written} of ${count}`);
      }

      const note = `${count.toLocaleString('en')} touchpoints on loopback; PouchDB server on LevelDB, default replication settings`;
      rows.push(
        {
          suite: 'hub sync',
          metric: 'push, one device',
          value: count / oursPush,
          unit: 'touchpoints/s',
          floor: count / pouchPush,
          note,
        },
        {
          suite: 'hub sync',
          metric: 'push speed-up over PouchDB',
          value: pouchPush / oursPush,
          unit: '×',
          target: 10,
          note: `${oursPush.toFixed(1)} s vs ${pouchPush.toFixed(1)} s`,
        },
        {
          suite: 'hub sync',
          metric: 'pull into an empty device',
          value: count / oursPull,
          unit: 'touchpoints/s',
          floor: count / pouchPull,
          note: 'pages parsed with the shared zod schema and stored in SQLite',
        },
        {
          suite: 'hub sync',
          metric: 'pull speed-up over PouchDB',
          value: pouchPull / oursPull,
          unit: '×',
          target: 15,
          note: `${oursPull.toFixed(1)} s vs ${pouchPull.toFixed(1)} s`,
        },
        {
          suite: 'hub sync',
          metric: `${DEVICES} devices pushing ${perDevice.toLocaleString('en')} each`,
          value: expected / concurrentSeconds,
          unit: 'touchpoints/s',
          note: intact
            ? `all ${expected.toLocaleString('en')} stored and logged once, none lost or duplicated`
            : `LOST OR DUPLICATED: ${JSON.stringify(stored)}`,
        },
      );
      for (const row of rows) console.log(`  ${row.metric}: ${row.value.toFixed(1)} ${row.unit} ${row.note ?? ''}`);
      if (!intact) throw new Error(`concurrent push lost or duplicated rows: ${JSON.stringify(stored)}`);
      return rows;
    } finally {
      await hub.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
