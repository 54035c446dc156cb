import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../../src/shared/sync-api';
import { v7 as uuidv7 } from 'uuid';
import { contactUpdate, hlc, mutationId } from './support/mutations';
import { exportCsv, neutraliseFormula } from '../../server/admin/csv-export';
import { importFile, type ImportKind } from '../../server/admin/import/import-records';
import { formatOf } from '../../server/admin/import/read-rows';
import { forEachDatabase, SETUP_TIMEOUT, startTestHub, type Device, type TestHub } from './support/hub';

const ACCOUNTS_CSV = `external_id,name,name_kana,domains,industry,size,region,territory,stage,business_notes
A-1,東海精密株式会社,トウカイセイミツ,tokai-seimitsu.co.jp,manufacturing,100-499,JP,kanto,solution_exploration,受注生産型
A-2,Rhein Logistik GmbH,,rhein-logistik.de;rhein.de,logistics,500+,DE,dach,,
A-3,"=HYPERLINK(""http://evil.example"",""click"")",,evil.example,retail,1-99,JP,kanto,,"+cmd|' /C calc'!A0"
`;

const CONTACTS_JSON = JSON.stringify([
  {
    external_id: 'C-1',
    account_external_id: 'A-1',
    name: '佐藤 健一',
    emails: 'kenichi.sato@tokai-seimitsu.co.jp',
    role: 'champion',
  },
  {
    external_id: 'C-2',
    account_domain: 'rhein.de',
    name: 'Anna Weber',
    emails: ['anna.weber@rhein.de'],
    consent: 'granted',
  },
  { external_id: 'C-3', account_domain: 'evil.example', name: '@SUM(1+1)', emails: '' },
]);

const TOUCHPOINTS_CSV = `external_id,contact_email,account_domain,occurred_at,channel,summary,url,campaign
W-1,kenichi.sato@tokai-seimitsu.co.jp,,2026-10-01T09:00:00Z,web_visit,Visited the pricing page,https://example.com/pricing,
W-2,anna.weber@rhein.de,,1761955200000,webinar,Attended the logistics webinar,,autumn-webinar
W-3,,rhein-logistik.de,2026-10-02T10:00:00+02:00,email,Opened the newsletter,,newsletter-10
`;

describe('CSV export cells', () => {
  it('neutralises every formula trigger and leaves ordinary text alone', () => {
    expect(['=1+1', '+81 3 1234', '-2+3', '@SUM(A1)', '\tx', '\rx'].map(neutraliseFormula)).toEqual([
      "'=1+1",
      "'+81 3 1234",
      "'-2+3",
      "'@SUM(A1)",
      "'\tx",
      "'\rx",
    ]);
    expect(['東海精密', 'a=b', '', 'x@y.jp'].map(neutraliseFormula)).toEqual(['東海精密', 'a=b', '', 'x@y.jp']);
  });
});

