import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContentManifest, type Change, type SyncContentVersion } from '../../src/shared/sync-api';
import { publishContent, retireContent } from '../../server/admin/content';
import { contentState } from '../../server/content/versions';
import { forEachDatabase, SETUP_TIMEOUT, startTestHub, type Device, type TestHub } from './support/hub';

const DAY = 86_400_000;
const FILE_SIZE = 300_000;

describe('content state', () => {
  const version = (v: Partial<SyncContentVersion>) =>
    ({ approval: 'approved', validFrom: 1_000, validUntil: 2_000, ...v }) as SyncContentVersion;
  it('is presentable only when approved and inside its validity', () => {
    expect(contentState(version({}), 1_500)).toBe('presentable');
    expect(contentState(version({}), 999)).toBe('scheduled');
    expect(contentState(version({}), 2_000)).toBe('expired');
    expect(contentState(version({ validUntil: null }), 9_999_999)).toBe('presentable');
    expect(contentState(version({ approval: 'retired' }), 1_500)).toBe('retired');
    expect(contentState(version({ approval: 'draft' }), 1_500)).toBe('draft');
  });
});

forEachDatabase('content', (variant) => {
  let t: TestHub;
  let rep: Device;
  let other: Device;
  let dir: string;
  let server: { url: string; close(): void };
  let bytes: Buffer;
  let sha256: string;
  let versionId: string;

  beforeAll(async () => {
    t = await startTestHub(variant);
    server = await new Promise((resolve) => {
      const listening = serve({ fetch: t.hub.app.fetch, hostname: '127.0.0.1', port: 0 }, (info) =>
        resolve({ url: `http://127.0.0.1:${info.port}`, close: () => listening.close() }),
      );
    });
    rep = await t.enrol({ territories: ['kanto'] });
    other = await t.enrol({ territories: ['dach'] });
    dir = mkdtempSync(join(tmpdir(), 'hub-content-'));
    bytes = randomBytes(FILE_SIZE);
    sha256 = createHash('sha256').update(bytes).digest('hex');
    writeFileSync(join(dir, 'guide.pdf'), bytes);
    const version = await publishContent(
      t.hub.database.db,
      t.hub.blobs,
      {
        file: join(dir, 'guide.pdf'),
        kind: 'pdf',
        title: '製造業DX導入ガイド',
        language: 'ja',
        mime: 'application/pdf',
        pageCount: 12,
        tags: { stages: ['solution_exploration'], industries: ['manufacturing'] },
        keyMessages: ['オフラインでも承認済み資料だけを提示'],
        validFrom: t.clock.now - DAY,
        validUntil: t.clock.now + 30 * DAY,
        approver: 'Marketing Lead',
      },
      t.clock.now,
    );
    versionId = version.id;
  }, SETUP_TIMEOUT);
  afterAll(async () => {
    server?.close();
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** In-process requests get a web Response; behind Node's HTTP server the file is piped to the socket. */
  type Via = 'in-process' | 'HTTP server';
  const blob = (headers: Record<string, string> = {}, hash = sha256, method = 'GET', via: Via = 'in-process') => {
    if (via === 'in-process') return t.request(`/v1/content/blobs/${hash}`, { token: rep.token, headers, method });
    return fetch(`${server.url}/v1/content/blobs/${hash}`, {
      method,
      headers: { ...headers, authorization: `Bearer ${rep.token}` },
    });
  };

  it('announces a published version to every territory and lists it as presentable', async () => {
    for (const device of [rep, other]) {
      const versions = (await t.pullAll(device)).changes.filter(
        (c): c is Extract<Change, { kind: 'content_version' }> => c.kind === 'content_version',
      );
      expect(versions.map((v) => v.data)).toEqual([
        expect.objectContaining({
          id: versionId,
          sha256,
          size: FILE_SIZE,
          version: 1,
          itemKind: 'pdf',
          blobAvailable: true,
        }),
      ]);
    }
    const manifest = ContentManifest.parse((await t.json('/v1/content/manifest', { token: rep.token })).body);
    expect(manifest.versions.map((v) => [v.id, v.state])).toEqual([[versionId, 'presentable']]);
  });

  for (const via of ['in-process', 'HTTP server'] as const) {
    it(`serves the whole file with an ETag, and 304 for a matching If-None-Match (${via})`, async () => {
      const response = await blob({}, sha256, 'GET', via);
      expect(response.status).toBe(200);
      expect(response.headers.get('etag')).toBe(`"${sha256}"`);
      expect(response.headers.get('accept-ranges')).toBe('bytes');
      expect(response.headers.get('content-length')).toBe(String(FILE_SIZE));
      expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
      expect(response.headers.get('x-request-id')).toBeTruthy();
      expect((await blob({ 'if-none-match': `"${sha256}"` }, sha256, 'GET', via)).status).toBe(304);
      // Weak comparison, and a list: a cache that marked the tag weak still matches; another file's tag does not.
      expect((await blob({ 'if-none-match': `"other", W/"${sha256}"` }, sha256, 'GET', via)).status).toBe(304);
      const other = await blob({ 'if-none-match': `W/"${'0'.repeat(64)}"` }, sha256, 'GET', via);
      expect(other.status).toBe(200);
      await other.body?.cancel();
      const head = await blob({}, sha256, 'HEAD', via);
      expect(head.status).toBe(200);
      expect(head.headers.get('content-length')).toBe(String(FILE_SIZE));
    });

    it(`serves byte ranges, honours If-Range, and refuses a range beyond the file with 416 (${via})`, async () => {
      const cases: [string, number, number][] = [
        ['bytes=0-99', 0, 99],
        ['bytes=1000-', 1000, FILE_SIZE - 1],
        ['bytes=-500', FILE_SIZE - 500, FILE_SIZE - 1],
        [`bytes=${FILE_SIZE - 10}-${FILE_SIZE + 100}`, FILE_SIZE - 10, FILE_SIZE - 1],
        // A suffix longer than the file is all of it (RFC 9110 §14.1.3).
        [`bytes=-${FILE_SIZE + 500}`, 0, FILE_SIZE - 1],
      ];
      for (const [range, start, end] of cases) {
        const response = await blob({ range }, sha256, 'GET', via);
        expect(response.status).toBe(206);
        expect(response.headers.get('content-range')).toBe(`bytes ${start}-${end}/${FILE_SIZE}`);
        expect(Buffer.from(await response.arrayBuffer()).equals(bytes.subarray(start, end + 1))).toBe(true);
      }
      const resumed = await blob({ range: 'bytes=200000-', 'if-range': `"${sha256}"` }, sha256, 'GET', via);
      expect(resumed.status).toBe(206);
      expect((await resumed.arrayBuffer()).byteLength).toBe(FILE_SIZE - 200_000);
      // The client's copy is of another file: it gets the whole current file instead of a mismatched tail.
      const changed = await blob({ range: 'bytes=200000-', 'if-range': '"0000"' }, sha256, 'GET', via);
      expect(changed.status).toBe(200);
      expect((await changed.arrayBuffer()).byteLength).toBe(FILE_SIZE);

      // A malformed Range, or one in another unit, is ignored: the whole file.
      for (const range of ['bytes=abc', 'items=0-9', 'bytes=5-1']) {
        const ignored = await blob({ range }, sha256, 'GET', via);
        expect({ range, status: ignored.status }).toEqual({ range, status: 200 });
        expect((await ignored.arrayBuffer()).byteLength).toBe(FILE_SIZE);
      }

      const beyond = await blob({ range: `bytes=${FILE_SIZE}-` }, sha256, 'GET', via);
      expect(beyond.status).toBe(416);
      expect(beyond.headers.get('content-range')).toBe(`bytes */${FILE_SIZE}`);
      expect(await beyond.json()).toEqual({ error: { code: 'RANGE_NOT_SATISFIABLE', message: expect.any(String) } });
    });
  }

  it('serves only registered hashes from its own store, never a path from the request', async () => {
    const refusals: [string, number][] = [
      ['../../../../etc/passwd', 404],
      ['..%2F..%2F..%2Fetc%2Fpasswd', 400],
      [sha256.toUpperCase(), 400],
      [`${sha256}.pdf`, 400],
      ['0'.repeat(64), 404],
    ];
    for (const [path, status] of refusals) {
      const response = await t.request(`/v1/content/blobs/${path}`, { token: rep.token });
      expect({ path, status: response.status }).toEqual({ path, status });
      const text = await response.text();
      expect(text).not.toContain('root:');
      expect(JSON.parse(text).error.code).toMatch(/^(NOT_FOUND|INVALID_INPUT)$/);
    }
    // A file placed in the store by hand is not served until it is registered (published).
    const stray = randomBytes(100);
    const strayHash = createHash('sha256').update(stray).digest('hex');
    writeFileSync(join(dir, 'stray.bin'), stray);
    await t.hub.blobs.put(join(dir, 'stray.bin'));
    expect((await blob({}, strayHash)).status).toBe(404);
    expect((await t.request(`/v1/content/blobs/${sha256}`)).status).toBe(401);
  });

  it('retires a version: devices pull it as retired and the manifest says so', async () => {
    const { cursor } = await t.pullAll(rep);
    await retireContent(t.hub.database.db, versionId);
    const changes = (await t.pullAll(rep, cursor)).changes;
    expect(changes).toEqual([
      expect.objectContaining({
        kind: 'content_version',
        data: expect.objectContaining({ id: versionId, approval: 'retired' }),
      }),
    ]);
    const manifest = ContentManifest.parse((await t.json('/v1/content/manifest', { token: rep.token })).body);
    expect(manifest.versions.map((v) => v.state)).toEqual(['retired']);
    t.clock.now += 365 * DAY;
    await expect(retireContent(t.hub.database.db, 'no-such-version')).rejects.toThrow(/no content version/);
  });
});
