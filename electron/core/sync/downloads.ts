import { existsSync, mkdirSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ReadableStream } from 'node:stream/web';
import { AppError } from '../../../src/shared/errors';
import type { DownloadItem } from '../../../src/shared/sync-status';
import { addVerifiedBlob, dropUnusedBlobs, neededBlobs } from '../content/blobs';
import type { CoreContext } from '../context';
import { statement } from '../db/statements';
import { HubRequestError, type HubClient } from './hub-client';

export interface DownloadOutcome {
  items: DownloadItem[];
  removed: number;
}

/** Bytes the store already holds for files still in use (what counts against the budget). */
function storedBytes(ctx: CoreContext): number {
  return ctx.content.hashes().reduce((sum, sha256) => {
    try {
      return sum + statSync(ctx.content.pathOf(sha256)).size;
    } catch {
      return sum;
    }
  }, 0);
}

function titleOf(ctx: CoreContext, sha256: string): string {
  const row = statement(
    ctx.conn.sqlite,
    'SELECT title, version FROM content_versions WHERE sha256 = ? ORDER BY version DESC LIMIT 1',
  ).get(sha256) as { title: string; version: number } | undefined;
  return row ? `${row.title} (v${row.version})` : sha256.slice(0, 12);
}

/**
 * Writes a response body to the part file. Unlike a stream pipeline, which drops what it
 * still buffers when the connection fails, every chunk counted as received is in the file
 * when this returns or throws, so the next run resumes exactly there. One write is in
 * flight while the next chunk is read.
 */
async function writeBody(
  body: ReadableStream<Uint8Array>,
  part: string,
  append: boolean,
  onWritten: (bytes: number) => void,
): Promise<void> {
  const file = await open(part, append ? 'a' : 'w');
  let writing: Promise<void> = Promise.resolve();
  try {
    for await (const chunk of body) {
      await writing;
      writing = file.write(chunk).then(() => onWritten(chunk.length));
    }
  } finally {
    await writing.finally(() => file.close());
  }
}

/**
 * Brings the content files this device should hold: each is written to a `.part` file
 * that a dropped connection leaves in place, resumed with `Range` (and `If-Range`, so a
 * changed file restarts from zero), checked against its SHA-256 and moved in atomically
 * by the content store. Files that would exceed the disk budget wait, visibly; files no
 * current or upcoming version uses are deleted.
 */
export async function downloadContent(
  ctx: CoreContext,
  client: HubClient,
  budgetBytes: number,
  onProgress: (items: DownloadItem[]) => void,
): Promise<DownloadOutcome> {
  const removed = dropUnusedBlobs(ctx).removed;
  const needed = neededBlobs(ctx).sort((a, b) => a.size - b.size);
  const items: DownloadItem[] = needed.map(({ sha256, size }) => ({
    sha256,
    title: titleOf(ctx, sha256),
    size,
    received: 0,
    state: 'queued',
    error: null,
  }));
  let used = storedBytes(ctx);
  onProgress(items);
  for (const item of items) {
    if (used + item.size > budgetBytes) {
      item.state = 'over_budget';
      onProgress(items);
      continue;
    }
    const part = ctx.content.partPath(item.sha256);
    mkdirSync(dirname(part), { recursive: true });
    const offset = existsSync(part) ? statSync(part).size : 0;
    item.state = 'downloading';
    item.received = offset;
    onProgress(items);
    const response = await client.blob(item.sha256, offset);
    // 206: the hub resumes where the part file ends; 200: it sends the whole file, so start over.
    const append = response.status === 206;
    if (!append) item.received = 0;
    if (!response.body) throw new AppError('INTERNAL', 'The hub sent no body for a content file.');
    let lastReport = 0;
    try {
      await writeBody(response.body as ReadableStream<Uint8Array>, part, append, (bytes) => {
        item.received += bytes;
        if (item.received - lastReport > 1 << 20) {
          lastReport = item.received;
          onProgress(items);
        }
      });
    } catch (error) {
      // A dropped connection keeps what arrived; the next run resumes from there.
      item.state = 'queued';
      onProgress(items);
      throw new HubRequestError({
        kind: 'offline',
        message: `The download of ${item.title} was interrupted (${String(error)}).`,
      });
    }
    try {
      addVerifiedBlob(ctx, part, item.sha256);
      item.state = 'done';
      used += item.size;
    } catch (error) {
      // A corrupted file is deleted by the store; the next run downloads it again from zero.
      item.state = 'failed';
      item.error = error instanceof Error ? error.message : String(error);
    }
    onProgress(items);
  }
  return { items, removed };
}
