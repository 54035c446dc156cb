import { createHash } from 'node:crypto';
import {
  closeSync,
  fstatSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  type Stats,
} from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../src/shared/errors';

const SHA256 = /^[0-9a-f]{64}$/;
/** 1 MiB reads: large enough that hashing runs at the speed of the hash, not of the calls. */
const CHUNK = 1 << 20;

/** What identifies one state of a file on disk; any write or replacement changes it. */
export interface Fingerprint {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

export function fingerprintOf(stats: Stats): Fingerprint {
  return { size: stats.size, mtimeMs: stats.mtimeMs, ctimeMs: stats.ctimeMs, ino: stats.ino };
}

export function sameFingerprint(a: Fingerprint, b: Fingerprint): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino;
}

export function isSha256(value: string): boolean {
  return SHA256.test(value);
}

/**
 * SHA-256 of an open file, read in 1 MiB chunks, with the fingerprint taken from the same
 * descriptor so the verdict describes exactly the bytes that were hashed.
 */
function hashDescriptor(fd: number, buffer: Buffer): { sha256: string; fingerprint: Fingerprint } {
  const hash = createHash('sha256');
  const fingerprint = fingerprintOf(fstatSync(fd));
  for (
    let read = readSync(fd, buffer, 0, buffer.length, null);
    read > 0;
    read = readSync(fd, buffer, 0, buffer.length, null)
  ) {
    hash.update(read === buffer.length ? buffer : buffer.subarray(0, read));
  }
  return { sha256: hash.digest('hex'), fingerprint };
}

export function hashFile(path: string): { sha256: string; fingerprint: Fingerprint } {
  const fd = openSync(path, 'r');
  try {
    return hashDescriptor(fd, Buffer.allocUnsafe(CHUNK));
  } finally {
    closeSync(fd);
  }
}

/** Deletes a file if it is there; returns its size (0 when it was not). */
function removeFile(path: string): number {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    return 0;
  }
  rmSync(path, { force: true });
  return size;
}

export type Verdict = { state: 'intact'; fingerprint: Fingerprint } | { state: 'missing' } | { state: 'corrupted' };

/**
 * Content-addressed files under the data folder: `<root>/ab/abcdef…` named by SHA-256, so a
 * name can only ever be 64 hex digits and no request can reach a path outside the store.
 * Files arrive through a temporary file that is hashed, flushed and then renamed into
 * place, so a file under its final name is always complete. Hashes are checked again
 * before a file is served; a file whose on-disk fingerprint is unchanged since its last
 * full check in this process is not hashed again for every byte-range request.
 */
export class ContentStore {
  readonly root: string;
  private readonly tmp: string;
  private readonly checked = new Map<string, Fingerprint>();
  private readonly buffer = Buffer.allocUnsafe(CHUNK);

  constructor(root: string) {
    this.root = root;
    this.tmp = join(root, 'tmp');
    mkdirSync(this.tmp, { recursive: true });
  }

  pathOf(sha256: string): string {
    if (!isSha256(sha256)) throw new AppError('INVALID_INPUT', 'A content hash is 64 lower-case hex digits.');
    return join(this.root, sha256.slice(0, 2), sha256);
  }

  /** Where a download of this file is written (and resumed) before `adopt` moves it in. */
  partPath(sha256: string): string {
    if (!isSha256(sha256)) throw new AppError('INVALID_INPUT', 'A content hash is 64 lower-case hex digits.');
    return join(this.tmp, `${sha256}.part`);
  }

  /**
   * Moves a complete temporary file into the store if its SHA-256 is the expected one;
   * otherwise deletes it and refuses with CONTENT_CORRUPTED. The file must be in this
   * store's folder tree (the same file system), so the rename is atomic. `writtenSha256`
   * is the hash of the bytes as they were written (a download hashes while it writes,
   * sparing a second pass over a large file); without it the file is read and hashed here.
   */
  adopt(tempPath: string, expectedSha256: string, writtenSha256?: string): Fingerprint {
    const target = this.pathOf(expectedSha256);
    const fd = openSync(tempPath, 'r+');
    let sha256: string;
    try {
      sha256 = writtenSha256 ?? hashDescriptor(fd, this.buffer).sha256;
      if (sha256 === expectedSha256) fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (sha256 !== expectedSha256) {
      rmSync(tempPath, { force: true });
      throw new AppError(
        'CONTENT_CORRUPTED',
        `The file's SHA-256 is ${sha256}, not the approved ${expectedSha256}; it was not stored.`,
      );
    }
    mkdirSync(join(this.root, expectedSha256.slice(0, 2)), { recursive: true });
    renameSync(tempPath, target);
    this.syncDirectory(join(this.root, expectedSha256.slice(0, 2)));
    const fingerprint = fingerprintOf(statSync(target));
    this.checked.set(expectedSha256, fingerprint);
    return fingerprint;
  }

  /**
   * Checks the stored file against its name. `force` hashes it whatever its fingerprint
   * says (when a viewer or presenter opens it); otherwise an unchanged fingerprint since
   * the last full check is trusted.
   */
  verify(sha256: string, force: boolean): Verdict {
    const path = this.pathOf(sha256);
    let fd: number;
    try {
      fd = openSync(path, 'r');
    } catch {
      this.checked.delete(sha256);
      return { state: 'missing' };
    }
    try {
      const known = this.checked.get(sha256);
      const now = fingerprintOf(fstatSync(fd));
      if (!force && known && sameFingerprint(known, now)) return { state: 'intact', fingerprint: now };
      const result = hashDescriptor(fd, this.buffer);
      if (result.sha256 !== sha256) {
        this.checked.delete(sha256);
        return { state: 'corrupted' };
      }
      this.checked.set(sha256, result.fingerprint);
      return { state: 'intact', fingerprint: result.fingerprint };
    } finally {
      closeSync(fd);
    }
  }

  has(sha256: string): boolean {
    try {
      return statSync(this.pathOf(sha256)).isFile();
    } catch {
      return false;
    }
  }

  remove(sha256: string): number {
    this.checked.delete(sha256);
    return removeFile(this.pathOf(sha256));
  }

  /** Every file the store holds, by hash (temporary files excluded). */
  /** Hashes of the downloads left unfinished in `tmp` (their part files). */
  partHashes(): string[] {
    return readdirSync(this.tmp)
      .filter((name) => name.endsWith('.part'))
      .map((name) => name.slice(0, -'.part'.length))
      .filter(isSha256);
  }

  /** Deletes an unfinished download; returns the bytes freed. */
  removePart(sha256: string): number {
    return removeFile(this.partPath(sha256));
  }

  hashes(): string[] {
    return readdirSync(this.root, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && /^[0-9a-f]{2}$/.test(entry.name))
      .flatMap((dir) => readdirSync(join(this.root, dir.name)).filter(isSha256));
  }

  /** A rename is durable only once its directory entry is flushed too. */
  private syncDirectory(path: string): void {
    let fd: number | undefined;
    try {
      fd = openSync(path, 'r');
      fsyncSync(fd);
    } catch {
      // Some file systems (and Windows) cannot fsync a directory; the rename itself is still atomic.
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }
}
