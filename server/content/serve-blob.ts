import { open } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { eq } from 'drizzle-orm';
import { byteRanges } from '../../src/shared/byte-ranges';
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

/** What to answer: status, headers, and the body (a byte range of a file, a JSON error, or none). */
export interface BlobReply {
  status: number;
  headers: Headers;
  body: { file: string; start: number; end: number } | { json: string } | null;
}

/**
 * Answers a content file request by hash with `ETag` (the quoted hash: the content can never
 * change under it), one byte `Range` (what a resumable download needs; a multi-range
 * request gets the whole file, as RFC 9110 allows) and `If-Range` (a range only if the
 * file is still the one the client started). Only hashes registered in the blobs table
 * are served.
 */
export async function answerBlob(db: Queryable, store: BlobStore, request: BlobRequest): Promise<BlobReply> {
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
  // If-None-Match compares weakly (RFC 9110 13.1.2): W/"<hash>" names the same file.
  const names = (tag: string) => tag === '*' || tag.replace(/^W\//, '') === etag;
  if (request.ifNoneMatch?.split(',').some((tag) => names(tag.trim()))) {
    return { status: 304, headers, body: null };
  }

  let start = 0;
  let end = size - 1;
  let status = 200;
  const rangeApplies = request.range !== undefined && (request.ifRange === undefined || request.ifRange === etag);
  if (rangeApplies) {
    const ranges = byteRanges(request.range, size);
    if (ranges === 'unsatisfiable') {
      headers.set('Content-Range', `bytes */${size}`);
      headers.set('Content-Type', 'application/json');
      const body = new HubError(416, 'RANGE_NOT_SATISFIABLE', `The file has ${size} bytes; the range is outside it.`);
      return { status: 416, headers, body: { json: JSON.stringify(body.body()) } };
    }
    const [only] = ranges ?? [];
    if (only && ranges?.length === 1) {
      ({ start, end } = only);
      status = 206;
      headers.set('Content-Range', `bytes ${start}-${end}/${size}`);
    }
  }
  headers.set('Content-Length', String(size === 0 ? 0 : end - start + 1));
  if (request.method === 'HEAD' || size === 0) return { status, headers, body: null };
  return { status, headers, body: { file: store.pathOf(sha256), start, end } };
}

/** Large reads: a file is sent in a thousand system calls per gigabyte, not sixteen thousand. */
const READ_CHUNK_BYTES = 1 << 20;

/**
 * Delivers a reply. Behind Node's HTTP server (`outgoing` set) a file is piped straight
 * into the socket, which takes half the CPU of passing it through web streams and leaves
 * it to the devices downloading on the same machine; in-process requests (the tests'
 * `app.request`) get a web Response with the same headers and bytes. The file is opened
 * before anything is sent, so a file that cannot be read is an error answer, not a 200
 * that breaks off; `onBroken` hears of a transfer that fails for another reason than the
 * client going away.
 */
export async function sendBlob(
  reply: BlobReply,
  outgoing: ServerResponse | undefined,
  onBroken: (error: unknown) => void,
): Promise<Response> {
  const { status, headers, body } = reply;
  if (body === null) return new Response(null, { status, headers });
  if ('json' in body) return new Response(body.json, { status, headers });
  const handle = await open(body.file, 'r');
  const file = handle.createReadStream({ start: body.start, end: body.end, highWaterMark: READ_CHUNK_BYTES });
  if (!outgoing) return new Response(Readable.toWeb(file) as ReadableStream, { status, headers });
  try {
    outgoing.writeHead(status, Object.fromEntries(headers));
  } catch (error) {
    file.destroy();
    throw error;
  }
  // A client that goes away mid-file ends the pipeline; the file is closed with it.
  pipeline(file, outgoing).catch((error: unknown) => {
    if ((error as { code?: string }).code !== 'ERR_STREAM_PREMATURE_CLOSE') onBroken(error);
  });
  return RESPONSE_ALREADY_SENT;
}
