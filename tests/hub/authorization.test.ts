import { afterAll, beforeAll, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { Change } from '../../src/shared/sync-api';
import { createEnrolmentCode, revokeDevice } from '../../server/admin/devices';
import { addUser } from '../../server/admin/people';
import { forEachDatabase, SETUP_TIMEOUT, startTestHub, type Device, type TestHub } from './support/hub';
import {
  accountCreate,
  accountUpdate,
  contactCreate,
  contactUpdate,
  hlc,
  mutationId,
  touchpointCreate,
} from './support/mutations';

const idOf = (m: { payload: unknown }) => (m.payload as { id: string }).id;
const entityIds = (changes: Change[], kind: Change['kind']) =>
  changes.filter((c) => c.kind === kind).map((c) => (c.data as { id: string }).id);

forEachDatabase('authorization', (variant) => {
  let t: TestHub;
  let kanto: Device;
  let kansai: Device;
  let admin: Device;
  const kantoAccount = accountCreate({ territory: 'kanto', name: 'Kanto KK' });
  const kansaiAccount = accountCreate({ territory: 'kansai', name: 'Kansai KK' });
  const kantoContact = contactCreate(idOf(kantoAccount));
  const kansaiContact = contactCreate(idOf(kansaiAccount));

  beforeAll(async () => {
    t = await startTestHub(variant);
    kanto = await t.enrol({ territories: ['kanto'] });
    kansai = await t.enrol({ territories: ['kansai'] });
    admin = await t.enrol({ territories: [], role: 'admin' });
    const seeded = await t.push(admin, [kantoAccount, kansaiAccount, kantoContact, kansaiContact]);
    expect(seeded.results.every((r) => r.status === 'applied')).toBe(true);
    await t.push(kanto, [touchpointCreate(idOf(kantoAccount), { summary: 'kanto visit' })]);
    await t.push(kansai, [touchpointCreate(idOf(kansaiAccount), { summary: 'kansai visit' })]);
  }, SETUP_TIMEOUT);
  afterAll(() => t?.close());

  it('refuses every device endpoint without a token, with a malformed or a wrong token', async () => {
    const wrongSecret = `${kanto.deviceId}.${'A'.repeat(43)}`;
    const unknownDevice = `${uuidv7()}.${kanto.token.split('.')[1]}`;
    const cases: [string | undefined, string][] = [
      [undefined, 'TOKEN_MISSING'],
      ['not-a-token', 'TOKEN_INVALID'],
      [wrongSecret, 'TOKEN_INVALID'],
      [unknownDevice, 'TOKEN_INVALID'],
    ];
    const endpoints: [string, RequestInit][] = [
      ['/v1/me', {}],
      ['/v1/sync/pull?cursor=0', {}],
      [
        '/v1/sync/push',
        { method: 'POST', body: JSON.stringify({ mutations: [touchpointCreate(idOf(kantoAccount))] }) },
      ],
      [
        '/v1/devices/report',
        { method: 'POST', body: JSON.stringify({ pendingOutbox: 0, oldestPendingAt: null, lastSyncAt: null }) },
      ],
      ['/v1/content/manifest', {}],
      [`/v1/content/blobs/${'a'.repeat(64)}`, {}],
      ['/v1/admin/sync-health', {}],
    ];
    for (const [token, code] of cases) {
      for (const [path, init] of endpoints) {
        const { status, body } = await t.json<{ error: { code: string } }>(path, {
          ...init,
          ...(token ? { token } : {}),
        });
        expect({ path, status, code: body.error.code }).toEqual({ path, status: 401, code });
      }
    }
    const { changes } = await t.pullAll(admin);
    expect(changes.filter((c) => c.kind === 'touchpoint')).toHaveLength(2);
  });

  it('never sends a rep records of another territory, and sends shared records to everyone', async () => {
    const mine = (await t.pullAll(kanto)).changes;
    expect(entityIds(mine, 'account')).toEqual([idOf(kantoAccount)]);
    expect(entityIds(mine, 'contact')).toEqual([idOf(kantoContact)]);
    expect(mine.filter((c) => c.kind === 'touchpoint').map((c) => (c.data as { summary: string }).summary)).toEqual([
      'kanto visit',
    ]);
    expect(mine.filter((c) => c.kind === 'stage')).toHaveLength(7);
    expect(JSON.stringify(mine)).not.toContain('Kansai');
    const all = (await t.pullAll(admin)).changes;
    expect(entityIds(all, 'account').sort()).toEqual([idOf(kantoAccount), idOf(kansaiAccount)].sort());
  });

  it('rejects, and acknowledges, every push into another territory without applying any of it', async () => {
    const before = (await t.pullAll(admin)).cursor;
    const attempts = [
      accountCreate({ territory: 'kansai' }),
      contactCreate(idOf(kansaiAccount)),
      touchpointCreate(idOf(kansaiAccount)),
      accountUpdate(idOf(kansaiAccount), {
        businessNotes: { value: 'mine now', hlc: hlc(t.clock.now, kanto.deviceId), baseHlc: null },
      }),
      contactUpdate(idOf(kansaiContact), {
        title: { value: 'CEO', hlc: hlc(t.clock.now, kanto.deviceId), baseHlc: null },
      }),
      {
        mutationId: mutationId(),
        kind: 'consent.record',
        payload: {
          id: uuidv7(),
          contactId: idOf(kansaiContact),
          eventId: null,
          textVersion: 'v1',
          method: 'verbal',
          grantedAt: t.clock.now,
          rep: 'x',
        },
      },
      {
        mutationId: mutationId(),
        kind: 'followup.create',
        payload: {
          id: uuidv7(),
          contactId: idOf(kansaiContact),
          eventId: null,
          kind: 'content',
          contentVersionIds: [],
          status: 'open',
          note: '',
          author: 'x',
          createdAt: t.clock.now,
        },
      },
    ];
    const pushed = await t.push(kanto, attempts);
    expect(pushed.results.map((r) => (r.status === 'rejected' ? r.reason : r.status))).toEqual(
      attempts.map(() => 'TERRITORY_FORBIDDEN'),
    );
    const unknownTerritory = await t.push(kanto, [accountCreate({ territory: 'atlantis' })]);
    expect(unknownTerritory.results[0]).toMatchObject({ status: 'rejected', reason: 'UNKNOWN_TERRITORY' });
    const after = await t.pullAll(admin, before);
    expect(after.changes).toEqual([]);
  });

  it('revokes a device: 401 DEVICE_REVOKED from then on, nothing it sends is applied', async () => {
    const device = await t.enrol({ territories: ['kanto'] });
    expect((await t.json('/v1/me', { token: device.token })).status).toBe(200);
    await revokeDevice(t.hub.database.db, device.deviceId, t.clock.now);
    // A second revocation, or an id that is not a device id at all, is a coded refusal.
    for (const id of [device.deviceId, 'not-a-device-id']) {
      await expect(revokeDevice(t.hub.database.db, id, t.clock.now)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    const pull = await t.json<{ error: { code: string } }>('/v1/sync/pull', { token: device.token });
    expect(pull).toEqual({ status: 401, body: { error: { code: 'DEVICE_REVOKED', message: expect.any(String) } } });
    const lost = touchpointCreate(idOf(kantoAccount), { summary: 'from a revoked laptop' });
    const push = await t.json<{ error: { code: string } }>('/v1/sync/push', {
      method: 'POST',
      token: device.token,
      body: JSON.stringify({ mutations: [lost] }),
    });
    expect(push.status).toBe(401);
    expect(push.body.error.code).toBe('DEVICE_REVOKED');
    const seen = (await t.pullAll(admin)).changes.map((c) => JSON.stringify(c.data));
    expect(seen.some((data) => data.includes('from a revoked laptop'))).toBe(false);
    // Someone without the secret learns nothing about the revocation.
    const guess = await t.json<{ error: { code: string } }>('/v1/me', {
      token: `${device.deviceId}.${'B'.repeat(43)}`,
    });
    expect(guess.body.error.code).toBe('TOKEN_INVALID');
  });

  it('accepts an enrolment code once, and never an expired one', async () => {
    const { db } = t.hub.database;
    const email = `once-${uuidv7().slice(-6)}@example.com`;
    await addUser(db, { name: 'Once', email, role: 'rep', team: null, territories: ['kanto'] }, t.clock.now);
    const { code } = await createEnrolmentCode(db, email, t.clock.now, 1);
    const enrol = (c: string, deviceName = 'laptop') =>
      t.json<{ error?: { code: string }; token?: string }>('/v1/enrol', {
        method: 'POST',
        body: JSON.stringify({ code: c, deviceName }),
      });
    // A name the database cannot store is refused as input, and the code stays unspent.
    expect(await enrol(code, 'lap\u0000top')).toMatchObject({
      status: 400,
      body: { error: { code: 'INVALID_INPUT' } },
    });
    const first = await enrol(code.toLowerCase());
    expect(first.status).toBe(200);
    expect(first.body.token).toMatch(/^[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/);
    expect(await enrol(code)).toMatchObject({ status: 401, body: { error: { code: 'ENROLMENT_INVALID' } } });
    const { code: later } = await createEnrolmentCode(db, email, t.clock.now, 1);
    t.clock.now += 2 * 86_400_000;
    expect(await enrol(later)).toMatchObject({ status: 401, body: { error: { code: 'ENROLMENT_INVALID' } } });
    expect(await enrol('XXXX')).toMatchObject({ status: 400, body: { error: { code: 'INVALID_INPUT' } } });
  });

  it('keeps the sync-health view for admins only, with what devices report', async () => {
    const report = await t.json('/v1/devices/report', {
      method: 'POST',
      token: kanto.token,
      body: JSON.stringify({
        pendingOutbox: 12,
        oldestPendingAt: t.clock.now - 60_000,
        lastSyncAt: t.clock.now - 5_000,
        appVersion: '0.1.0',
      }),
    });
    expect(report).toEqual({ status: 200, body: { recordedAt: t.clock.now } });
    const refused = await t.json<{ error: { code: string } }>('/v1/admin/sync-health', { token: kanto.token });
    expect(refused).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
    const health = await t.json<{
      devices: { deviceId: string; pendingOutbox: number | null; lastPushAt: number | null; appVersion: string }[];
    }>('/v1/admin/sync-health', { token: admin.token });
    expect(health.status).toBe(200);
    expect(health.body.devices.find((d) => d.deviceId === kanto.deviceId)).toMatchObject({
      pendingOutbox: 12,
      appVersion: '0.1.0',
      lastPushAt: expect.any(Number),
    });
  });
});
