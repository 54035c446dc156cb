import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDatabase, SETUP_TIMEOUT, startTestHub, type Device, type TestHub } from './support/hub';
import { accountCreate, touchpointCreate } from './support/mutations';

const WRITERS = 12;
const BATCHES = 6;
const PER_BATCH = 30;

forEachDatabase('cursor under concurrent writers', (variant) => {
  let t: TestHub;
  let writers: Device[];
  let reader: Device;
  let accountId: string;

  beforeAll(async () => {
    t = await startTestHub(variant);
    reader = await t.enrol({ territories: ['kanto'] });
    writers = [];
    for (let i = 0; i < WRITERS; i++) writers.push(await t.enrol({ territories: ['kanto'] }));
    const account = accountCreate();
    accountId = (account.payload as { id: string }).id;
    await t.push(writers[0]!, [account]);
  }, SETUP_TIMEOUT);
  afterAll(() => t?.close());

  it('a reader paging while many devices push sees every touchpoint exactly once', async () => {
    const start = (await t.pullAll(reader)).cursor;
    const sent: string[] = [];
    const received: string[] = [];
    let writing = true;

    // The reader pages continuously while the writers commit; once they are done it drains what is left.
    const reading = (async () => {
      let cursor = start;
      for (;;) {
        const writersDone = !writing;
        const page = await t.pull(reader, cursor, 37);
        for (const change of page.changes) if (change.kind === 'touchpoint') received.push(change.data.id);
        expect(Number(page.cursor)).toBeGreaterThanOrEqual(Number(cursor));
        cursor = page.cursor;
        if (writersDone && !page.hasMore) return;
      }
    })();

    await Promise.all(
      writers.map(async (device, w) => {
        for (let b = 0; b < BATCHES; b++) {
          const batch = Array.from({ length: PER_BATCH }, (_, i) =>
            touchpointCreate(accountId, { summary: `w${w} b${b} #${i}`, originDevice: device.deviceId }),
          );
          sent.push(...batch.map((m) => (m.payload as { id: string }).id));
          const pushed = await t.push(device, batch);
          expect(pushed.results.every((r) => r.status === 'applied')).toBe(true);
        }
      }),
    );
    writing = false;
    await reading;

    expect(received).toHaveLength(WRITERS * BATCHES * PER_BATCH);
    expect(new Set(received).size).toBe(received.length);
    expect([...received].sort()).toEqual([...sent].sort());

    // A fresh device pulling everything afterwards gets the same set, in sequence order, once each.
    const late = await t.enrol({ territories: ['kanto'] });
    const all = await t.pullAll(late, start, 500);
    const seqs = all.changes.map((c) => c.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    expect(all.changes.filter((c) => c.kind === 'touchpoint')).toHaveLength(sent.length);
  });

  it('applies a batch pushed concurrently from two connections exactly once', async () => {
    const device = writers[1]!;
    const batch = Array.from({ length: 40 }, (_, i) => touchpointCreate(accountId, { summary: `twice ${i}` }));
    const { cursor } = await t.pullAll(reader);
    const [one, two] = await Promise.all([t.push(device, batch), t.push(device, batch)]);
    const statuses = [...one.results, ...two.results].map((r) => r.status);
    expect(statuses.filter((s) => s === 'applied')).toHaveLength(40);
    expect(statuses.filter((s) => s === 'duplicate')).toHaveLength(40);
    const after = await t.pullAll(reader, cursor);
    expect(after.changes.filter((c) => c.kind === 'touchpoint')).toHaveLength(40);
  });
});
