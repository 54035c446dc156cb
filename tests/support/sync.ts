import { createEnrolmentCode } from '../../server/admin/devices';
import { addTeam, addTerritory, addUser } from '../../server/admin/people';
import type { HubDrizzle } from '../../server/db/connection';
import type { TestHub } from '../hub/support/hub';
import { startCore, type TestCore } from './core';

/**
 * A fetch the engine can use against an in-process test hub, with faults on demand:
 * `offline` refuses every request like a dead network, `failures` answers the next
 * requests with these HTTP statuses, `loseAcks` lets the hub apply the next pushes and
 * then drops the answer (the acknowledgement lost after the hub committed).
 */
export interface Network {
  offline: boolean;
  failures: number[];
  loseAcks: number;
  /** Cut the next answer from a path starting with `path` after `bytes` bytes (the connection drops mid-answer). */
  cut: { path: string; bytes: number } | null;
  /** Never answer the next request (the hub hangs): only the client's timeout ends it. */
  hangNext: boolean;
  /** A proxy in front of the hub that answers 413 to request bodies larger than this. */
  bodyLimit: number | null;
  /** The Range header of every content download, to see resumption happen. */
  ranges: (string | null)[];
  requests: number;
  /** The path of every request that reached the hub, in order. */
  paths: string[];
}

/**
 * A body that delivers `limit` bytes of `body` and then fails like a dropped connection.
 * The failure comes at the read after the last bytes: erroring in the same step would
 * discard them whenever the reader was not already waiting (a busy machine), so how much
 * arrived would depend on timing.
 */
function cutAfter(body: ReadableStream<Uint8Array>, limit: number): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let sent = 0;
  return new ReadableStream({
    async pull(controller) {
      if (sent >= limit) {
        void reader.cancel();
        return controller.error(new TypeError('terminated: other side closed'));
      }
      const { value, done } = await reader.read();
      if (done) return controller.close();
      const chunk = value.subarray(0, limit - sent);
      sent += chunk.length;
      controller.enqueue(chunk);
    },
  });
}

export function networkTo(hub: TestHub): { network: Network; fetch: typeof fetch } {
  const network: Network = {
    offline: false,
    failures: [],
    loseAcks: 0,
    cut: null,
    hangNext: false,
    bodyLimit: null,
    ranges: [],
    requests: 0,
    paths: [],
  };
  const fetchImpl = (async (input: string | URL | Request, init?: RequestInit) => {
    network.requests++;
    if (network.offline) throw new TypeError('fetch failed: connect ECONNREFUSED');
    if (network.hangNext) {
      network.hangNext = false;
      return new Promise<Response>((_, reject) =>
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
      );
    }
    const body = init?.body;
    const bodyBytes =
      typeof body === 'string' ? Buffer.byteLength(body) : body instanceof Uint8Array ? body.byteLength : 0;
    if (network.bodyLimit !== null && bodyBytes > network.bodyLimit) {
      return new Response('<html>413 Request Entity Too Large</html>', { status: 413 });
    }
    const status = network.failures.shift();
    if (status !== undefined) return new Response(`<html>${status}</html>`, { status });
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    network.paths.push(url.pathname);
    if (url.pathname.startsWith('/v1/content/blobs/')) network.ranges.push(new Headers(init?.headers).get('range'));
    const response = await hub.hub.app.request(`http://hub.test${url.pathname}${url.search}`, init);
    if (url.pathname === '/v1/sync/push' && network.loseAcks > 0) {
      network.loseAcks--;
      throw new TypeError('fetch failed: socket hang up');
    }
    if (network.cut && url.pathname.startsWith(network.cut.path) && response.body) {
      const limit = network.cut.bytes;
      network.cut = null;
      return new Response(cutAfter(response.body, limit), { status: response.status, headers: response.headers });
    }
    return response;
  }) as typeof fetch;
  return { network, fetch: fetchImpl };
}

let people = 0;

/** A rep on the hub with these territories, and a one-time enrolment code for their device. */
export async function repWithCodeOn(
  db: HubDrizzle,
  now: number,
  territories: string[],
  email = `device-rep-${++people}-${Date.now()}@example.com`,
): Promise<string> {
  await addTeam(db, { code: 'field', name: 'Field sales', function: 'field_sales' }, now);
  for (const code of territories) await addTerritory(db, { code, name: code.toUpperCase() }, now);
  await addUser(db, { name: email.split('@')[0]!, email, role: 'rep', team: 'field', territories }, now);
  return (await createEnrolmentCode(db, email, now)).code;
}

const repWithCode = (hub: TestHub, territories: string[], email?: string) =>
  repWithCodeOn(hub.hub.database.db, hub.clock.now, territories, email);

export interface SyncedDevice extends TestCore {
  network: Network;
  /** Runs one sync and waits for it. */
  sync(): Promise<void>;
  /** Moves the device's clock forward (time passing between syncs). */
  advanceClock(ms: number): void;
}

/** A device (a real core on a temporary folder, no demo data) enrolled with the hub for `territories`. */
export async function enrolledDevice(
  hub: TestHub,
  territories: string[],
  /**
   * `email`: the rep's, to change their territories later (`repWithCodeOn` again);
   * `wrapFetch`: puts a fault of the test's own between the device and the network.
   */
  options: {
    skewMs?: number;
    dataDir?: string;
    email?: string;
    wrapFetch?: (inner: typeof fetch) => typeof fetch;
    pageSize?: number;
  } = {},
): Promise<SyncedDevice> {
  const { network, fetch } = networkTo(hub);
  let skew = options.skewMs ?? 0;
  const core = startCore({
    demoDatasetFile: undefined,
    fetch: options.wrapFetch ? options.wrapFetch(fetch) : fetch,
    syncIntervalMs: 3_600_000,
    // Only the test's own syncs run: an automatic retry 1-2 s after a failed one raced the
    // checks of what that failure left (a cut download found complete, once in five runs).
    syncRetryBaseMs: 3_600_000,
    syncTimeoutMs: 1_000,
    now: () => Date.now() + skew,
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.pageSize ? { syncPageSize: options.pageSize } : {}),
  });
  const device: SyncedDevice = {
    ...core,
    network,
    async sync() {
      await core.value('sync.now', {});
      await waitIdle(core);
    },
    advanceClock(ms) {
      skew += ms;
    },
  };
  if (!options.dataDir) {
    const code = await repWithCode(hub, territories, options.email);
    await core.value('sync.enrol', { hubUrl: 'http://127.0.0.1:9', code, deviceName: 'test laptop' });
    await waitIdle(core);
  }
  return device;
}

/** Waits until the engine has no run in progress. */
export async function waitIdle(core: TestCore): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const status = await core.value('sync.status', {});
    if (status.state !== 'syncing') return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('sync did not finish');
}
