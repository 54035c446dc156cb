import { open, type FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { byteRanges } from '../../../src/shared/byte-ranges';
import type { ErrorInfo } from '../../../src/shared/errors';
import { fingerprintOf, sameFingerprint } from './store';
import type { ServableFile } from './servable';

const STATUS: Partial<Record<ErrorInfo['code'], number>> = {
  INVALID_INPUT: 400,
  UNAUTHORIZED: 401,
  CONTENT_VERSION_MISSING: 404,
  NOT_FOUND: 404,
  DB_UNAVAILABLE: 503,
  CORE_UNAVAILABLE: 503,
  INTERNAL: 500,
};

/** A refusal, with the same error envelope as every other answer (content problems are 403). */
export function errorResponse(error: ErrorInfo): Response {
  return Response.json(
    { ok: false, error },
    { status: STATUS[error.code] ?? 403, headers: { 'cache-control': 'no-store' } },
  );
}

/**
 * The part of the file a request asks for: null for the whole file, 'unsatisfiable' for a
 * 416, or the first range. A Range sent with If-Range is ignored: this server sends no
 * validator, so no If-Range can match.
 */
function requestedRange(request: Request, size: number): { start: number; end: number } | 'unsatisfiable' | null {
  if (request.headers.has('if-range')) return null;
  const ranges = byteRanges(request.headers.get('range'), size);
  return ranges === 'unsatisfiable' ? ranges : (ranges?.[0] ?? null);
}

/**
 * Streams a file the core has just verified, honouring one byte range (video seeking).
 * Shared by Electron's custom protocol and the browser host, so both serve exactly the
 * same way. The file is opened first and its fingerprint compared with the verified one,
 * so the bytes sent are the bytes that were checked. Nothing is cached: a version that
 * expires must not be shown from a cache tomorrow.
 */
export async function contentResponse(request: Request, file: ServableFile): Promise<Response> {
  let handle: FileHandle;
  try {
    handle = await open(file.path, 'r');
  } catch {
    // A sync that dropped the file (its version expired or was replaced) ran after the check.
    return errorResponse({ code: 'CONTENT_FILE_MISSING', message: 'The file was removed after it was checked.' });
  }
  const stats = await handle.stat();
  if (!sameFingerprint(fingerprintOf(stats), file.fingerprint)) {
    await handle.close();
    return errorResponse({ code: 'CONTENT_CORRUPTED', message: 'The file changed after it was checked.' });
  }
  const headers = new Headers({
    'content-type': file.mime,
    'accept-ranges': 'bytes',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  let start = 0;
  let end = stats.size - 1;
  let status = 200;
  const range = requestedRange(request, stats.size);
  if (range === 'unsatisfiable') {
    await handle.close();
    headers.set('content-range', `bytes */${stats.size}`);
    return new Response(null, { status: 416, headers });
  }
  if (range) {
    ({ start, end } = range);
    status = 206;
    headers.set('content-range', `bytes ${start}-${end}/${stats.size}`);
  }
  headers.set('content-length', String(Math.max(0, end - start + 1)));
  if (request.method === 'HEAD' || stats.size === 0) {
    await handle.close();
    return new Response(null, { status, headers });
  }
  const stream = handle.createReadStream({ start, end, autoClose: true });
  return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, { status, headers });
}
