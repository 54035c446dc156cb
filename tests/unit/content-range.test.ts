import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentResponse } from '../../electron/core/content/http-response';
import { fingerprintOf } from '../../electron/core/content/store';
import type { ServableFile } from '../../electron/core/content/servable';

function file(size: number): ServableFile {
  const dir = mkdtempSync(join(tmpdir(), 'content-range-'));
  const path = join(dir, 'f.bin');
  writeFileSync(path, Buffer.from(Array.from({ length: size }, (_, i) => i % 256)));
  const st = statSync(path);
  return { path, mime: 'video/mp4', size, fingerprint: fingerprintOf(st) };
}

async function get(f: ServableFile, headers: Record<string, string>) {
  const res = await contentResponse(new Request('http://x/api/content/v', { headers }), f);
  const body = res.body ? Buffer.from(await res.arrayBuffer()) : Buffer.alloc(0);
  return { status: res.status, range: res.headers.get('content-range'), length: body.length };
}

describe('byte ranges of content files (RFC 9110)', () => {
  it('a suffix range longer than the file serves the whole file (RFC 9110 14.1.3), not 416', async () => {
    const r = await get(file(100), { range: 'bytes=-500' });
    expect(r.status).not.toBe(416);
    expect(r.length).toBe(100);
  });

  it('ignores a malformed Range header: the whole file, 200', async () => {
    for (const range of ['bytes=abc', 'bytes=5-1']) {
      const r = await get(file(100), { range });
      expect({ range, status: r.status, length: r.length }).toEqual({ range, status: 200, length: 100 });
    }
  });

  it('a Range in a unit other than bytes is ignored (200)', async () => {
    const r = await get(file(100), { range: 'items=0-9' });
    expect(r.status).toBe(200);
    expect(r.length).toBe(100);
  });

  it('If-Range with a validator that cannot match (no ETag/Last-Modified is ever sent) gets the full 200', async () => {
    const r = await get(file(100), { range: 'bytes=0-9', 'if-range': '"some-old-etag"' });
    expect(r.status).toBe(200);
    expect(r.length).toBe(100);
  });

  it('answers open, closed and suffix ranges, and 416 past the end', async () => {
    expect(await get(file(100), { range: 'bytes=90-' })).toEqual({ status: 206, range: 'bytes 90-99/100', length: 10 });
    expect(await get(file(100), { range: 'bytes=-10' })).toEqual({ status: 206, range: 'bytes 90-99/100', length: 10 });
    expect(await get(file(100), { range: 'bytes=10-19' })).toEqual({
      status: 206,
      range: 'bytes 10-19/100',
      length: 10,
    });
    expect((await get(file(100), { range: 'bytes=100-' })).status).toBe(416);
    expect((await get(file(100), { range: 'bytes=-0' })).status).toBe(416);
  });
});
