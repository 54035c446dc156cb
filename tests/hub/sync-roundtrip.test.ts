import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { Change } from '../../src/shared/sync-api';
import { forEachDatabase, SETUP_TIMEOUT, startTestHub, type Device, type TestHub } from './support/hub';
import { accountCreate, contactCreate, mutationId, touchpointCreate } from './support/mutations';

const ofKind = <K extends Change['kind']>(changes: Change[], kind: K) =>
  changes.filter((c) => c.kind === kind).map((c) => c.data) as Extract<Change, { kind: K }>['data'][];

forEachDatabase('push and pull', (variant) => {
  let t: TestHub;
  let repA: Device;
  let repB: Device;

  beforeAll(async () => {
    t = await startTestHub(variant);
    repA = await t.enrol({ territories: ['kanto'] });
    repB = await t.enrol({ territories: ['kanto'] });
  }, SETUP_TIMEOUT);
  afterAll(() => t?.close());

  it('round-trips accounts, contacts, touchpoints, consent, follow-ups and events with their contents', async () => {
    const account = accountCreate();
    const accountId = (account.payload as { id: string }).id;
    const contact = contactCreate(accountId);
    const contactId = (contact.payload as { id: string }).id;
    const eventId = uuidv7();
    const batch = [
      account,
      contact,
      {
        mutationId: mutationId(),
        kind: 'event.create',
        payload: {
          id: eventId,
          name: 'Japan IT Week',
          venue: '幕張メッセ',
          startsOn: '2026-10-28',
          endsOn: '2026-10-30',
          booth: '12-34',
          questions: [{ id: 'timeline', kind: 'single', options: ['3m', '6m'] }],
          consentText: '個人情報は製品のご案内のために利用します。',
          consentVersion: 'ja-2026-09',
          products: ['capture'],
          createdAt: Date.UTC(2026, 9, 1),
        },
      },
      ...Array.from({ length: 25 }, (_, i) =>
        touchpointCreate(accountId, {
          summary: `Visit ${i}`,
          contactIds: [contactId],
          occurredAt: 1_760_000_000_000 + i,
        }),
      ),
      {
        mutationId: mutationId(),
        kind: 'consent.record',
        payload: {
          id: uuidv7(),
          contactId,
          eventId,
          textVersion: 'ja-2026-09',
          method: 'checkbox',
          grantedAt: Date.UTC(2026, 9, 29),
          rep: 'Rep A',
        },
      },
      {
        mutationId: mutationId(),
        kind: 'followup.create',
        payload: {
          id: uuidv7(),
          contactId,
          eventId,
          kind: 'meeting',
          contentVersionIds: [],
          status: 'open',
          note: 'Demo next month',
          author: 'Rep A',
          createdAt: Date.UTC(2026, 9, 29),
        },
      },
    ];
    const pushed = await t.push(repA, batch);
    expect(pushed.results.map((r) => r.status)).toEqual(batch.map(() => 'applied'));
    expect(pushed.results.map((r) => r.mutationId)).toEqual(batch.map((m) => m.mutationId));

    const { changes } = await t.pullAll(repB, '0', 7);
    expect(ofKind(changes, 'stage')).toHaveLength(7);
    expect(ofKind(changes, 'account')).toEqual([
      expect.objectContaining({ ...account.payload, clocks: {}, updatedAt: t.clock.now }),
    ]);
    expect(ofKind(changes, 'contact')).toEqual([expect.objectContaining({ ...contact.payload, clocks: {} })]);
    const touchpoints = ofKind(changes, 'touchpoint');
    expect(touchpoints).toHaveLength(25);
    expect(touchpoints.map((tp) => tp.summary)).toEqual(Array.from({ length: 25 }, (_, i) => `Visit ${i}`));
    expect(touchpoints[3]).toEqual({ ...batch[6]!.payload, createdAt: t.clock.now });
    expect(ofKind(changes, 'event')).toEqual([batch[2]!.payload]);
    expect(ofKind(changes, 'consent')).toEqual([{ ...batch[28]!.payload, originDevice: repA.deviceId }]);
    expect(ofKind(changes, 'followup')).toEqual([{ ...batch[29]!.payload, originDevice: repA.deviceId }]);
    // References always arrive after what they refer to.
    const order = changes.map((c) => c.kind);
    expect(order.indexOf('account')).toBeLessThan(order.indexOf('contact'));
    expect(order.indexOf('contact')).toBeLessThan(order.indexOf('touchpoint'));
    const seqs = changes.map((c) => c.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
  });

  it('stores text exactly: tabs, line breaks, backslashes, quotes and \\N, in columns and in JSON', async () => {
    // On PGlite rows go in as COPY text (server/db/bulk.ts), where these characters are syntax.
    const tricky = 'a\tb\nc\r\nd \\ e \\N "f" \\t 日本\u2028語';
    const account = accountCreate({ name: tricky, businessNotes: `\\N` });
    const accountId = (account.payload as { id: string }).id;
    const touchpoint = touchpointCreate(accountId, {
      summary: tricky,
      details: { notes: tricky, [tricky]: [tricky, '\\', null] },
    });
    const pushed = await t.push(repA, [account, touchpoint]);
    expect(pushed.results.map((r) => r.status)).toEqual(['applied', 'applied']);

    const { changes } = await t.pullAll(repB);
    expect(ofKind(changes, 'account').find((a) => a.id === accountId)).toMatchObject({
      name: tricky,
      businessNotes: '\\N',
    });
    expect(ofKind(changes, 'touchpoint').find((tp) => tp.accountId === accountId)).toEqual({
      ...touchpoint.payload,
      createdAt: t.clock.now,
    });
  });

  it('acknowledges a repeated mutation id as duplicate and applies it once', async () => {
    const { cursor } = await t.pullAll(repB);
    const account = accountCreate();
    const accountId = (account.payload as { id: string }).id;
    const touchpoint = touchpointCreate(accountId);
    const first = await t.push(repA, [account, touchpoint]);
    expect(first.results.map((r) => r.status)).toEqual(['applied', 'applied']);

    // The same batch again (an acknowledgement lost after the hub committed), and a batch repeating an id inside it.
    const again = await t.push(repA, [account, touchpoint]);
    expect(again.results).toEqual([
      {
        mutationId: account.mutationId,
        status: 'duplicate',
        original: { mutationId: account.mutationId, status: 'applied' },
      },
      {
        mutationId: touchpoint.mutationId,
        status: 'duplicate',
        original: { mutationId: touchpoint.mutationId, status: 'applied' },
      },
    ]);
    // Logging nothing new, the retry answers the log's end, which holds the first push.
    expect(first.cursorCheck).toMatch(/^\d+$/);
    expect({ cursor: again.cursor, check: again.cursorCheck }).toEqual({
      cursor: first.cursor,
      check: first.cursorCheck,
    });
    const fresh = touchpointCreate(accountId, { summary: 'only once' });
    const within = await t.push(repA, [fresh, fresh]);
    expect(within.results.map((r) => r.status)).toEqual(['applied', 'duplicate']);

    const { changes } = await t.pullAll(repB, cursor);
    expect(ofKind(changes, 'account').map((a) => a.id)).toEqual([accountId]);
    expect(
      ofKind(changes, 'touchpoint')
        .map((tp) => tp.summary)
        .sort(),
    ).toEqual(['On-site meeting: current challenges', 'only once'].sort());
  });

  it('repeats the original rejection for a retried rejected mutation', async () => {
    const orphan = touchpointCreate(uuidv7());
    const first = await t.push(repA, [orphan]);
    expect(first.results[0]).toMatchObject({ status: 'rejected', reason: 'UNKNOWN_ACCOUNT' });
    const again = await t.push(repA, [orphan]);
    expect(again.results[0]).toEqual({
      mutationId: orphan.mutationId,
      status: 'duplicate',
      original: first.results[0],
    });
  });

  it('pages by cursor without gaps or repeats and reports hasMore correctly', async () => {
    const account = accountCreate();
    const accountId = (account.payload as { id: string }).id;
    const { cursor: start } = await t.pullAll(repB);
    await t.push(repA, [
      account,
      ...Array.from({ length: 40 }, (_, i) => touchpointCreate(accountId, { summary: `p${i}` })),
    ]);
    const paged = await t.pullAll(repB, start, 9);
    expect(paged.pages).toBe(5);
    expect(paged.changes).toHaveLength(41);
    expect(new Set(paged.changes.map((c) => c.seq)).size).toBe(41);
    const again = await t.pull(repB, paged.cursor);
    expect(again).toMatchObject({ changes: [], hasMore: false, cursor: paged.cursor });
  });

  it('refuses a cursor naming a change the hub lost in a restore, even once new changes took its number', async () => {
    const account = accountCreate();
    const accountId = (account.payload as { id: string }).id;
    await t.push(repA, [account]);
    const backedUp = await t.pullAll(repB);
    const lost = Array.from({ length: 5 }, (_, i) => touchpointCreate(accountId, { summary: `lost ${i}` }));
    const lostPush = await t.push(repA, lost);
    const seen = await t.pullAll(repB, backedUp.cursor);
    expect({ cursor: lostPush.cursor, check: lostPush.cursorCheck }).toEqual({
      cursor: seen.cursor,
      check: seen.check,
    });

    // The hub goes back to a backup taken at `backedUp`; then other writes arrive.
    const { db } = t.hub.database;
    await db.execute(sql`DELETE FROM change_log WHERE seq > ${Number(backedUp.cursor)}`);
    await db.execute(
      sql`DELETE FROM touchpoints WHERE id = ANY(${sql.param(lost.map((m) => (m.payload as { id: string }).id))}::text[])`,
    );
    await t.push(
      repA,
      Array.from({ length: 5 }, (_, i) => touchpointCreate(accountId, { summary: `after the restore ${i}` })),
    );
    const now = await t.pullAll(repA, backedUp.cursor);
    // The number alone cannot tell: the new changes took the lost ones' sequence numbers.
    expect(now.cursor).toBe(seen.cursor);
    expect(now.check).not.toBe(seen.check);

    const stale = await t.json<{ error: { code: string } }>(`/v1/sync/pull?cursor=${seen.cursor}&check=${seen.check}`, {
      token: repB.token,
    });
    expect(stale).toMatchObject({ status: 409, body: { error: { code: 'CURSOR_UNKNOWN' } } });
    // The pusher, whose pull never passed its push, asks about the push with its cursor.
    const pusher = await t.json<{ error: { code: string } }>(
      `/v1/sync/pull?cursor=${backedUp.cursor}&check=${backedUp.check}&pushed=${lostPush.cursor}&pushedCheck=${lostPush.cursorCheck}`,
      { token: repA.token },
    );
    expect(pusher).toMatchObject({ status: 409, body: { error: { code: 'CURSOR_UNKNOWN' } } });
    // A position the backup holds is still good, and leads to every new change.
    const resumed = await t.pull(repB, backedUp.cursor, 1000, backedUp.check);
    expect(ofKind(resumed.changes, 'touchpoint').map((tp) => tp.summary)).toEqual(
      Array.from({ length: 5 }, (_, i) => `after the restore ${i}`),
    );
    expect({ cursor: resumed.cursor, check: resumed.cursorCheck }).toEqual({ cursor: now.cursor, check: now.check });
  });

  it('splits a run of maximal touchpoints over several pages, each small enough to parse', async () => {
    const account = accountCreate();
    const accountId = (account.payload as { id: string }).id;
    const { cursor: start } = await t.pullAll(repB);
    // 60 touchpoints with ~250 KB of details each: 15 MB, more than one page may hold.
    const long = Array.from({ length: 60 }, (_, i) =>
      touchpointCreate(accountId, { summary: `long ${i}`, details: { transcript: `${i}:`.padEnd(250_000, 'x') } }),
    );
    await t.push(repA, [account]);
    for (let i = 0; i < long.length; i += 10) await t.push(repA, long.slice(i, i + 10));

    const first = await t.pull(repB, start, 5000);
    const firstLongs = ofKind(first.changes, 'touchpoint').length;
    expect(first.hasMore).toBe(true);
    expect(firstLongs).toBeGreaterThan(0);
    expect(firstLongs).toBeLessThan(long.length);
    expect(JSON.stringify(first).length).toBeLessThan(9 << 20);
    const rest = await t.pullAll(repB, first.cursor, 5000);
    const summaries = ofKind([...first.changes, ...rest.changes], 'touchpoint').map((tp) => tp.summary);
    expect(summaries).toEqual(long.map((_, i) => `long ${i}`));
    expect(ofKind(rest.changes, 'touchpoint')[0]?.details).toEqual({
      transcript: `${firstLongs}:`.padEnd(250_000, 'x'),
    });
  }, 120_000);

  it("reads a bounded window of the log per page: a rep's few rows among another territory's bulk all arrive", async () => {
    const dachRep = await t.enrol({ territories: ['dach'] });
    const kanto = accountCreate();
    const kantoId = (kanto.payload as { id: string }).id;
    const dach = accountCreate({ territory: 'dach' });
    const dachId = (dach.payload as { id: string }).id;
    const { cursor: startB } = await t.pullAll(repB);
    const { cursor: startDach } = await t.pullAll(dachRep);
    await t.push(repA, [kanto, touchpointCreate(kantoId, { summary: 'before the bulk' })]);
    await t.push(dachRep, [dach]);
    const bulk = Array.from({ length: 25_000 }, (_, i) => touchpointCreate(dachId, { summary: `bulk ${i}` }));
    for (let i = 0; i < bulk.length; i += 1000) await t.push(dachRep, bulk.slice(i, i + 1000));
    await t.push(repA, [touchpointCreate(kantoId, { summary: 'after the bulk' })]);

    const mine = await t.pullAll(repB, startB, 5000);
    expect(ofKind(mine.changes, 'touchpoint').map((tp) => tp.summary)).toEqual(['before the bulk', 'after the bulk']);
    // 25,000 rows of another territory are passed over in windows, not in one read.
    expect(mine.pages).toBeGreaterThan(1);
    expect(await t.pull(repB, mine.cursor)).toMatchObject({ changes: [], hasMore: false });

    const theirs = await t.pullAll(dachRep, startDach, 5000);
    const summaries = ofKind(theirs.changes, 'touchpoint').map((tp) => tp.summary);
    expect(summaries).toEqual(bulk.map((_, i) => `bulk ${i}`));
    expect(ofKind(theirs.changes, 'account').map((a) => a.id)).toEqual([dachId]);
  }, 120_000);
});
