import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SETUP_TIMEOUT, startTestHub, type TestHub } from '../hub/support/hub';
import { accountCreate } from '../hub/support/mutations';
import { enrolledDevice, waitIdle } from '../support/sync';

let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub('pglite');
  hub.clock.now = Date.now();
}, SETUP_TIMEOUT);

afterAll(() => hub?.close());

describe('the sync engine against a hub that fails mid-answer', () => {
  it('does not count a pull cut after its first page as a recent pull', async () => {
    const source = await hub.enrol({ territories: ['kanto'] });
    const accounts = Array.from({ length: 40 }, () => accountCreate({ territory: 'kanto' }));
    await hub.push(source, accounts);

    let pulls = 0;
    const core = await enrolledDevice(hub, ['kanto'], {
      pageSize: 10,
      wrapFetch: (inner) =>
        (async (input: string | URL | Request, init?: RequestInit) => {
          const url = String(input);
          // The second page of the pull never arrives (the venue Wi-Fi drops).
          if (url.includes('/v1/sync/pull') && ++pulls >= 2) throw new TypeError('fetch failed: ECONNRESET');
          return inner(input, init);
        }) as typeof fetch,
    });
    try {
      await waitIdle(core);
      const status = await core.value('sync.status', {});
      const { total } = await core.value('accounts.search', { query: '', limit: 200 });
      expect(status.state).toBe('offline');
      expect(total).toBeLessThan(accounts.length);
      const event = await core.value('events.create', {
        name: 'Readiness Expo',
        startsOn: '2026-12-01',
        endsOn: '2026-12-02',
        consentText: 'OK to contact',
        consentVersion: 'r-1',
      });
      const readiness = await core.value('sync.readiness', { eventId: event.id });
      const lastPull = readiness.checks.find((c) => c.id === 'last_pull')!;
      // The device has never completed a pull: it is not up to date with the hub.
      expect(lastPull.ok).toBe(false);
    } finally {
      core.close();
    }
  });

  it('gives up on a hub that sends the headers of an answer and then stalls', async () => {
    let stall = true;
    // Enrolment waits for its first sync to end (waitIdle gives up after 10 s); the client's timeout is 1 s.
    const core = await enrolledDevice(hub, ['tohoku'], {
      wrapFetch: (inner) =>
        (async (input: string | URL | Request, init?: RequestInit) => {
          const url = String(input);
          if (stall && url.includes('/v1/sync/pull')) {
            stall = false;
            // Headers arrive, the body starts, then nothing more (no RST: a dead Wi-Fi link).
            const body = new ReadableStream<Uint8Array>({
              start(controller) {
                controller.enqueue(new TextEncoder().encode('{"hubId":'));
              },
            });
            return new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
          }
          return inner(input, init);
        }) as typeof fetch,
    });
    try {
      expect((await core.value('sync.status', {})).state).not.toBe('syncing');
    } finally {
      core.close();
    }
  });
});
