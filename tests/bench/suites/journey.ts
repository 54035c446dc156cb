import Database from 'better-sqlite3';
import { join } from 'node:path';
import { createCore, DATABASE_FILE } from '../../../electron/core/core';
import { MIGRATIONS } from '../../support/paths';
import { measure } from '../stats';
import { territoryDataDir } from '../territory';
import type { BenchRow, BenchSuite } from '../types';

/** 1, 2 and 3+ character queries, Japanese (kanji, kana, half-width), romaji, English, domains, contacts. */
const QUERIES = [
  '山',
  'ト',
  'a',
  'トラ',
  'さと',
  'ac',
  '製作所',
  'トライツ',
  'ﾄﾗｲﾂ',
  'toraitsu',
  'gmbh',
  'co.jp',
  'kenichi',
  'Acme Foods',
];

export const journeySuite: BenchSuite = {
  name: 'accounts & journey',
  async run({ territory: size, workDir }) {
    const started = Date.now();
    const { dataDir, built } = territoryDataDir(workDir, size);
    const buildNote = built ? `territory built in ${((Date.now() - started) / 1000).toFixed(0)} s` : 'territory reused';
    const openStart = Date.now();
    const core = createCore({ dataDir, migrationsFolder: MIGRATIONS, version: 'bench' });
    const openMs = Date.now() - openStart;
    const raw = new Database(join(dataDir, DATABASE_FILE));
    raw.pragma('synchronous = FULL');
    const call = async (method: string, input: unknown) => {
      const result = await core.dispatch(method, input);
      if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
      return result.value;
    };

    const counts = raw
      .prepare(
        'SELECT (SELECT COUNT(*) FROM accounts) a, (SELECT COUNT(*) FROM contacts) c, (SELECT COUNT(*) FROM touchpoints) t',
      )
      .get() as { a: number; c: number; t: number };

    const search = await measure(QUERIES.length * 20, (i) =>
      call('accounts.search', { query: QUERIES[i % QUERIES.length], limit: 100 }),
    );
    const searchFloorStatement = raw.prepare(
      "SELECT id, name FROM accounts WHERE name LIKE '%' || ? || '%' ORDER BY name LIMIT 100",
    );
    const searchFloor = await measure(QUERIES.length * 20, (i) =>
      searchFloorStatement.all(QUERIES[i % QUERIES.length]),
    );

    const whale = raw
      .prepare('SELECT account_id AS id, COUNT(*) AS n FROM touchpoints GROUP BY account_id ORDER BY n DESC LIMIT 1')
      .get() as { id: string; n: number };
    const firstPage = await measure(200, () => call('journey.timeline', { accountId: whale.id, limit: 50 }));
    const pageFloorStatement = raw.prepare(
      'SELECT * FROM touchpoints WHERE account_id = ? ORDER BY occurred_at DESC, id DESC LIMIT 50',
    );
    const pageFloor = await measure(200, () => pageFloorStatement.all(whale.id));
    const overview = await measure(50, () => call('journey.overview', { accountId: whale.id }));

    const contact = raw.prepare('SELECT id FROM contacts WHERE account_id = ? LIMIT 1').get(whale.id) as { id: string };
    const add = await measure(300, (i) =>
      call('touchpoints.add', {
        accountId: whale.id,
        channel: 'meeting',
        stageCode: 'requirements_building',
        summary: `Bench meeting ${i}`,
        notes: 'Agreed on a pilot with two teams.',
        contactIds: [contact.id],
      }),
    );
    const insertTouchpoint = raw.prepare(
      `INSERT INTO touchpoints (id, account_id, occurred_at, channel, team, stage_code, summary, details, author, origin_device, created_at)
       VALUES (?, ?, ?, 'meeting', 'field_sales', 'requirements_building', ?, '{}', 'bench', 'bench', ?)`,
    );
    const insertLink = raw.prepare('INSERT INTO touchpoint_contacts (touchpoint_id, contact_id) VALUES (?, ?)');
    const insertOutbox = raw.prepare(
      "INSERT INTO outbox (id, kind, entity_id, payload, created_at) VALUES (?, 'touchpoint.create', ?, '{}', ?)",
    );
    const rawAdd = raw.transaction((i: number) => {
      const id = `bench-raw-${Date.now()}-${i}`;
      insertTouchpoint.run(id, whale.id, Date.now(), `Raw ${i}`, Date.now());
      insertLink.run(id, contact.id);
      insertOutbox.run(`${id}-o`, id, Date.now());
    });
    const addFloor = await measure(300, (i) => rawAdd(i));

    raw.close();
    core.close();
    const territory = `${counts.a.toLocaleString('en')} accounts, ${counts.c.toLocaleString('en')} contacts, ${counts.t.toLocaleString('en')} touchpoints`;
    const rows: BenchRow[] = [
      {
        suite: 'journey',
        metric: 'territory',
        value: counts.t,
        unit: 'touchpoints',
        note: `${territory}; ${buildNote}`,
      },
      { suite: 'journey', metric: 'core start (open + migrate + search index)', value: openMs, unit: 'ms' },
      {
        suite: 'journey',
        metric: 'account search p95 (1–3+ chars, ja/en)',
        value: search.p95,
        unit: 'ms',
        floor: searchFloor.p95,
        target: 20,
        lowerIsBetter: true,
        note: `p50 ${search.p50.toFixed(2)} ms; floor = SQLite LIKE on the name column only`,
      },
      {
        suite: 'journey',
        metric: `journey first page p95 (account with ${whale.n.toLocaleString('en')} touchpoints)`,
        value: firstPage.p95,
        unit: 'ms',
        floor: pageFloor.p95,
        target: 30,
        lowerIsBetter: true,
        note: 'includes contacts, content refs, contract check',
      },
      {
        suite: 'journey',
        metric: 'journey overview p95 (stages, channels, committee, seen)',
        value: overview.p95,
        unit: 'ms',
      },
      {
        suite: 'journey',
        metric: 'add touchpoint p95 (committed, synchronous=FULL, outbox row)',
        value: add.p95,
        unit: 'ms',
        floor: addFloor.p95,
        target: 5,
        lowerIsBetter: true,
      },
    ];
    return rows;
  },
};
