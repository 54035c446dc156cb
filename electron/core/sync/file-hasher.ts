import { Worker } from 'node:worker_threads';

/*
 * The worker reads the file itself, from the page cache, up to the length it is told has
 * been written: nothing is copied between threads, memory stays flat however far the
 * download runs ahead, and a resumed download's earlier bytes are hashed the same way.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { openSync, readSync, closeSync } = require('node:fs');
const hash = require('node:crypto').createHash('sha256');
const fd = openSync(workerData.path, 'r');
const buffer = Buffer.allocUnsafe(1 << 20);
let position = 0;
parentPort.on('message', (upTo) => {
  if (upTo === null) {
    closeSync(fd);
    parentPort.postMessage(hash.digest('hex'));
    return;
  }
  while (position < upTo) {
    const read = readSync(fd, buffer, 0, Math.min(buffer.length, upTo - position), position);
    if (read === 0) throw new Error('the file is shorter than what was written');
    hash.update(buffer.subarray(0, read));
    position += read;
  }
});
`;

/**
 * SHA-256 of a file that is being written, computed on a worker thread as it grows, so
 * hashing a large download neither holds up the core's event loop nor needs a second
 * pass once the download ends.
 */
export class GrowingFileHasher {
  private readonly worker: Worker;
  private readonly failed: Promise<never>;

  constructor(path: string) {
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path } });
    this.failed = new Promise<never>((_, reject) => this.worker.once('error', reject));
    // Reported where digest() is awaited; until then a failure must not count as unhandled.
    this.failed.catch(() => undefined);
  }

  /** The file now holds `length` bytes that will not change. */
  written(length: number): void {
    this.worker.postMessage(length);
  }

  /** The hash of everything written, once the worker has caught up; the worker then ends. */
  async digest(): Promise<string> {
    const digest = new Promise<string>((resolve) => this.worker.once('message', resolve));
    this.worker.postMessage(null);
    try {
      return await Promise.race([digest, this.failed]);
    } finally {
      await this.worker.terminate();
    }
  }

  /** Stops the worker without a result (the download failed). */
  async dispose(): Promise<void> {
    await this.worker.terminate();
  }
}
