import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareHlc, formatHlc, nextHlc, parseHlc, type Change, type SyncAccount } from '../../src/shared/sync-api';
import { mergeField } from '../../server/sync/push/field-merge';
import { forEachDatabase, SETUP_TIMEOUT, startTestHub, type Device, type TestHub } from './support/hub';
import { accountCreate, accountUpdate, contactCreate, contactUpdate, hlc } from './support/mutations';

describe('hybrid logical clocks', () => {
  it('order by time, then counter, then node, as plain strings', () => {
    const a = hlc(1_700_000_000_000, 'a', 9);
    const b = hlc(1_700_000_000_001, 'a', 0);
    expect(compareHlc(a, b)).toBe(-1);
    expect(compareHlc(hlc(5_000, 'a', 1), hlc(5_000, 'b', 1))).toBe(-1);
    expect(parseHlc(formatHlc({ ms: 42, counter: 7, node: 'dev-1' }))).toEqual({ ms: 42, counter: 7, node: 'dev-1' });
  });

  it('tick past what was seen even when the wall clock is behind', () => {
    const seen = hlc(2_000_000, 'far-ahead', 3);
    const next = nextHlc(1_000_000, 'me', seen);
    expect(compareHlc(next, seen)).toBe(1);
    expect(parseHlc(next)).toEqual({ ms: 2_000_000, counter: 4, node: 'me' });
    expect(parseHlc(nextHlc(3_000_000, 'me', seen))).toEqual({ ms: 3_000_000, counter: 0, node: 'me' });
    expect(parseHlc(nextHlc(1, 'me', hlc(2_000_000, 'x', 9999)))).toEqual({ ms: 2_000_001, counter: 0, node: 'me' });
  });
});

describe('the field rule', () => {
  const held = { value: 'old', hlc: hlc(1_000, 'hub') };
  it('takes an edit based on the held clock', () => {
    expect(mergeField(held, { value: 'new', hlc: hlc(2_000, 'a'), baseHlc: held.hlc })).toEqual({ kind: 'take' });
    expect(mergeField({ value: '', hlc: null }, { value: 'x', hlc: hlc(1, 'a'), baseHlc: null })).toEqual({
      kind: 'take',
    });
  });
  it('reports a conflict for an edit that did not see the held value, keeping the newer clock', () => {
    expect(mergeField(held, { value: 'new', hlc: hlc(2_000, 'a'), baseHlc: null })).toEqual({
      kind: 'conflict',
      kept: 'yours',
    });
    expect(mergeField(held, { value: 'new', hlc: hlc(500, 'a'), baseHlc: hlc(100, 'x') })).toEqual({
      kind: 'conflict',
      kept: 'theirs',
    });
  });
  it('does not ask when concurrent edits agree', () => {
    expect(mergeField(held, { value: 'old', hlc: hlc(2_000, 'a'), baseHlc: null })).toEqual({
      kind: 'agree',
      hlc: hlc(2_000, 'a'),
    });
  });
});

const accountData = (changes: Change[], id: string) =>
  changes.filter((c): c is Extract<Change, { kind: 'account' }> => c.kind === 'account' && c.data.id === id).at(-1)
    ?.data;

