import { existsSync, mkdirSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AppError } from '../../../src/shared/errors';
import type { DownloadItem } from '../../../src/shared/sync-status';
import { addVerifiedBlob, dropUnusedBlobs, neededBlobs } from '../content/blobs';
import type { CoreContext } from '../context';
import { statement } from '../db/statements';
import { GrowingFileHasher } from './file-hasher';
import { HubRequestError, type HubClient } from './hub-client';
import type { RefusedFiles } from './refused-files';

export interface DownloadOutcome {
  items: DownloadItem[];
  removed: number;
}

/**
 * Bytes the store already holds (what counts against the budget), except for the files
 * about to be downloaded again (a damaged copy is replaced, so it needs no room of its own).
 */
function storedBytes(ctx: CoreContext, replaced: ReadonlySet<string>): number {
  return ctx.content.hashes().reduce((sum, sha256) => {
    if (replaced.has(sha256)) return sum;
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

/** Received chunks are written in batches of this size: one system call per small chunk halves the speed. */
const WRITE_BATCH_BYTES = 1 << 20;
/** Flushed to disk in the background every so often, so the final flush of a large file is short. */
const FLUSH_EVERY_BYTES = 64 << 20;
/** From this size a file is hashed on a worker thread while it downloads (starting one costs a few ms). */
const HASH_WHILE_WRITING_BYTES = 16 << 20;

/**
 * A write or flush runs while the next chunk is awaited and is itself awaited later, where
 * its failure is thrown; until then it must not count as an unhandled rejection.
 */
function quietUntilAwaited(promise: Promise<void>): void {
  promise.catch(() => undefined);
}

/**
 * Writes a response body to the part file. Unlike a stream pipeline, which drops what it
 * still buffers when the connection fails, every chunk received is in the file when this
 * returns or throws, so the next run resumes exactly there. One batch is written while
 * the next is read; the file is flushed to disk here, asynchronously, so that flushing a
 * large file never blocks the core.
 */
async function writeBody(
  body: AsyncIterable<Uint8Array>,
  part: string,
  append: boolean,
  onWritten: (bytes: number) => void,
): Promise<void> {
  const file = await open(part, append ? 'a' : 'w');
  let writing: Promise<void> = Promise.resolve();
  let flushing: Promise<void> = Promise.resolve();
  let unflushed = 0;
  let batch: Uint8Array[] = [];
  let batched = 0;
  const writeBatch = async () => {
    await writing;
    if (batched === 0) return;
    const [chunks, bytes] = [batch, batched];
    batch = [];
    batched = 0;
    writing = file.writev(chunks).then(({ bytesWritten }) => {
      if (bytesWritten !== bytes) throw new Error(`wrote ${bytesWritten} of ${bytes} bytes`);
      onWritten(bytes);
      unflushed += bytes;
      if (unflushed >= FLUSH_EVERY_BYTES) {
        unflushed = 0;
        flushing = flushing.then(() => file.datasync());
        quietUntilAwaited(flushing);
      }
    });
    quietUntilAwaited(writing);
  };
  let complete = false;
  try {
    for await (const chunk of body) {
      batch.push(chunk);
      batched += chunk.length;
      if (batched >= WRITE_BATCH_BYTES) await writeBatch();
    }
    complete = true;
  } finally {
    // Whether the body ended or broke off, what arrived goes into the file.
    try {
      await writeBatch();
      await writing;
      await flushing;
      if (complete) await file.sync();
    } finally {
      await file.close();
    }
  }
}

/**
 * Downloads the rest of `item` into its part file from `offset`, and returns the SHA-256
 * of the whole file when it was taken while writing. A failure leaves the part file for
 * the next run and is reported as the connection dropping.
 */
async function receive(
  client: HubClient,
  item: DownloadItem,
  part: string,
  offset: number,
  onProgress: () => void,
): Promise<string | undefined> {
  const answer = await client.blob(item.sha256, offset);
  // 206: the hub resumes where the part file ends; 200: it sends the whole file, so start over.
  const append = answer.status === 206;
  if (!append) item.received = 0;
  let lastReport = 0;
  // Large files are hashed while they arrive (the hasher starts once the part file
  // exists, at the first write); small ones by the store once complete.
  const hashWhileWriting = item.size >= HASH_WHILE_WRITING_BYTES;
  let hasher = null as GrowingFileHasher | null;
  try {
    await writeBody(answer.body, part, append, (bytes) => {
      item.received += bytes;
      if (hashWhileWriting) (hasher ??= new GrowingFileHasher(part)).written(item.received);
      if (item.received - lastReport > 1 << 20) {
        lastReport = item.received;
        onProgress();
      }
    });
    return await hasher?.digest();
  } catch (error) {
    await hasher?.dispose();
    // Not read to the end (the part file could not be opened, say): release the connection.
    answer.cancel();
    item.state = 'queued';
    onProgress();
    throw new HubRequestError({
      kind: 'offline',
      message: `The download of ${item.title} was interrupted (${String(error)}).`,
    });
  }
}

/**
 * Brings the content files this device should hold: each is written to a `.part` file
 * that a dropped connection leaves in place, resumed with `Range` (and `If-Range`, so a
 * changed file restarts from zero), checked against its SHA-256 and moved in atomically
 * by the content store. Files that would exceed the disk budget wait, visibly, and so do
 * files that arrived damaged, until their next try; files no current or upcoming version
 * uses are deleted.
 */
export async function downloadContent(
  ctx: CoreContext,
  client: HubClient,
  budgetBytes: number,
  refused: RefusedFiles,
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
    retryAt: null,
    retryReason: null,
  }));
  let used = storedBytes(ctx, new Set(needed.map(({ sha256 }) => sha256)));
  onProgress(items);
  for (const item of items) {
    if (used + item.size > budgetBytes) {
      item.state = 'over_budget';
      onProgress(items);
      continue;
    }
    const waiting = refused.waiting(item.sha256, ctx.now());
    if (waiting) {
      Object.assign(item, {
        state: 'failed',
        error: waiting.error,
        retryAt: waiting.retryAt,
        retryReason: waiting.reason,
      });
      onProgress(items);
      continue;
    }
    const part = ctx.content.partPath(item.sha256);
    mkdirSync(dirname(part), { recursive: true });
    const offset = existsSync(part) ? statSync(part).size : 0;
    item.state = 'downloading';
    item.received = offset;
    onProgress(items);
    // A part file already complete (the last run stopped between its flush and the move
    // into the store) needs no request: the store checks it like any other.
    let writtenSha256: string | undefined;
    try {
      if (offset < item.size) writtenSha256 = await receive(client, item, part, offset, () => onProgress(items));
    } catch (error) {
      // The hub's answer for this one file (missing there, refused, failing): the others go on,
      // and this one waits before its next try. A lost connection ends the whole phase.
      if (
        !(error instanceof HubRequestError) ||
        (error.failure.kind !== 'refused' && error.failure.kind !== 'server')
      ) {
        throw error;
      }
      item.state = 'failed';
      item.error = error.message;
      item.retryAt = refused.refuse(item.sha256, item.error, ctx.now(), 'unavailable');
      item.retryReason = 'unavailable';
      onProgress(items);
      continue;
    }
    try {
      addVerifiedBlob(ctx, part, item.sha256, writtenSha256);
      refused.accept(item.sha256);
      item.state = 'done';
      used += item.size;
    } catch (error) {
      // A corrupted file is deleted by the store; a later run downloads it again from zero.
      item.state = 'failed';
      item.error = error instanceof Error ? error.message : String(error);
      if (error instanceof AppError && error.code === 'CONTENT_CORRUPTED') {
        item.retryAt = refused.refuse(item.sha256, item.error, ctx.now());
        item.retryReason = 'damaged';
      }
    }
    onProgress(items);
  }
  return { items, removed };
}
