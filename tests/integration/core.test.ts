import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../electron/core/core';
import { startCore, type TestCore } from '../support/core';

let core: TestCore;
let whaleId: string;
let events: { event: string; payload: unknown }[];

beforeAll(async () => {
  core = startCore();
  events = [];
  core.subscribe((event, payload) => events.push({ event, payload }));
  // The demo generator gives its first account the most touchpoints; find it by its timeline size.
  const { items } = await core.value('accounts.search', { query: '', limit: 200 });
  let best = { id: '', count: 0 };
  for (const item of items) {
    const { stageCounts } = await core.value('journey.overview', { accountId: item.id });
    const count = stageCounts.reduce((sum, row) => sum + row.count, 0);
    if (count > best.count) best = { id: item.id, count };
  }
  whaleId = best.id;
});

afterAll(() => core.close());

function rowCount(table: string): number {
  const db = new Database(join(core.dataDir, DATABASE_FILE), { readonly: true });
  const { n } = db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number };
  db.close();
  return n;
}

describe('first run', () => {
  it('loads the demo dataset into an empty database, with no outbox rows', async () => {
    const status = await core.value('app.status', {});
    expect(status).toMatchObject({ state: 'ready', version: 'test' });
    expect((await core.value('accounts.search', { query: '' })).total).toBe(300);
    expect(rowCount('touchpoints')).toBeGreaterThan(19_000);
    expect(rowCount('outbox')).toBe(0);
  });

  it('does not load the demo dataset twice', async () => {
    core.close();
    core = startCore({ dataDir: core.dataDir });
    core.subscribe((event, payload) => events.push({ event, payload }));
    expect((await core.value('accounts.search', { query: '' })).total).toBe(300);
  });
});

