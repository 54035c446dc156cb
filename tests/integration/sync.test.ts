import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publishContent, retireContent } from '../../server/admin/content';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revokeDevice } from '../../server/admin/devices';
import { importFile, type ImportKind } from '../../server/admin/import/import-records';
import { formatOf } from '../../server/admin/import/read-rows';
import { addUser } from '../../server/admin/people';
import { DATABASE_FILE } from '../../electron/core/core';
import { queryRows } from '../../server/db/connection';
import { SETUP_TIMEOUT, startTestHub, type TestHub } from '../hub/support/hub';
import { ROOT } from '../support/paths';
import { startCore } from '../support/core';
import { enrolledDevice, networkTo, repWithCodeOn, waitIdle, type SyncedDevice } from '../support/sync';

let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub('pglite');
  // The devices run on real time; the hub's clock must agree (it refuses clocks a week ahead).
  hub.clock.now = Date.now();
}, SETUP_TIMEOUT);

afterAll(() => hub?.close());

function rows<T>(device: SyncedDevice, sql: string, ...params: unknown[]): T[] {
  const db = new Database(join(device.dataDir, DATABASE_FILE), { readonly: true });
  const result = db.prepare(sql).all(...params) as T[];
  db.close();
  return result;
}

const visitor = (n: number, company: string) => ({
  familyName: 'Visitor',
  givenName: `No${n}`,
  company,
  emails: [`visitor${n}@${company.toLowerCase().replace(/[^a-z]/g, '')}.example.com`],
  consent: { given: true, method: 'checkbox' as const },
  cardGiven: true,
});

async function captureVisitors(device: SyncedDevice, count: number, company: string): Promise<string[]> {
  const event = await device.value('events.create', {
    name: `Sync Expo ${company}`,
    startsOn: '2026-12-01',
    endsOn: '2026-12-02',
    consentText: 'OK to contact',
    consentVersion: 's-1',
  });
  // The first visitor creates the company; the rest are attached to it, as the capture screen does.
  const accountIds: string[] = [];
  for (let n = 0; n < count; n++) {
    const match = { contactId: null, accountId: accountIds[0] ?? null };
    const saved = await device.value('capture.save', {
      eventId: event.id,
      language: 'en',
      fields: { ...visitor(n, company), match },
    });
    accountIds.push(saved.accountId);
  }
  return [...new Set(accountIds)];
}

/** Records `email` for the visitor of `company` (visitor 0) at that contact, as a capture matched to it does. */
async function addEmail(
  device: SyncedDevice,
  company: string,
  match: { contactId: string; accountId: string },
  email: string,
) {
  return device.value('capture.save', {
    eventId: (await device.value('events.list', {}))[0]!.id,
    language: 'en',
    fields: { ...visitor(0, company), emails: [email], match },
  });
}

/** The device's pull cursor. */
function cursorOf(device: SyncedDevice): string {
  return rows<{ cursor: string }>(
    device,
    "SELECT json_extract(value, '$.cursor') AS cursor FROM settings WHERE key = 'sync'",
  )[0]!.cursor;
}

/** How many touchpoints of the account the hub holds. */
async function touchpointsOnHub(on: TestHub, accountId: string): Promise<number> {
  const [counted] = await queryRows<{ n: number }>(
    on.hub.database.db,
    sql`SELECT COUNT(*)::int AS n FROM touchpoints WHERE account_id = ${accountId}`,
  );
  return counted!.n;
}

/**
 * A hub on a PGlite folder of its own, backed up and restored as an administrator would:
 * stopped, its folder copied away, and later the copy put back.
 */
