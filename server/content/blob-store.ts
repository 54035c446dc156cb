import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Sha256 } from '../../src/shared/sync-api';

/**
 * The hub's own content files, addressed by SHA-256: `<dir>/<first 2 hex>/<64 hex>`.
 * A path is only ever built from a hash that parsed as 64 lower-case hex characters, so
 * nothing a request sends can name another file.
 */
export class BlobStore {
  constructor(readonly dir: string) {}

  pathOf(sha256: string): string {
    const hash = Sha256.parse(sha256);
    return join(this.dir, hash.slice(0, 2), hash);
  }

  /** Copies a file in while hashing it; the blob appears under its hash only when complete. */
  async put(sourceFile: string): Promise<{ sha256: string; size: number }> {
    const incoming = join(this.dir, 'incoming');
    await mkdir(incoming, { recursive: true });
    const temp = join(incoming, `${randomUUID()}.part`);
    const hash = createHash('sha256');
    let size = 0;
    try {
      await pipeline(
        createReadStream(sourceFile),
        new Transform({
          transform(chunk: Buffer, _encoding, done) {
            hash.update(chunk);
            size += chunk.length;
            done(null, chunk);
          },
        }),
        createWriteStream(temp, { flags: 'wx' }),
      );
      const sha256 = hash.digest('hex');
      const target = this.pathOf(sha256);
      await mkdir(join(this.dir, sha256.slice(0, 2)), { recursive: true });
      await rename(temp, target);
      return { sha256, size };
    } finally {
      await rm(temp, { force: true });
    }
  }

  /** The stored size, or null when the file is not in the store. */
  async size(sha256: string): Promise<number | null> {
    try {
      return (await stat(this.pathOf(sha256))).size;
    } catch {
      return null;
    }
  }
}