describe('journey.timeline', () => {
  it('pages newest first through every touchpoint of the account exactly once', async () => {
    const { stageCounts } = await core.value('journey.overview', { accountId: whaleId });
    const expected = stageCounts.reduce((sum, row) => sum + row.count, 0);
    const seen: { id: string; occurredAt: number }[] = [];
    let cursor: string | undefined;
    do {
      const page = await core.value('journey.timeline', {
        accountId: whaleId,
        limit: 37,
        ...(cursor ? { cursor } : {}),
      });
      seen.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(expected);
    expect(new Set(seen.map((t) => t.id)).size).toBe(expected);
    for (let i = 1; i < seen.length; i++) expect(seen[i - 1]!.occurredAt).toBeGreaterThanOrEqual(seen[i]!.occurredAt);
  });

  it('filters by buying stage, channel and contact', async () => {
    const { stageCounts, channelCounts, committee } = await core.value('journey.overview', { accountId: whaleId });
    const stage = stageCounts[0]!;
    const byStage = await core.value('journey.timeline', {
      accountId: whaleId,
      stageCodes: [stage.stageCode],
      limit: 200,
    });
    expect(byStage.items.length).toBe(Math.min(stage.count, 200));
    expect(byStage.items.every((t) => t.stageCode === stage.stageCode)).toBe(true);

    const channel = channelCounts[0]!;
    const byChannel = await core.value('journey.timeline', {
      accountId: whaleId,
      channels: [channel.channel],
      limit: 200,
    });
    expect(byChannel.items.length).toBe(Math.min(channel.count, 200));
    expect(byChannel.items.every((t) => t.channel === channel.channel)).toBe(true);

    const contactId = committee.find((member) => member.lastEngagedAt !== null)!.contact.id;
    const byContact = await core.value('journey.timeline', { accountId: whaleId, contactId, limit: 200 });
    expect(byContact.items.length).toBeGreaterThan(0);
    expect(byContact.items.every((t) => t.contactIds.includes(contactId))).toBe(true);
  });

  it('refuses an unknown account and a forged cursor with codes', async () => {
    expect(await core.dispatch('journey.timeline', { accountId: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', field: 'accountId' },
    });
    expect(await core.dispatch('journey.timeline', { accountId: whaleId, cursor: 'garbage' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'cursor' },
    });
  });
});

describe('journey.overview', () => {
  it('marks committee members engaged within 90 days and content with a newer approved version', async () => {
    const { items } = await core.value('accounts.search', { query: '', limit: 200 });
    let withNewer = 0;
    for (const item of items) {
      const overview = await core.value('journey.overview', { accountId: item.id });
      for (const member of overview.committee) {
        const recent = member.lastEngagedAt !== null && Date.now() - member.lastEngagedAt <= 90 * 86_400_000;
        expect(member.engaged).toBe(recent);
      }
      for (const entry of overview.seen) {
        if (entry.newerVersion !== null) {
          expect(entry.newerVersion).toBeGreaterThan(entry.version);
          withNewer++;
        }
      }
    }
    expect(withNewer).toBeGreaterThan(0);
  });
});

describe('touchpoints.add', () => {
  it('commits the touchpoint, its contacts and one outbox row together, then announces it', async () => {
    const { contacts } = await core.value('accounts.get', { id: whaleId });
    const outboxBefore = rowCount('outbox');
    events.length = 0;
    const added = await core.value('touchpoints.add', {
      accountId: whaleId,
      channel: 'meeting',
      stageCode: 'requirements_building',
      summary: '要件レビュー',
      notes: '情報システム部と確認',
      nextSteps: 'Send the security overview',
      contactIds: [contacts[0]!.id, contacts[0]!.id],
    });
    expect(added).toMatchObject({
      accountId: whaleId,
      channel: 'meeting',
      team: 'field_sales',
      author: '山田 太郎',
      details: { notes: '情報システム部と確認', nextSteps: 'Send the security overview' },
      contactIds: [contacts[0]!.id],
    });
    expect(rowCount('outbox')).toBe(outboxBefore + 1);
    expect(events).toEqual([{ event: 'data.changed', payload: { scopes: ['touchpoints'], accountIds: [whaleId] } }]);
    const first = await core.value('journey.timeline', { accountId: whaleId, limit: 1 });
    expect(first.items[0]?.id).toBe(added.id);
  });

  it('hides a touchpoint once a correction supersedes it, keeping both rows', async () => {
    const original = await core.value('touchpoints.add', {
      accountId: whaleId,
      channel: 'call',
      stageCode: 'adoption',
      summary: 'Call with wrong date',
      occurredAt: Date.now() + 60_000,
    });
    const correction = await core.value('touchpoints.add', {
      accountId: whaleId,
      channel: 'call',
      stageCode: 'adoption',
      summary: 'Call (corrected)',
      occurredAt: Date.now() + 120_000,
      supersedesId: original.id,
    });
    const page = await core.value('journey.timeline', { accountId: whaleId, limit: 5 });
    expect(page.items.map((t) => t.id)).toContain(correction.id);
    expect(page.items.map((t) => t.id)).not.toContain(original.id);
    expect(correction.supersedesId).toBe(original.id);
  });

  it('refuses bad input with a code on the field and writes nothing', async () => {
    const { items } = await core.value('accounts.search', { query: '', limit: 2 });
    const other = items.find((item) => item.id !== whaleId)!;
    const { contacts: strangers } = await core.value('accounts.get', { id: other.id });
    const before = { touchpoints: rowCount('touchpoints'), outbox: rowCount('outbox') };
    const base = { accountId: whaleId, channel: 'meeting', stageCode: 'adoption', summary: 'x' } as const;
    const cases: [unknown, string, string][] = [
      [{ ...base, accountId: 'missing' }, 'NOT_FOUND', 'accountId'],
      [{ ...base, stageCode: 'negotiation' }, 'UNKNOWN_STAGE', 'stageCode'],
      [{ ...base, contactIds: [strangers[0]!.id] }, 'UNKNOWN_CONTACT', 'contactIds'],
      [{ ...base, notes: 'n'.repeat(20_001) }, 'TOO_LONG', 'notes'],
      [{ ...base, summary: '   ' }, 'REQUIRED', 'summary'],
      [{ ...base, channel: 'web_visit' }, 'INVALID_INPUT', 'channel'],
      [{ ...base, supersedesId: 'missing' }, 'NOT_FOUND', 'supersedesId'],
    ];
    for (const [input, code, field] of cases) {
      expect(await core.dispatch('touchpoints.add', input)).toMatchObject({ ok: false, error: { code, field } });
    }
    expect({ touchpoints: rowCount('touchpoints'), outbox: rowCount('outbox') }).toEqual(before);
    // The core keeps serving after every refusal.
    expect((await core.value('app.status', {})).state).toBe('ready');
  });
});

describe('settings', () => {
  it('stores the language and the rep, and refuses unknown values', async () => {
    expect(await core.value('settings.update', { language: 'en', repName: '  Anna  ' })).toMatchObject({
      language: 'en',
      repName: 'Anna',
    });
    expect(await core.dispatch('settings.update', { language: 'fr' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'language' },
    });
    expect((await core.value('settings.get', {})).language).toBe('en');
  });

  it('falls back per setting when a stored value no longer parses, keeping the others', async () => {
    const db = new Database(join(core.dataDir, DATABASE_FILE));
    db.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('contentBudgetMb', '\"lots\"')").run();
    db.close();
    expect(await core.value('settings.get', {})).toMatchObject({
      language: 'en',
      repName: 'Anna',
      contentBudgetMb: 4096,
    });
  });
});
