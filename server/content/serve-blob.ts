import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import parseRange from 'range-parser';
import { Sha256 } from '../../src/shared/sync-api';
import type { Queryable } from '../db/connection';
import { blobs } from '../db/schema';
import { HubError } from '../http/errors';
import type { BlobStore } from './blob-store';

export interface BlobRequest {
  sha256: string;
  method: 'GET' | 'HEAD';
  range: string | undefined;
  ifRange: string | undefined;
  ifNoneMatch: string | undefined;
}

/**
 * Serves a content file by hash with `ETag` (the quoted hash: the content can never
 * change under it), one byte `Range` (what a resumable download needs; a multi-range
 * request gets the whole file, as RFC 9110 allows) and `If-Range` (a range only if the
 * file is still the one the client started). Only hashes registered in the blobs table
 * are served.
 */
export async function serveBlob(db: Queryable, store: BlobStore, request: BlobRequest): Promise<Response> {
  const parsed = Sha256.safeParse(request.sha256);
  if (!parsed.success) throw new HubError(400, 'INVALID_INPUT', 'A blob is addressed by its lower-case hex SHA-256.');
  const sha256 = parsed.data;
  const [known] = await db.select({ size: blobs.size }).from(blobs).where(eq(blobs.sha256, sha256));
  const size = known ? await store.size(sha256) : null;
  if (size === null) throw new HubError(404, 'NOT_FOUND', `This hub has no content file ${sha256}.`);

  const etag = `"${sha256}"`;
  const headers = new Headers({
    ETag: etag,
    'Accept-Ranges': 'bytes',
    'Content-Type': 'application/octet-stream',
    'Cache-Control': 'private, max-age=31536000, immutable',
  });
  if (request.ifNoneMatch?.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*')) {
    return new Response(null, { status: 304, headers });
  }

  let start = 0;
  let end = size - 1;
  let status = 200;
  const rangeApplies = request.range !== undefined && (request.ifRange === undefined || request.ifRange === etag);
  if (rangeApplies) {
    const ranges = parseRange(size, request.range ?? '');
    if (ranges === -1) {
      headers.set('Content-Range', `bytes */${size}`);
      headers.set('Content-Type', 'application/json');
      const body = new HubError(416, 'RANGE_NOT_SATISFIABLE', `The file has ${size} bytes; the range is outside it.`);
      return new Response(JSON.stringify(body.body()), { status: 416, headers });
    }
    const [only] = ranges === -2 ? [] : ranges;
    if (only && ranges !== -2 && ranges.length === 1) {
      ({ start, end } = only);
      status = 206;
      headers.set('Content-Range', `bytes ${start}-${end}/${size}`);
    }
  }
  headers.set('Content-Length', String(size === 0 ? 0 : end - start + 1));
  if (request.method === 'HEAD' || size === 0) return new Response(null, { status, headers });
  const stream = createReadStream(store.pathOf(sha256), { start, end });
  return new Response(Readable.toWeb(stream) as ReadableStream, { status, headers });
}