async function restorableHub() {
  const home = mkdtempSync(join(tmpdir(), 'restorable-hub-'));
  const pgdata = join(home, 'pgdata');
  const backup = join(home, 'backup');
  const on = await startTestHub('pglite', { pgliteDir: pgdata });
  on.clock.now = Date.now();
  return {
    hub: on,
    backUp: () => on.restart(() => cpSync(pgdata, backup, { recursive: true })),
    restore: () =>
      on.restart(() => {
        rmSync(pgdata, { recursive: true, force: true });
        cpSync(backup, pgdata, { recursive: true });
      }),
    async close() {
      await on.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/**
 * Two reps of `territory` who each record another e-mail for the same visitor of `company`
 * (`b-first@…` on B, then the newer `a-later@…` on A, at `<first word>.example.com`) and
 * sync A then B: the hub keeps A's value, and B has the conflict on its needs-review list.
 */
async function emailConflict(territory: string, company: string, on: TestHub = hub) {
  const repA = await enrolledDevice(on, [territory]);
  const repB = await enrolledDevice(on, [territory]);
  const [accountId] = await captureVisitors(repA, 1, company);
  await repA.sync();
  await repB.sync();
  const contactId = (await repB.value('accounts.get', { id: accountId! })).contacts[0]!.id;
  const domain = `${company.split(' ')[0]!.toLowerCase()}.example.com`;
  const match = { contactId, accountId: accountId! };
  await addEmail(repB, company, match, `b-first@${domain}`);
  await new Promise((resolve) => setTimeout(resolve, 5));
  await addEmail(repA, company, match, `a-later@${domain}`);
  await repA.sync();
  await repB.sync();
  return { repA, repB, contactId };
}

describe('sync between two devices and the hub', () => {
  it('pushes offline work exactly once; a colleague in the territory sees it after one sync, another territory never does', async () => {
    const repA = await enrolledDevice(hub, ['kanto']);
    const repB = await enrolledDevice(hub, ['kanto']);
    const other = await enrolledDevice(hub, ['kansai']);
    try {
      expect((await repA.value('sync.status', {})).state).toBe('up_to_date');

      // Offline at the booth: captures and a meeting note queue up.
      repA.network.offline = true;
      const [accountId] = await captureVisitors(repA, 3, 'Offline Works GmbH');
      await repA.value('touchpoints.add', {
        accountId: accountId!,
        channel: 'meeting',
        stageCode: 'requirements_building',
        summary: 'Workshop notes written on the train',
      });
      await repA.sync();
      const offline = await repA.value('sync.status', {});
      expect(offline.state).toBe('offline');
      expect(offline.pending).toBeGreaterThan(0);

      // Back online: everything goes, once.
      repA.network.offline = false;
      await repA.sync();
      const synced = await repA.value('sync.status', {});
      expect(synced).toMatchObject({ state: 'up_to_date', pending: 0, issues: 0 });

      await repB.sync();
      const journey = await repB.value('journey.timeline', { accountId: accountId!, limit: 50 });
      expect(journey.items.map((t) => t.summary)).toContain('Workshop notes written on the train');
      expect(journey.items.filter((t) => t.channel === 'trade_show')).toHaveLength(3);
      expect((await repB.value('accounts.search', { query: 'offline works' })).total).toBe(1);

      await other.sync();
      expect((await other.value('accounts.search', { query: 'offline works' })).total).toBe(0);
      expect(await other.dispatch('journey.timeline', { accountId: accountId! })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
    } finally {
      repA.close();
      repB.close();
      other.close();
    }
  });

  it("splits a queue of long notes over several pushes within the hub's request limit, or a proxy's smaller one", async () => {
    const repA = await enrolledDevice(hub, ['okinawa']);
    const repB = await enrolledDevice(hub, ['okinawa']);
    try {
      const [accountId] = await captureVisitors(repA, 1, 'Long Notes KK');
      // 150 notes of 20,000 Japanese characters: about 9 MB of payload, more than the hub takes in one request.
      const notes = (n: number) => `${n}:${'議事録'.repeat(6_666)}`.slice(0, 20_000);
      const addNotes = async (from: number, to: number) => {
        for (let n = from; n < to; n++) {
          await repA.value('touchpoints.add', {
            accountId: accountId!,
            channel: 'meeting',
            stageCode: 'requirements_building',
            summary: `Long meeting ${n}`,
            notes: notes(n),
          });
        }
      };
      const pushesDuring = async (sync: () => Promise<void>) => {
        const before = repA.network.paths.length;
        await sync();
        return repA.network.paths.slice(before).filter((path) => path === '/v1/sync/push').length;
      };
      await addNotes(0, 150);
      expect(await pushesDuring(() => repA.sync())).toBeGreaterThan(1);
      expect(await repA.value('sync.status', {})).toMatchObject({ state: 'up_to_date', pending: 0, issues: 0 });

      // Behind a proxy that takes 1 MB per request (nginx's default), the batches shrink until they pass.
      repA.network.bodyLimit = 1_000_000;
      await addNotes(150, 170);
      expect(await pushesDuring(() => repA.sync())).toBeGreaterThan(2);
      expect(await repA.value('sync.status', {})).toMatchObject({ state: 'up_to_date', pending: 0, issues: 0 });

      await repB.sync();
      const stored = rows<{ summary: string; details: string }>(
        repB,
        "SELECT summary, details FROM touchpoints WHERE summary LIKE 'Long meeting %'",
      );
      expect(stored).toHaveLength(170);
      const byNumber = new Map(stored.map((t) => [Number(t.summary.split(' ')[2]), t.details]));
      expect(JSON.parse(byNumber.get(169)!)).toMatchObject({ notes: notes(169) });
    } finally {
      repA.close();
      repB.close();
    }
  });

  it('survives 500/502/503 answers and acknowledgements lost after the hub committed, without duplicates', async () => {
    const repA = await enrolledDevice(hub, ['chubu']);
    const repB = await enrolledDevice(hub, ['chubu']);
    try {
      const [accountId] = await captureVisitors(repA, 4, 'Faulty Lines AG');
      repA.network.failures = [500, 502, 503];
      await repA.sync();
      expect((await repA.value('sync.status', {})).state).toBe('offline');
      await repA.sync();
      await repA.sync();
      // The next push reaches the hub, which commits it, but the answer is lost on the way back.
      repA.network.loseAcks = 1;
      await repA.sync();
      expect((await repA.value('sync.status', {})).pending).toBeGreaterThan(0);
      await repA.sync();
      expect(await repA.value('sync.status', {})).toMatchObject({ state: 'up_to_date', pending: 0 });

      await repB.sync();
      const { items } = await repB.value('journey.timeline', { accountId: accountId!, limit: 50 });
      expect(items.map((t) => t.channel).sort()).toEqual([
        ...Array(4).fill('business_card'),
        ...Array(4).fill('trade_show'),
      ]);
      const onHub = await hub.pullAll(await hubDevice(hub, ['chubu']));
      const touchpointIds = onHub.changes
        .filter((c) => c.kind === 'touchpoint')
        .map((c) => (c.data as { id: string }).id);
      expect(new Set(touchpointIds).size).toBe(touchpointIds.length);
      expect(touchpointIds).toHaveLength(8);
    } finally {
      repA.close();
      repB.close();
    }
  });

  it('retries after a hub that hangs (timeout) or dies mid-answer during a pull, and applies each page once', async () => {
    const repA = await enrolledDevice(hub, ['saitama']);
    const repB = await enrolledDevice(hub, ['saitama']);
    try {
      const [accountId] = await captureVisitors(repA, 5, 'Hanging Hub KK');
      await repA.sync();
      repB.network.hangNext = true;
      await repB.sync();
      expect(await repB.value('sync.status', {})).toMatchObject({
        state: 'offline',
        lastError: { kind: 'offline', message: expect.stringContaining('cannot be reached') },
      });
      repB.network.cut = { path: '/v1/sync/pull', bytes: 300 };
      await repB.sync();
      expect((await repB.value('sync.status', {})).state).toBe('offline');
      expect(rows<{ n: number }>(repB, 'SELECT COUNT(*) AS n FROM touchpoints')[0]!.n).toBe(0);
      await repB.sync();
      expect((await repB.value('sync.status', {})).state).toBe('up_to_date');
      const { items } = await repB.value('journey.timeline', { accountId: accountId!, limit: 50 });
      expect(items).toHaveLength(10);
    } finally {
      repA.close();
      repB.close();
    }
  });

  it('shows a concurrent edit of the same field on the needs-review list and lets the rep pick', async () => {
    const repA = await enrolledDevice(hub, ['kyushu']);
    const repB = await enrolledDevice(hub, ['kyushu']);
    try {
      const [accountId] = await captureVisitors(repA, 1, 'Conflict Corp');
      await repA.sync();
      await repB.sync();
      const contactId = (await repB.value('accounts.get', { id: accountId! })).contacts[0]!.id;
      // Both reps meet the visitor again and each records another e-mail, without syncing in between.
      const event = (await repA.value('events.list', {}))[0]!;
      await repA.value('capture.save', {
        eventId: event.id,
        language: 'en',
        fields: {
          ...visitor(0, 'Conflict Corp'),
          emails: ['a-side@conflict.example.com'],
          match: { contactId, accountId: accountId! },
        },
      });
      const eventB = (await repB.value('events.list', {}))[0]!;
      await repB.value('capture.save', {
        eventId: eventB.id,
        language: 'en',
        fields: {
          ...visitor(0, 'Conflict Corp'),
          emails: ['b-side@conflict.example.com'],
          match: { contactId, accountId: accountId! },
        },
      });
      await repA.sync();
      await repB.sync();
      const issues = await repB.value('sync.issues', {});
      expect(issues).toHaveLength(1);
      expect(issues[0]).toMatchObject({ kind: 'conflict', entity: 'contact', entityId: contactId, field: 'emails' });
      expect((await repB.value('sync.status', {})).state).toBe('needs_attention');

      await repB.value('sync.resolve', { issueId: issues[0]!.id, choice: 'mine' });
      await waitIdle(repB);
      await repB.sync();
      await repA.sync();
      const [onA] = (await repA.value('accounts.get', { id: accountId! })).contacts;
      const [onB] = (await repB.value('accounts.get', { id: accountId! })).contacts;
      expect(onA!.emails).toEqual(onB!.emails);
      expect(onB!.emails).toContain('b-side@conflict.example.com');
      expect(await repB.value('sync.issues', {})).toEqual([]);
    } finally {
      repA.close();
      repB.close();
    }
  });

  it('matches visitors by the value the rep picked at once, offline, before any sync', async () => {
    const { repA, repB, contactId } = await emailConflict('hokuriku', 'Pick Corp');
    try {
      const issues = await repB.value('sync.issues', {});
      expect(issues).toMatchObject([{ field: 'emails', kept: 'theirs' }]);
      repB.network.offline = true;
      await repB.value('sync.resolve', { issueId: issues[0]!.id, choice: 'mine' });
      await waitIdle(repB);

      const byPicked = await repB.value('capture.match', { fields: { emails: ['b-first@pick.example.com'] } });
      expect(byPicked[0]).toMatchObject({ contactId, reasons: expect.arrayContaining(['email']) });
      const byDropped = await repB.value('capture.match', { fields: { emails: ['a-later@pick.example.com'] } });
      expect(byDropped.flatMap((candidate) => candidate.reasons)).not.toContain('email');
    } finally {
      repA.close();
      repB.close();
    }
  });

  it("finds the other device's value at once when the hub kept it over this device's", async () => {
    const { repA, repB, contactId } = await emailConflict('chugoku', 'Kept Corp');
    try {
      expect(await repB.value('sync.issues', {})).toMatchObject([{ field: 'emails', kept: 'theirs' }]);
      const [found] = await repB.value('capture.match', { fields: { emails: ['a-later@kept.example.com'] } });
      expect(found?.contactId).toBe(contactId);
      expect(found?.reasons).toContain('email');
    } finally {
      repA.close();
      repB.close();
    }
  });

  it("never reports a device's own edits of a field as conflicting, queued together or synced in between", async () => {
    const rep = await enrolledDevice(hub, ['shikoku']);
    try {
      const [accountId] = await captureVisitors(rep, 1, 'Self Corp');
      await rep.sync();
      const contactId = (await rep.value('accounts.get', { id: accountId! })).contacts[0]!.id;
      const event = (await rep.value('events.list', {}))[0]!;
      const addEmail = (email: string) =>
        rep.value('capture.save', {
          eventId: event.id,
          language: 'en',
          fields: { ...visitor(0, 'Self Corp'), emails: [email], match: { contactId, accountId: accountId! } },
        });
      // Met twice while offline, then once more after a sync.
      await addEmail('second@self.example.com');
      await addEmail('third@self.example.com');
      await rep.sync();
      await addEmail('fourth@self.example.com');
      await rep.sync();
      expect(await rep.value('sync.issues', {})).toEqual([]);
      const [contact] = (await rep.value('accounts.get', { id: accountId! })).contacts;
      expect(contact!.emails).toEqual([
        'visitor0@selfcorp.example.com',
        'second@self.example.com',
        'third@self.example.com',
        'fourth@self.example.com',
      ]);
    } finally {
      rep.close();
    }
  });

  it('takes an edit made after seeing the current value, from a device whose clock is a day behind', async () => {
    const onTime = await enrolledDevice(hub, ['okinawa']);
    const behind = await enrolledDevice(hub, ['okinawa'], { skewMs: -86_400_000 });
    try {
      const [accountId] = await captureVisitors(onTime, 1, 'Skew Corp');
      const contactId = async (device: SyncedDevice) =>
        (await device.value('accounts.get', { id: accountId! })).contacts[0]!.id;
      const addEmail = async (device: SyncedDevice, email: string) =>
        device.value('capture.save', {
          eventId: (await device.value('events.list', {}))[0]!.id,
          language: 'en',
          fields: {
            ...visitor(0, 'Skew Corp'),
            emails: [email],
            match: { contactId: await contactId(device), accountId: accountId! },
          },
        });
      await onTime.sync();
      await addEmail(onTime, 'ontime@skew.example.com');
      await onTime.sync();
      // The device a day behind pulls that edit, and only then adds another address: its stamp is
      // older by the wall clock, but it saw the value it replaces.
      await behind.sync();
      await addEmail(behind, 'behind@skew.example.com');
      await behind.sync();
      await onTime.sync();
      expect(await behind.value('sync.issues', {})).toEqual([]);
      const emailsOn = async (device: SyncedDevice) =>
        (await device.value('accounts.get', { id: accountId! })).contacts[0]!.emails;
      expect(await emailsOn(onTime)).toEqual([
        'visitor0@skewcorp.example.com',
        'ontime@skew.example.com',
        'behind@skew.example.com',
      ]);
      expect(await emailsOn(behind)).toEqual(await emailsOn(onTime));
    } finally {
      onTime.close();
      behind.close();
    }
  });

  it('brings a territory added to the rep after enrolment, with what it held before', async () => {
    const email = `widened-${Date.now()}@example.com`;
    const rep = await enrolledDevice(hub, ['chubu'], { email });
    const colleague = await enrolledDevice(hub, ['kinki']);
    try {
      const [accountId] = await captureVisitors(colleague, 2, 'Kinki Works');
      await colleague.sync();
      await rep.sync();
      expect((await rep.dispatch('accounts.get', { id: accountId! })).ok).toBe(false);

      // The rep takes over Kinki too; the colleague meets one more visitor there.
      await addUser(
        hub.hub.database.db,
        { name: 'Widened Rep', email, role: 'rep', team: 'field', territories: ['chubu', 'kinki'] },
        hub.clock.now,
      );
      const event = (await colleague.value('events.list', {}))[0]!;
      await colleague.value('capture.save', {
        eventId: event.id,
        language: 'en',
        fields: { ...visitor(2, 'Kinki Works'), match: { contactId: null, accountId: accountId! } },
      });
      await colleague.sync();
      await rep.sync();
      expect((await rep.value('sync.status', {})).territories).toEqual(['chubu', 'kinki']);
      const onRep = await rep.value('accounts.get', { id: accountId! });
      const onColleague = await colleague.value('accounts.get', { id: accountId! });
      expect(onRep.contacts.map((c) => c.name).sort()).toEqual(onColleague.contacts.map((c) => c.name).sort());
      expect(onRep.contacts).toHaveLength(3);
      const touchpoints = (device: SyncedDevice) =>
        rows<{ id: string }>(device, 'SELECT id FROM touchpoints WHERE account_id = ? ORDER BY id', accountId).map(
          (r) => r.id,
        );
      expect(touchpoints(rep)).toHaveLength(6);
      expect(touchpoints(rep)).toEqual(touchpoints(colleague));
    } finally {
      rep.close();
      colleague.close();
    }
  });

  it('pulls again from the start when the hub is behind the device (restored from a backup)', async () => {
    const device = await enrolledDevice(hub, ['okinawa']);
    const colleague = await enrolledDevice(hub, ['okinawa']);
    try {
      await device.sync();
      // As if the hub were restored from a backup taken before the last thousand changes this device saw.
      const db = new Database(join(device.dataDir, DATABASE_FILE));
      db.prepare("UPDATE settings SET value = json_set(value, '$.cursor', ?) WHERE key = 'sync'").run(
        String(Number(cursorOf(device)) + 1000),
      );
      db.close();
      const [accountId] = await captureVisitors(colleague, 1, 'After Restore KK');
      await colleague.sync();

      await device.sync();
      expect(await device.value('sync.status', {})).toMatchObject({ state: 'up_to_date', issues: 0 });
      expect((await device.value('accounts.get', { id: accountId! })).account.name).toBe('After Restore KK');
    } finally {
      device.close();
      colleague.close();
    }
  });

  it('starts over once with a hub rolled back to a build that knows no cursor checks, then syncs as before', async () => {
    let rolledBack = false;
    // The older build refuses the query fields it does not know and answers without positions.
    const olderHub =
      (inner: typeof fetch): typeof fetch =>
      async (input, init) => {
        const url = new URL(input instanceof Request ? input.url : String(input));
        const checked = url.searchParams.has('check') || url.searchParams.has('pushed');
        if (rolledBack && url.pathname === '/v1/sync/pull' && checked) {
          return Response.json({ error: { code: 'INVALID_INPUT', message: 'Unrecognized key' } }, { status: 400 });
        }
        const response = await inner(input, init);
        if (!rolledBack || !url.pathname.startsWith('/v1/sync/') || response.status !== 200) return response;
        const { cursorCheck: _check, ...body } = (await response.json()) as Record<string, unknown>;
        if (url.pathname === '/v1/sync/push') delete body.cursor;
        return Response.json(body);
      };
    const device = await enrolledDevice(hub, ['oki'], { wrapFetch: olderHub });
    try {
      await captureVisitors(device, 1, 'Before Rollback KK');
      await device.sync();
      expect(rows(device, "SELECT json_extract(value, '$.cursorCheck') AS c FROM settings WHERE key = 'sync'")).toEqual(
        [{ c: expect.stringMatching(/^\d+$/) }],
      );
      rolledBack = true;
      const [accountId] = await captureVisitors(device, 1, 'Rolled Back KK');
      await device.sync();
      expect(await device.value('sync.status', {})).toMatchObject({ state: 'up_to_date', pending: 0, issues: 0 });
      expect((await device.value('accounts.get', { id: accountId! })).account.name).toBe('Rolled Back KK');
      // Started over once: the next sync resends nothing.
      const before = device.network.paths.length;
      await device.sync();
      expect(device.network.paths.slice(before)).not.toContain('/v1/sync/push');
      expect(await device.value('sync.status', {})).toMatchObject({ state: 'up_to_date', pending: 0 });
    } finally {
      device.close();
    }
  });

  it('recovers when the hub lost a push made before the first pull passed it (cursor still at the start)', async () => {
    const device = await enrolledDevice(hub, ['tokara']);
    try {
      const [accountId] = await captureVisitors(device, 1, 'First Push KK');
      await device.sync();
      // As after a fresh enrolment whose first pull broke off: the cursor at the start, and a push
      // position this hub never reached (it was restored to before it).
      const db = new Database(join(device.dataDir, DATABASE_FILE));
      db.prepare(
        `UPDATE settings SET value = json_set(value, '$.cursor', '0', '$.cursorCheck', NULL,
           '$.pushedTo', json_object('cursor', '99999999', 'check', '1')) WHERE key = 'sync'`,
      ).run();
      db.close();

      await device.sync();
      expect(await device.value('sync.status', {})).toMatchObject({ state: 'up_to_date', pending: 0, issues: 0 });
      expect((await device.value('accounts.get', { id: accountId! })).account.name).toBe('First Push KK');
      await device.sync();
      expect(await device.value('sync.status', {})).toMatchObject({ state: 'up_to_date', pending: 0 });
    } finally {
      device.close();
    }
  });

  it('pulls again from the start when the restored hub has since logged new changes under the numbers it lost', async () => {
    const device = await enrolledDevice(hub, ['amami']);
    const colleague = await enrolledDevice(hub, ['amami']);
    try {
      await device.sync();
      await colleague.sync();
      const db = hub.hub.database.db;
      const [backup] = await queryRows<{ seq: number }>(db, sql`SELECT max(seq) AS seq FROM change_log`);
      await captureVisitors(colleague, 1, 'Lost In Restore KK');
      await colleague.sync();
      await device.sync();
      // The hub goes back to a backup taken before that capture; the colleague's next capture
      // is then logged under the same sequence numbers the device has already read past.
      await db.execute(sql`DELETE FROM change_log WHERE seq > ${Number(backup!.seq)}`);
      const [accountId] = await captureVisitors(colleague, 1, 'After The Restore KK');
      await colleague.sync();
      // The hub is not behind the device: only the cursor's check can tell what happened.
      const [latest] = await queryRows<{ seq: number }>(db, sql`SELECT max(seq) AS seq FROM change_log`);
      expect(Number(latest!.seq)).toBeGreaterThanOrEqual(Number(cursorOf(device)));

      await device.sync();
      expect(await device.value('sync.status', {})).toMatchObject({ state: 'up_to_date', issues: 0 });
      expect((await device.value('accounts.get', { id: accountId! })).account.name).toBe('After The Restore KK');
    } finally {
      device.close();
      colleague.close();
    }
  });

  it('gives a hub restored from a backup back what devices pushed since, once; a settled conflict stays settled', async () => {
    const restorable = await restorableHub();
    const restored = restorable.hub;
    const { repA, repB, contactId } = await emailConflict('ryukyu', 'Settled Corp', restored);
    try {
      // Before the backup, B settles the conflict with its own value.
      const [issue] = await repB.value('sync.issues', {});
      await repB.value('sync.resolve', { issueId: issue!.id, choice: 'mine' });
      await waitIdle(repB);
      await repB.sync();
      await repA.sync();
      await restorable.backUp();

      // After it, A captures two visitors, and A then B add an address to the settled contact,
      // each having seen the other's; both devices have it all.
      const [accountId] = await captureVisitors(repA, 2, 'Pushed After Backup KK');
      const settled = {
        contactId,
        accountId: (await repA.value('accounts.search', { query: 'Settled Corp' })).items[0]!.id,
      };
      await addEmail(repA, 'Settled Corp', settled, 'a-after@settled.example.com');
      await repA.sync();
      await repB.sync();
      await addEmail(repB, 'Settled Corp', settled, 'b-after@settled.example.com');
      await repB.sync();
      await repA.sync();
      await restorable.restore();
      const onHub = async () =>
        (
          await queryRows<{ id: string }>(
            restored.hub.database.db,
            sql`SELECT t.id FROM touchpoints t JOIN accounts a ON a.id = t.account_id WHERE a.territory = 'ryukyu' ORDER BY t.id`,
          )
        ).map((row) => row.id);
      const touchpoints = (device: SyncedDevice) =>
        rows<{ id: string }>(
          device,
          "SELECT t.id FROM touchpoints t JOIN accounts a ON a.id = t.account_id WHERE a.territory = 'ryukyu' ORDER BY t.id",
        ).map((row) => row.id);
      expect((await onHub()).length).toBeLessThan(touchpoints(repA).length);
      // A rep enrolled after the restore captures more than was lost, so the new changes take the
      // lost ones' numbers and more: the hub is not behind the devices, only the cursor checks tell.
      const newcomer = await enrolledDevice(restored, ['ryukyu']);
      await captureVisitors(newcomer, 4, 'Written After Restore KK');
      await newcomer.sync();
      newcomer.close();
      const [latest] = await queryRows<{ seq: number }>(
        restored.hub.database.db,
        sql`SELECT max(seq) AS seq FROM change_log`,
      );
      for (const device of [repA, repB]) {
        expect(Number(latest!.seq)).toBeGreaterThanOrEqual(Number(cursorOf(device)));
      }

      await repB.sync();
      await repA.sync();
      await repB.sync();
      expect(await onHub()).toEqual(touchpoints(repA));
      expect(touchpoints(repB)).toEqual(touchpoints(repA));
      expect((await repB.value('accounts.get', { id: accountId! })).contacts).toHaveLength(2);
      for (const device of [repA, repB]) {
        expect(await device.value('sync.status', {})).toMatchObject({ state: 'up_to_date', pending: 0, issues: 0 });
      }
      // Resent old edits ask nothing: B's settled conflict was answered as before, and the edits
      // made after the backup (each based on a clock the restored hub lost) end as B's, the newer.
      const contact = async (device: SyncedDevice) =>
        (await device.value('accounts.get', { id: settled.accountId })).contacts.find((c) => c.id === contactId);
      expect((await contact(repA))?.emails).toEqual(
        expect.arrayContaining(['a-after@settled.example.com', 'b-after@settled.example.com']),
      );
      expect((await contact(repB))?.emails).toContain('b-first@settled.example.com');
      expect((await contact(repA))?.emails).toEqual((await contact(repB))?.emails);
    } finally {
      repA.close();
      repB.close();
      await restorable.close();
    }
  });

  it('places a contact moved to an account created after it, in one page or in a later pull', async () => {
    // This device holds the contact before the move; the other pulls everything after it.
    const before = await enrolledDevice(hub, ['sanin']);
    const dir = mkdtempSync(join(tmpdir(), 'moved-contact-'));
    const load = async (kind: ImportKind, rows: unknown[]) => {
      const file = join(dir, `${kind}-${Date.now()}.json`);
      writeFileSync(file, JSON.stringify(rows));
      const db = hub.hub.database.db;
      const options = { kind, file, format: formatOf(file), source: 'crm', dryRun: false, now: hub.clock.now };
      expect(await importFile(db, options)).toMatchObject({ applied: true });
    };
    const person = (account: string) => ({
      external_id: 'MOVED-1',
      account_external_id: account,
      name: 'Moved Person',
      emails: ['moved@example.com'],
    });
    await load('accounts', [{ external_id: 'OLD-HOME', name: 'Old Home KK', territory: 'sanin' }]);
    await load('contacts', [person('OLD-HOME')]);
    await before.sync();
    await load('accounts', [{ external_id: 'NEW-HOME', name: 'New Home KK', territory: 'sanin' }]);
    await load('contacts', [person('NEW-HOME')]);
    await before.sync();

    const after = await enrolledDevice(hub, ['sanin']);
    try {
      for (const device of [before, after]) {
        const home = async (query: string) =>
          device.value('accounts.get', { id: (await device.value('accounts.search', { query })).items[0]!.id });
        expect((await home('New Home')).contacts.map((c) => c.name)).toEqual(['Moved Person']);
        expect((await home('Old Home')).contacts).toEqual([]);
        // Searching the person finds only the account they are at now.
        const found = await device.value('accounts.search', { query: 'Moved Person' });
        expect(found.items.map((a) => a.name)).toEqual(['New Home KK']);
      }
    } finally {
      before.close();
      after.close();
    }
  });

  it('converges with clocks skewed a day apart', async () => {
    const ahead = await enrolledDevice(hub, ['tohoku'], { skewMs: 86_400_000 });
    const behind = await enrolledDevice(hub, ['tohoku'], { skewMs: -86_400_000 });
    try {
      await captureVisitors(ahead, 2, 'Tomorrow Inc');
      await captureVisitors(behind, 2, 'Yesterday Inc');
      for (let round = 0; round < 2; round++) {
        await ahead.sync();
        await behind.sync();
      }
      const count = (device: SyncedDevice) =>
        rows<{ n: number }>(device, 'SELECT COUNT(*) AS n FROM touchpoints')[0]!.n;
      expect(count(ahead)).toBe(8);
      expect(count(behind)).toBe(8);
      const ids = (device: SyncedDevice) =>
        rows<{ id: string }>(device, 'SELECT id FROM touchpoints ORDER BY id').map((r) => r.id);
      expect(ids(ahead)).toEqual(ids(behind));
    } finally {
      ahead.close();
      behind.close();
    }
  });

  it('refuses a plain http:// hub address unless the hub runs on this computer', async () => {
    const { network, fetch } = networkTo(hub);
    const core = startCore({ demoDatasetFile: undefined, fetch });
    try {
      const code = await repWithCodeOn(hub.hub.database.db, hub.clock.now, ['kanto']);
      const enrol = (hubUrl: string) => core.dispatch('sync.enrol', { hubUrl, code, deviceName: 'laptop' });
      expect(await enrol('http://hub.example.com')).toMatchObject({
        ok: false,
        error: { code: 'INSECURE_HUB_URL', field: 'hubUrl' },
      });
      expect(await enrol('http://10.0.0.5:8080')).toMatchObject({ ok: false, error: { code: 'INSECURE_HUB_URL' } });
      expect(network.paths).toEqual([]);
      expect(await enrol('http://localhost:8080')).toMatchObject({ ok: true });
      // Enrolling starts the first sync; it finishes before the database closes.
      await waitIdle(core);
    } finally {
      core.close();
    }
  });

  it('refuses to enrol where the OS cannot keep the token safe, before the one-time code is spent', async () => {
    const { network, fetch } = networkTo(hub);
    const core = startCore({
      demoDatasetFile: undefined,
      fetch,
      secrets: { available: false, read: () => null, write: () => expect.unreachable('no token to keep') },
    });
    try {
      const code = await repWithCodeOn(hub.hub.database.db, hub.clock.now, ['kanto']);
      const refused = await core.dispatch('sync.enrol', {
        hubUrl: 'http://127.0.0.1:9',
        code,
        deviceName: 'no keyring',
      });
      expect(refused).toMatchObject({ ok: false, error: { code: 'SECURE_STORAGE_UNAVAILABLE' } });
      expect(network.paths).toEqual([]);
      expect((await core.value('sync.status', {})).state).toBe('not_enrolled');
    } finally {
      core.close();
    }
  });

  it('stops and says so when the hub revokes the device, and refuses to sign out while work is unsynced', async () => {
    const rep = await enrolledDevice(hub, ['hokkaido']);
    try {
      const status = await rep.value('sync.status', {});
      expect(status.territories).toEqual(['hokkaido']);
      await captureVisitors(rep, 1, 'Revoked Ltd');
      const deviceId = rows<{ value: string }>(rep, "SELECT value FROM settings WHERE key = 'sync'")[0]!.value;
      await revokeDevice(
        hub.hub.database.db,
        (JSON.parse(deviceId) as { identity: { deviceId: string } }).identity.deviceId,
        hub.clock.now,
      );
      await rep.sync();
      expect(await rep.value('sync.status', {})).toMatchObject({ state: 'signed_out_by_hub' });
      expect(await rep.dispatch('sync.signOut', {})).toMatchObject({ ok: false, error: { code: 'UNSYNCED_WORK' } });
    } finally {
      rep.close();
    }
  });

  it('notices a restore that lost a push whose pull never came, and sends the push again', async () => {
    const restorable = await restorableHub();
    const rep = await enrolledDevice(restorable.hub, ['tsushima']);
    try {
      await rep.sync();
      await restorable.backUp();
      // The push is acknowledged, then the pull after it breaks off: the cursor stays before the push.
      const [accountId] = await captureVisitors(rep, 1, 'Pushed Not Pulled KK');
      rep.network.cut = { path: '/v1/sync/pull', bytes: 0 };
      await rep.sync();
      expect(await rep.value('sync.status', {})).toMatchObject({ state: 'offline', pending: 0 });
      await restorable.restore();
      // Visitors captured since go first in the next sync, into the numbers the lost push had and
      // past them: the position this device checks must not move past the loss unchecked.
      const [laterId] = await captureVisitors(rep, 3, 'Captured After Restore KK');

      await rep.sync();
      expect(await rep.value('sync.status', {})).toMatchObject({ state: 'up_to_date', pending: 0, issues: 0 });
      for (const id of [accountId!, laterId!]) {
        const onHub = await touchpointsOnHub(restorable.hub, id);
        expect(onHub).toBeGreaterThan(0);
        expect(onHub).toBe(rows(rep, 'SELECT id FROM touchpoints WHERE account_id = ?', id).length);
      }
    } finally {
      rep.close();
      await restorable.close();
    }
  });

  it('gives a restored hub that lost the enrolment of a device its work back once the device is enrolled again', async () => {
    const restorable = await restorableHub();
    const restored = restorable.hub;
    // The backup is taken before this device is enrolled.
    await restorable.backUp();
    const rep = await enrolledDevice(restored, ['iki']);
    try {
      const [accountId] = await captureVisitors(rep, 2, 'Enrolled After Backup KK');
      await rep.sync();
      const acknowledged = rows<{ hub_id: string }>(rep, "SELECT hub_id FROM outbox WHERE state = 'done'");
      expect(acknowledged.length).toBeGreaterThan(0);

      await restorable.restore();
      await rep.sync();
      expect(await rep.value('sync.status', {})).toMatchObject({ state: 'signed_out_by_hub', pending: 0 });
      expect(await rep.value('sync.signOut', {})).toMatchObject({ state: 'not_enrolled' });
      // What that hub acknowledged stays, for that hub only.
      expect(
        rows(rep, "SELECT id FROM outbox WHERE state = 'done' AND hub_id = ?", acknowledged[0]!.hub_id),
      ).toHaveLength(acknowledged.length);

      const code = await repWithCodeOn(restored.hub.database.db, restored.clock.now, ['iki']);
      await rep.value('sync.enrol', { hubUrl: 'http://127.0.0.1:9', code, deviceName: 'same laptop' });
      await waitIdle(rep);
      expect(await rep.value('sync.status', {})).toMatchObject({ state: 'up_to_date', pending: 0, issues: 0 });
      const onHub = await touchpointsOnHub(restored, accountId!);
      expect(onHub).toBe(rows(rep, 'SELECT id FROM touchpoints WHERE account_id = ?', accountId).length);
      expect(onHub).toBeGreaterThan(0);
    } finally {
      rep.close();
      await restorable.close();
    }
  });
});

describe('content from the hub', () => {
  const DAY = 86_400_000;
  const publish = (file: string, title: string, validUntil: number | null, itemId?: string) =>
    publishContent(
      hub.hub.database.db,
      hub.hub.blobs,
      {
        file: join(ROOT, 'resources/demo/content', file),
        ...(itemId ? { itemId } : { kind: 'pdf' as const }),
        title,
        language: 'en',
        mime: 'application/pdf',
        pageCount: null,
        tags: { stages: ['adoption'] },
        keyMessages: ['Synced'],
        validFrom: hub.clock.now - DAY,
        validUntil,
        approver: 'Marketing QA',
      },
      hub.clock.now,
    );

  it('resumes a download cut mid-file, refuses a corrupted file, and follows a retirement', async () => {
    const rep = await enrolledDevice(hub, ['shikoku']);
    try {
      const guide = await publish('00-manufacturing-dx-adoption-guide-v3.pdf', 'Sync guide', hub.clock.now + 30 * DAY);
      rep.network.cut = { path: '/v1/content/blobs/', bytes: 20_000 };
      await rep.sync();
      expect((await rep.value('sync.status', {})).state).toBe('offline');
      const downloads = await rep.value('sync.downloads', {});
      expect(downloads.find((d) => d.sha256 === guide.sha256)).toMatchObject({ state: 'queued', received: 20_000 });

      await rep.sync();
      expect(await rep.value('sync.downloads', {})).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ sha256: guide.sha256, state: 'done', received: guide.size }),
        ]),
      );
      const { item } = await rep.value('content.item', { itemId: guide.itemId });
      expect(item.shown).toMatchObject({ versionId: guide.id, problem: null });
      // The second request asked only for the rest of the file.
      expect(rep.network.ranges.slice(0, 2)).toEqual([null, 'bytes=20000-']);

      // The hub's copy of the next file is damaged: the device refuses it and keeps nothing.
      const broken = await publish('02-case-study-toyo-seiko-v1.pdf', 'Damaged on the hub', hub.clock.now + 30 * DAY);
      const onHub = hub.hub.blobs.pathOf(broken.sha256);
      writeFileSync(onHub, Buffer.alloc(statSync(onHub).size, 7));
      await rep.sync();
      expect((await rep.value('sync.downloads', {})).find((d) => d.sha256 === broken.sha256)).toMatchObject({
        state: 'failed',
      });
      expect((await rep.value('content.item', { itemId: broken.itemId })).item.shown.problem).not.toBeNull();
      // It is not fetched again at every sync, but after a wait the queue shows.
      const requestsFor = (sha256: string) =>
        rep.network.paths.filter((path) => path === `/v1/content/blobs/${sha256}`).length;
      expect(requestsFor(broken.sha256)).toBe(1);
      await rep.sync();
      expect(requestsFor(broken.sha256)).toBe(1);
      const waiting = (await rep.value('sync.downloads', {})).find((d) => d.sha256 === broken.sha256);
      expect(waiting).toMatchObject({
        state: 'failed',
        error: expect.stringContaining('SHA-256'),
        retryReason: 'damaged',
      });
      expect(waiting!.retryAt! - Date.now()).toBeGreaterThan(60_000);
      // Repaired on the hub; once the wait is over the device takes it.
      copyFileSync(join(ROOT, 'resources/demo/content/02-case-study-toyo-seiko-v1.pdf'), onHub);
      rep.advanceClock(61 * 60_000);
      await rep.sync();
      expect(requestsFor(broken.sha256)).toBe(2);
      expect((await rep.value('content.item', { itemId: broken.itemId })).item.shown.problem).toBeNull();

      // The core stopped after a file was complete but before it moved into the store:
      // the finished part file is checked and adopted without asking the hub again.
      const whitepaper = await publish('01-trade-show-lead-management-whitepaper-v1.pdf', 'Left complete', null);
      const partDir = join(rep.dataDir, 'content', 'tmp');
      mkdirSync(partDir, { recursive: true });
      copyFileSync(hub.hub.blobs.pathOf(whitepaper.sha256), join(partDir, `${whitepaper.sha256}.part`));
      await rep.sync();
      expect(rep.network.paths).not.toContain(`/v1/content/blobs/${whitepaper.sha256}`);
      expect((await rep.value('content.item', { itemId: whitepaper.itemId })).item.shown).toMatchObject({
        versionId: whitepaper.id,
        problem: null,
      });

      // Marketing retires the guide: after the next sync it can no longer be presented, offline too.
      await retireContent(hub.hub.database.db, guide.id);
      await rep.sync();
      expect((await rep.value('content.item', { itemId: guide.itemId })).item.shown.problem).toBe('retired');
    } finally {
      rep.close();
    }
  });

  it('deletes the part file of a download cut off before its version was retired', async () => {
    const rep = await enrolledDevice(hub, ['shikoku']);
    try {
      rep.network.cut = { path: '/v1/content/blobs/', bytes: 10_000 };
      const brief = await publish('26-technical-brief-for-it-v1.pdf', 'Cut, then retired', null);
      await rep.sync();
      const part = join(rep.dataDir, 'content', 'tmp', `${brief.sha256}.part`);
      expect(existsSync(part)).toBe(true);

      await retireContent(hub.hub.database.db, brief.id);
      await rep.sync();
      expect(await rep.value('sync.status', {})).toMatchObject({ state: 'up_to_date' });
      expect(existsSync(part)).toBe(false);
    } finally {
      rep.close();
    }
  });

  it('lets the other files download when the hub cannot send one, which waits for its next try', async () => {
    // Smallest first: the file missing on the hub is the first one the device asks for.
    const lost = await publish('14-financial-services-compliance-brief-v1.pdf', 'Lost on the hub', null);
    const fine = await publish('17-sample-implementation-timeline-v1.pdf', 'Still on the hub', null);
    const onHub = hub.hub.blobs.pathOf(lost.sha256);
    const kept = readFileSync(onHub);
    rmSync(onHub);
    const rep = await enrolledDevice(hub, ['shikoku']);
    try {
      await rep.sync();
      expect(await rep.value('sync.status', {})).toMatchObject({ state: 'up_to_date' });
      const downloads = await rep.value('sync.downloads', {});
      expect((await rep.value('content.item', { itemId: fine.itemId })).item.shown.problem).toBeNull();
      const waiting = downloads.find((d) => d.sha256 === lost.sha256);
      expect(waiting).toMatchObject({ state: 'failed', retryReason: 'unavailable' });
      expect(waiting!.retryAt! - Date.now()).toBeGreaterThan(60_000);

      // Back on the hub: after the wait the device takes it.
      writeFileSync(onHub, kept);
      rep.advanceClock(61 * 60_000);
      await rep.sync();
      expect((await rep.value('content.item', { itemId: lost.itemId })).item.shown.problem).toBeNull();
    } finally {
      rep.close();
    }
  });
});

/** A hub-side device for reading what the hub holds. */
async function hubDevice(hub: TestHub, territories: string[]) {
  return hub.enrol({ territories });
}