forEachDatabase('imports', (variant) => {
  let t: TestHub;
  let kanto: Device;
  let dir: string;
  const file = (name: string, text: string | Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const run = (kind: ImportKind, path: string, dryRun = false, source = 'marketo') =>
    importFile(t.hub.database.db, { kind, file: path, format: formatOf(path), source, dryRun, now: t.clock.now });
  const visible = async (device: Device) => {
    const { changes } = await t.pullAll(device);
    const of = (kind: Change['kind']) =>
      changes.filter((c) => c.kind === kind).map((c) => c.data as Record<string, unknown>);
    return { accounts: of('account'), contacts: of('contact'), touchpoints: of('touchpoint') };
  };

  beforeAll(async () => {
    t = await startTestHub(variant);
    kanto = await t.enrol({ territories: ['kanto', 'dach'] });
    dir = mkdtempSync(join(tmpdir(), 'hub-import-'));
  }, SETUP_TIMEOUT);
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('dry-runs, imports, and re-imports idempotently accounts, contacts and marketing touchpoints', async () => {
    const accounts = file('accounts.csv', ACCOUNTS_CSV);
    const dry = await run('accounts', accounts, true);
    expect(dry).toEqual({
      kind: 'accounts',
      rows: 3,
      created: 3,
      updated: 0,
      unchanged: 0,
      errors: [],
      applied: false,
    });
    expect((await visible(kanto)).accounts).toEqual([]);

    expect(await run('accounts', accounts)).toMatchObject({ created: 3, applied: true });
    expect(await run('contacts', file('contacts.json', CONTACTS_JSON))).toMatchObject({ created: 3, applied: true });
    expect(await run('touchpoints', file('touchpoints.csv', TOUCHPOINTS_CSV))).toMatchObject({
      created: 3,
      applied: true,
    });

    const seen = await visible(kanto);
    expect(seen.accounts.map((a) => a.name)).toEqual([
      '東海精密株式会社',
      'Rhein Logistik GmbH',
      '=HYPERLINK("http://evil.example","click")',
    ]);
    expect(seen.accounts[0]).toMatchObject({
      nameKana: 'トウカイセイミツ',
      territory: 'kanto',
      stageCode: 'solution_exploration',
      businessNotes: '受注生産型',
    });
    expect(seen.accounts[1]).toMatchObject({
      domains: ['rhein-logistik.de', 'rhein.de'],
      stageCode: 'problem_identification',
    });
    expect(seen.contacts.map((c) => [c.name, c.accountId])).toEqual([
      ['佐藤 健一', seen.accounts[0]!.id],
      ['Anna Weber', seen.accounts[1]!.id],
      ['@SUM(1+1)', seen.accounts[2]!.id],
    ]);
    expect(seen.touchpoints.map((tp) => [tp.summary, tp.accountId, tp.contactIds, tp.team])).toEqual([
      ['Visited the pricing page', seen.accounts[0]!.id, [seen.contacts[0]!.id], 'marketing'],
      ['Attended the logistics webinar', seen.accounts[1]!.id, [seen.contacts[1]!.id], 'marketing'],
      ['Opened the newsletter', seen.accounts[1]!.id, [], 'marketing'],
    ]);
    expect(seen.touchpoints[0]).toMatchObject({
      occurredAt: Date.parse('2026-10-01T09:00:00Z'),
      stageCode: 'solution_exploration',
      details: { url: 'https://example.com/pricing', source: 'marketo', externalId: 'W-1' },
    });

    const { cursor } = await t.pullAll(kanto);
    expect(await run('accounts', accounts)).toMatchObject({ created: 0, updated: 0, unchanged: 3, applied: true });
    expect(await run('contacts', file('contacts.json', CONTACTS_JSON))).toMatchObject({ unchanged: 3 });
    expect(await run('touchpoints', file('touchpoints.csv', TOUCHPOINTS_CSV))).toMatchObject({ unchanged: 3 });
    expect((await t.pullAll(kanto, cursor)).changes).toEqual([]);

    // A changed row updates its record and moves the field clock, so devices take the new value.
    const changed = ACCOUNTS_CSV.replace('solution_exploration,受注生産型', 'supplier_selection,受注生産型');
    expect(await run('accounts', file('accounts-2.csv', changed))).toMatchObject({ updated: 1, unchanged: 2 });
    const update = (await t.pullAll(kanto, cursor)).changes;
    expect(update).toEqual([
      expect.objectContaining({
        kind: 'account',
        data: expect.objectContaining({
          stageCode: 'supplier_selection',
          clocks: { stageCode: expect.stringMatching(/-hub$/) },
        }),
      }),
    ]);
    // The same external ids from another system are other records.
    expect(await run('accounts', accounts, true, 'hubspot')).toMatchObject({ created: 3 });
  });

  it('moves an account to another territory with its contacts and journey', async () => {
    const kansai = await t.enrol({ territories: ['kansai'] });
    expect((await visible(kansai)).accounts).toEqual([]);
    const moved = ACCOUNTS_CSV.replace(',JP,kanto,solution_exploration,', ',JP,kansai,solution_exploration,');
    expect(await run('accounts', file('moved.csv', moved))).toMatchObject({ updated: 1, unchanged: 2, applied: true });
    const seen = await visible(kansai);
    expect(seen.accounts.map((a) => [a.name, a.territory])).toEqual([['東海精密株式会社', 'kansai']]);
    expect(seen.contacts.map((c) => c.name)).toEqual(['佐藤 健一']);
    expect(seen.touchpoints.map((tp) => tp.summary)).toEqual(['Visited the pricing page']);
    // The territory it left gets none of it any more, even pulling from the start (a new laptop).
    const left = await visible(kanto);
    expect(left.accounts.map((a) => a.name)).not.toContain('東海精密株式会社');
    expect(left.contacts.map((c) => c.name)).not.toContain('佐藤 健一');
    expect(left.touchpoints.map((tp) => tp.summary)).not.toContain('Visited the pricing page');
  });

  it("moves a contact to another territory's account with its consent and follow-ups", async () => {
    const kansai = await t.enrol({ territories: ['kansai'] });
    expect(
      await run('accounts', file('kansai.csv', 'external_id,name,territory\nK-1,関西電機株式会社,kansai\n')),
    ).toMatchObject({
      created: 1,
      applied: true,
    });
    const anna = (await visible(kanto)).contacts.find((c) => c.name === 'Anna Weber');
    if (!anna) throw new Error('Anna Weber was not imported');
    const about = { contactId: anna.id as string, eventId: null };
    const results = await t.push(kanto, [
      {
        mutationId: mutationId(),
        kind: 'consent.record',
        payload: {
          ...about,
          id: uuidv7(),
          textVersion: 'booth-2026',
          method: 'verbal',
          grantedAt: t.clock.now,
          rep: 'Rep K',
        },
      },
      {
        mutationId: mutationId(),
        kind: 'followup.create',
        payload: {
          ...about,
          id: uuidv7(),
          kind: 'meeting',
          contentVersionIds: [],
          status: 'open',
          note: 'Demo at the Osaka office',
          author: 'Rep K',
          createdAt: t.clock.now,
        },
      },
    ]);
    expect(results.results.map((r) => r.status)).toEqual(['applied', 'applied']);

    const moved = JSON.stringify([{ external_id: 'C-2', account_external_id: 'K-1', name: 'Anna Weber' }]);
    expect(await run('contacts', file('moved-contact.json', moved))).toMatchObject({ updated: 1, applied: true });
    const { changes } = await t.pullAll(kansai);
    const of = (kind: Change['kind']) =>
      changes.filter((c) => c.kind === kind).map((c) => c.data as Record<string, unknown>);
    // (The account moved to kansai above brings its own contact along.)
    expect(of('contact').map((c) => c.name)).toContain('Anna Weber');
    expect(of('consent').map((c) => [c.contactId, c.textVersion])).toEqual([[anna.id, 'booth-2026']]);
    expect(of('followup').map((f) => [f.contactId, f.note])).toEqual([[anna.id, 'Demo at the Osaka office']]);
  });

  it('reports every broken row with its line and writes nothing', async () => {
    const { cursor } = await t.pullAll(kanto);
    const broken = `external_id,name,territory,stage
B-1,Good Row KK,kanto,
B-3,Too,many,fields,here
B-4,,kanto,
B-5,Nowhere Inc,atlantis,
B-6,Bad Stage KK,kanto,no_such_stage
B-1,Repeat KK,kanto,
B-2,"Unclosed quote,kanto,
`;
    const report = await run('accounts', file('broken.csv', broken));
    expect(report.applied).toBe(false);
    expect(report.errors.map((e) => e.row)).toEqual([3, 4, 5, 6, 7, 8]);
    const message = (row: number) => report.errors.find((e) => e.row === row)?.message;
    expect(message(3)).toMatch(/record length/i);
    expect(message(4)).toMatch(/name/);
    expect(message(5)).toMatch(/atlantis/);
    expect(message(6)).toMatch(/no_such_stage/);
    expect(message(7)).toMatch(/repeats row 2/);
    expect(message(8)).toMatch(/quote/i);
    expect((await t.pullAll(kanto, cursor)).changes).toEqual([]);

    const contacts = await run(
      'contacts',
      file(
        'bad-contacts.json',
        JSON.stringify([{ external_id: 'X', account_domain: 'unknown.example', name: 'Nobody' }, { name: 'no id' }]),
      ),
    );
    expect(contacts.errors).toEqual([
      { row: 1, message: expect.stringContaining('unknown.example') },
      { row: 2, message: expect.stringContaining('external_id') },
    ]);
    expect(contacts.applied).toBe(false);
  });

  it('keeps what the hub has for an empty cell, consent recorded at a booth since included', async () => {
    const accounts = `external_id,name,name_kana,domains,territory\nE-1,Empty Cells KK,エンプティ,empty.example;empty.jp,kanto\n`;
    expect(await run('accounts', file('empty-1.csv', accounts))).toMatchObject({ applied: true, created: 1 });
    const contacts = `external_id,account_external_id,name,emails,phones,consent\nEC-1,E-1,Ann Empty,ann@empty.example,+81311112222,\n`;
    expect(await run('contacts', file('empty-2.csv', contacts))).toMatchObject({ applied: true, created: 1 });
    const { contacts: before } = await visible(kanto);
    const ann = before.find((c) => c.name === 'Ann Empty')!;
    expect(ann.consent).toBe('unknown');
    // A rep records consent at a booth; marketing re-imports its export, whose cells are empty.
    const pushed = await t.push(kanto, [
      contactUpdate(String(ann.id), { consent: { value: 'granted', hlc: hlc(t.clock.now, 'booth'), baseHlc: null } }),
    ]);
    expect(pushed.results[0]).toMatchObject({ status: 'applied' });
    const emptied = 'external_id,account_external_id,name,emails,phones,consent\nEC-1,E-1,Ann Empty,,,\n';
    expect(await run('contacts', file('empty-3.csv', emptied))).toMatchObject({ applied: true, unchanged: 1 });
    const sameAccount = 'external_id,name,name_kana,domains,territory\nE-1,Empty Cells KK,,,kanto\n';
    expect(await run('accounts', file('empty-4.csv', sameAccount))).toMatchObject({ applied: true, unchanged: 1 });
    const after = await visible(kanto);
    expect(after.contacts.find((c) => c.id === ann.id)).toMatchObject({
      consent: 'granted',
      emails: ['ann@empty.example'],
      phones: ['+81311112222'],
    });
    expect(after.accounts.find((a) => a.name === 'Empty Cells KK')).toMatchObject({
      nameKana: 'エンプティ',
      domains: ['empty.example', 'empty.jp'],
    });
  });

  it('reads Shift_JIS exports, a JSON byte-order mark and numeric ids, and refuses a repeated column or a NUL', async () => {
    const name = Buffer.from('938c8a4390b896a78a948eae89ef8ed0', 'hex'); // 東海精密株式会社 in Shift_JIS
    const sjis = Buffer.concat([Buffer.from('external_id,name,territory\nSJ-1,'), name, Buffer.from(',kanto\n')]);
    expect(await run('accounts', file('sjis.csv', sjis))).toMatchObject({ applied: true, created: 1 });
    const { accounts } = await visible(kanto);
    expect(accounts.filter((a) => a.name === '東海精密株式会社').length).toBeGreaterThan(0);
    expect(accounts.some((a) => String(a.name).includes('\uFFFD'))).toBe(false);

    // A byte-order mark, and ids written as numbers (as HubSpot's JSON exports do).
    const bom = `\uFEFF${JSON.stringify([{ external_id: 40001, name: 'Byte Order KK', territory: 'kanto' }])}`;
    expect(await run('accounts', file('bom.json', bom))).toMatchObject({ created: 1, errors: [] });
    const numbered = JSON.stringify([{ external_id: 50001, account_external_id: 40001, name: 'Numbered Contact' }]);
    expect(await run('contacts', file('numbered.json', numbered))).toMatchObject({ created: 1, errors: [] });

    const repeated =
      'external_id,account_external_id,name,emails,emails\nR-1,E-1,Two Columns,a@x.example,b@x.example\n';
    await expect(run('contacts', file('repeated.csv', repeated), true)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('"emails" appears twice'),
    });

    const nul = file('nul.csv', 'external_id,name,territory\nN-1,Bad\u0000Name,kanto\nN-2,Good Name KK,kanto\n');
    for (const dryRun of [true, false]) {
      const report = await run('accounts', nul, dryRun);
      expect(report.applied).toBe(false);
      expect(report.errors).toEqual([{ row: 2, message: expect.stringContaining('NUL') }]);
    }

    // A JSON export nested thousands deep is a row error, not a crash of the import (dry run too).
    const deep = file(
      'deep.json',
      JSON.stringify([
        {
          external_id: 'D-1',
          name: 'Deep KK',
          territory: 'kanto',
          notes: JSON.parse(`${'['.repeat(3_000)}${']'.repeat(3_000)}`),
        },
      ]),
    );
    for (const dryRun of [true, false]) {
      const report = await run('accounts', deep, dryRun);
      expect(report.applied).toBe(false);
      expect(report.errors).toEqual([{ row: 1, message: expect.stringContaining('nested more than 64 levels') }]);
    }
  });

  it('exports CSV that no spreadsheet will run as a formula', async () => {
    // Every value quoted (empty cells may stay empty), so a ';' in a value cannot start a new
    // cell where ';' separates cells.
    const raw = await exportCsv(t.hub.database.db, 'accounts');
    for (const line of raw
      .replace(/^\ufeff/, '')
      .trimEnd()
      .split(/\r?\n/)) {
      expect(line).toMatch(/^(?:"(?:[^"]|"")*")?(?:,(?:"(?:[^"]|"")*")?)*$/);
    }
    const accounts = parse(await exportCsv(t.hub.database.db, 'accounts'), { columns: true, bom: true }) as Record<
      string,
      string
    >[];
    const evil = accounts.find((row) => row.domains === 'evil.example');
    expect(evil?.name).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(evil?.business_notes).toBe(`'+cmd|' /C calc'!A0`);
    const contacts = parse(await exportCsv(t.hub.database.db, 'contacts'), { columns: true, bom: true }) as Record<
      string,
      string
    >[];
    expect(contacts.find((row) => row.name?.includes('SUM'))?.name).toBe("'@SUM(1+1)");
    expect(contacts.find((row) => row.name === '佐藤 健一')?.emails).toBe('kenichi.sato@tokai-seimitsu.co.jp');
    for (const row of [...accounts, ...contacts]) {
      for (const value of Object.values(row)) expect(value).not.toMatch(/^[=+\-@\t\r]/);
    }
    const dach = parse(await exportCsv(t.hub.database.db, 'accounts', 'dach'), { columns: true, bom: true }) as Record<
      string,
      string
    >[];
    expect(dach.map((row) => row.name)).toEqual(['Rhein Logistik GmbH']);
  });
});
