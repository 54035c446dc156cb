import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LibraryItem } from '../../src/shared/content';
import { launchHost, type RunningHost } from '../support/host';
import { ROOT } from '../support/paths';
import { DEMO_CONTENT } from './content-setup';

let host: RunningHost;
let items: LibraryItem[];

beforeAll(async () => {
  host = await launchHost();
  const response = await fetch(`${host.origin}/api/call/content.library`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${host.token}` },
    body: JSON.stringify({ limit: 100 }),
  });
  items = ((await response.json()) as { value: { items: LibraryItem[] } }).value.items;
}, 90_000);

afterAll(() => host.stop());

const url = (path: string, token: string | null = host.token) =>
  `${host.origin}/api/content/${path}${token === null ? '' : `?token=${token}`}`;
const byTitle = (title: string) => items.find((item) => item.shown.title === title)!.shown;

describe("the browser host's content route", () => {
  it('streams a presentable, verified file with its type, whole or by range, never cached', async () => {
    const brief = byTitle('Technical brief for IT');
    const original = readFileSync(join(DEMO_CONTENT, '26-technical-brief-for-it-v1.pdf'));
    const whole = await fetch(url(brief.versionId));
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('application/pdf');
    expect(whole.headers.get('cache-control')).toBe('no-store');
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(Buffer.from(await whole.arrayBuffer()).equals(original)).toBe(true);

    const part = await fetch(url(brief.versionId), { headers: { range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${original.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(original.subarray(100, 200))).toBe(true);

    const beyond = await fetch(url(brief.versionId), { headers: { range: `bytes=${original.length + 10}-` } });
    expect(beyond.status).toBe(416);

    const video = byTitle('Product demo video');
    const head = await fetch(url(video.versionId), { method: 'HEAD' });
    expect(head.headers.get('content-type')).toBe('video/mp4');
    expect(head.headers.get('content-length')).toBe(String(video.size));
  });

  it('refuses what is not presentable, with the code on the wire', async () => {
    const expired = items.find((item) => item.shown.problem === 'expired')!.shown;
    const upcoming = items.find((item) => item.shown.problem === 'not_yet_released')!.shown;
    for (const [version, code] of [
      [expired, 'CONTENT_EXPIRED'],
      [upcoming, 'CONTENT_NOT_YET_RELEASED'],
    ] as const) {
      const response = await fetch(url(version.versionId));
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ ok: false, error: { code } });
    }
    const unknown = await fetch(url('0190aaaa-0000-7000-8000-000000000000'));
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 'CONTENT_VERSION_MISSING' } });
  });

  it('refuses path traversal and callers without the token', async () => {
    const packageJson = readFileSync(join(ROOT, 'package.json'), 'utf8');
    for (const path of [
      '..%2F..%2Fpackage.json',
      '%2e%2e%2f%2e%2e%2fpackage.json',
      '..%5C..%5Cpackage.json',
      'a%00b',
      '.',
    ]) {
      const response = await fetch(url(path));
      expect([400, 404], path).toContain(response.status);
      expect(await response.text(), path).not.toContain(packageJson.slice(0, 40));
    }
    const brief = byTitle('Technical brief for IT');
    expect((await fetch(url(brief.versionId, null))).status).toBe(401);
    expect((await fetch(url(brief.versionId, 'wrong'))).status).toBe(401);
  });

  it('detects a file damaged on disk and refuses it; the library lists it as damaged', async () => {
    const guide = byTitle('エネルギー業界事例集');
    expect((await fetch(url(guide.versionId))).status).toBe(200);
    const sha256 = createHash('sha256')
      .update(readFileSync(join(DEMO_CONTENT, '25-energy-sector-case-collection-v1.pdf')))
      .digest('hex');
    const stored = join(host.dataDir, 'content', sha256.slice(0, 2), sha256);
    const bytes = readFileSync(stored);
    bytes.writeUInt8(bytes.readUInt8(200) ^ 0x55, 200);
    writeFileSync(stored, bytes);
    const refused = await fetch(url(guide.versionId));
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: 'CONTENT_CORRUPTED' } });
    const item = await fetch(`${host.origin}/api/call/content.item`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${host.token}` },
      body: JSON.stringify({ itemId: guide.itemId }),
    });
    expect(await item.json()).toMatchObject({ ok: true, value: { item: { shown: { problem: 'corrupted' } } } });
  });
});