forEachDatabase('conflicts', (variant) => {
  let t: TestHub;
  let a: Device;
  let b: Device;
  beforeAll(async () => {
    t = await startTestHub(variant);
    a = await t.enrol({ territories: ['kanto'] });
    b = await t.enrol({ territories: ['kanto'] });
  }, SETUP_TIMEOUT);
  afterAll(() => t?.close());

  async function freshAccount(): Promise<{ id: string; cursor: string }> {
    const create = accountCreate();
    await t.push(a, [create]);
    const { cursor } = await t.pullAll(b);
    return { id: (create.payload as { id: string }).id, cursor };
  }

  it('applies an edit made after seeing the current value, and sends the new clock', async () => {
    const { id, cursor } = await freshAccount();
    const edit = hlc(t.clock.now, a.deviceId);
    const pushed = await t.push(a, [
      accountUpdate(id, { stageCode: { value: 'requirements_building', hlc: edit, baseHlc: null } }),
    ]);
    expect(pushed.results[0]?.status).toBe('applied');
    const account = accountData((await t.pullAll(b, cursor)).changes, id) as SyncAccount;
    expect(account.stageCode).toBe('requirements_building');
    expect(account.clocks).toEqual({ stageCode: edit });
    // B now edits on top of what it pulled: no question to ask.
    const next = nextHlc(t.clock.now, b.deviceId, account.clocks.stageCode);
    const followUp = await t.push(b, [
      accountUpdate(id, { stageCode: { value: 'supplier_selection', hlc: next, baseHlc: edit } }),
    ]);
    expect(followUp.results[0]?.status).toBe('applied');
  });

  it('reports both values when two devices changed a field concurrently; the newer clock is kept', async () => {
    const { id, cursor } = await freshAccount();
    const aEdit = hlc(t.clock.now + 1_000, a.deviceId);
    const bEdit = hlc(t.clock.now + 2_000, b.deviceId);
    const first = await t.push(a, [
      accountUpdate(id, {
        businessNotes: { value: 'A: budget confirmed', hlc: aEdit, baseHlc: null },
        industryNotes: { value: 'A: industry', hlc: aEdit, baseHlc: null },
      }),
    ]);
    expect(first.results[0]?.status).toBe('applied');
    // B edited offline before it had seen A's change.
    const second = await t.push(b, [
      accountUpdate(id, {
        businessNotes: { value: 'B: budget cut', hlc: bEdit, baseHlc: null },
        stageCode: { value: 'adoption', hlc: bEdit, baseHlc: null },
      }),
    ]);
    expect(second.results[0]).toEqual({
      mutationId: expect.any(String),
      status: 'conflict',
      conflicts: [
        {
          entity: 'account',
          id,
          field: 'businessNotes',
          yours: { value: 'B: budget cut', hlc: bEdit },
          theirs: { value: 'A: budget confirmed', hlc: aEdit },
          kept: 'yours',
        },
      ],
    });
    const account = accountData((await t.pullAll(a, cursor)).changes, id) as SyncAccount;
    expect(account).toMatchObject({
      businessNotes: 'B: budget cut',
      industryNotes: 'A: industry',
      stageCode: 'adoption',
    });
    expect(account.clocks).toEqual({ businessNotes: bEdit, industryNotes: aEdit, stageCode: bEdit });

    // A late, older concurrent edit loses but is still reported, with the value the hub keeps.
    const stale = hlc(t.clock.now + 500, 'third-device');
    const third = await t.push(a, [
      accountUpdate(id, { businessNotes: { value: 'stale', hlc: stale, baseHlc: aEdit } }),
    ]);
    expect(third.results[0]).toMatchObject({
      status: 'conflict',
      conflicts: [{ field: 'businessNotes', kept: 'theirs', theirs: { value: 'B: budget cut', hlc: bEdit } }],
    });
    // The rep picks A's text: a new edit based on the kept clock is simply taken.
    const pick = nextHlc(t.clock.now, a.deviceId, bEdit);
    const resolved = await t.push(a, [
      accountUpdate(id, { businessNotes: { value: 'A: budget confirmed', hlc: pick, baseHlc: bEdit } }),
    ]);
    expect(resolved.results[0]?.status).toBe('applied');
    const final = accountData((await t.pullAll(b, cursor)).changes, id) as SyncAccount;
    expect(final.businessNotes).toBe('A: budget confirmed');
    expect(final.clocks.businessNotes).toBe(pick);
  });

  it('merges contact details field by field and treats equal concurrent values as agreement', async () => {
    const { id: accountId } = await freshAccount();
    const create = contactCreate(accountId);
    await t.push(a, [create]);
    const id = (create.payload as { id: string }).id;
    const aEdit = hlc(t.clock.now + 10, a.deviceId);
    const bEdit = hlc(t.clock.now + 20, b.deviceId);
    await t.push(a, [contactUpdate(id, { consent: { value: 'granted', hlc: aEdit, baseHlc: null } })]);
    const pushed = await t.push(b, [
      contactUpdate(id, {
        consent: { value: 'granted', hlc: bEdit, baseHlc: null },
        emails: { value: ['new@example.jp'], hlc: bEdit, baseHlc: null },
      }),
    ]);
    expect(pushed.results[0]?.status).toBe('applied');
    const contact = (await t.pullAll(a)).changes
      .filter((c): c is Extract<Change, { kind: 'contact' }> => c.kind === 'contact' && c.data.id === id)
      .at(-1)?.data;
    expect(contact).toMatchObject({ consent: 'granted', emails: ['new@example.jp'] });
    expect(contact?.clocks).toEqual({ consent: bEdit, emails: bEdit });
  });

  it('refuses a clock more than a week ahead and an unknown stage, changing nothing', async () => {
    const { id, cursor } = await freshAccount();
    const pushed = await t.push(a, [
      accountUpdate(id, {
        businessNotes: { value: 'x', hlc: hlc(t.clock.now + 8 * 86_400_000, a.deviceId), baseHlc: null },
      }),
      accountUpdate(id, { stageCode: { value: 'no_such_stage', hlc: hlc(t.clock.now, a.deviceId), baseHlc: null } }),
    ]);
    expect(pushed.results.map((r) => (r.status === 'rejected' ? r.reason : r.status))).toEqual([
      'CLOCK_AHEAD',
      'UNKNOWN_STAGE',
    ]);
    expect((await t.pullAll(b, cursor)).changes).toEqual([]);
  });
});
