import type { FileProblem } from '../../../src/shared/content';
import type { CoreContext } from '../context';
import { statement } from '../db/statements';
import { forgetFile, recordFile } from './file-states';
import { inspectFile } from './inspect';
import { NOT_SUPERSEDED_SQL } from './presentable';

/**
 * The content store's interface for the sync engine (and the demo loader):
 *
 * - `neededBlobs`: the files that current or upcoming approved versions use and this
 *   device lacks (or holds damaged) — what to download;
 * - `ctx.content.partPath(sha256)`: where to write (and resume) a download;
 * - `addVerifiedBlob`: moves a finished download in, if its SHA-256 is right;
 * - `dropUnusedBlobs`: deletes the files no current or upcoming version uses.
 *
 * Versions themselves arrive through the sync engine's pull; call `ctx.library.load` after
 * the pull's transaction committed so the library sees them.
 */

/** Versions whose file this device should hold: approved, not expired, not superseded (released or not yet). */
const WANTED_SQL = `SELECT v.sha256, MAX(v.size) AS size, MIN(v.mime) AS mime FROM content_versions v
  WHERE v.approval = 'approved' AND (v.valid_until IS NULL OR v.valid_until > :now) AND ${NOT_SUPERSEDED_SQL}
  GROUP BY v.sha256`;

export function neededBlobs(ctx: CoreContext): { sha256: string; size: number }[] {
  const wanted = statement(ctx.conn.sqlite, WANTED_SQL).all({ now: ctx.now() }) as { sha256: string; size: number }[];
  return wanted
    .filter(({ sha256 }) => {
      const state = ctx.library.fileState(sha256);
      return !state || state.problem === 'corrupted' || !ctx.content.has(sha256);
    })
    .map(({ sha256, size }) => ({ sha256, size }));
}

/**
 * Moves a complete temporary file (normally `ctx.content.partPath(sha256)`) into the store
 * if its SHA-256 is `sha256` — otherwise it is deleted and CONTENT_CORRUPTED thrown — then
 * runs the structural checks for the type its versions declare and records the verdict.
 * `writtenSha256`: the hash taken while the file was written, if it was (see ContentStore.adopt).
 */
export function addVerifiedBlob(
  ctx: CoreContext,
  tempPath: string,
  sha256: string,
  writtenSha256?: string,
): FileProblem | null {
  const { size } = ctx.content.adopt(tempPath, sha256, writtenSha256);
  const declared = statement(ctx.conn.sqlite, 'SELECT mime FROM content_versions WHERE sha256 = ? LIMIT 1').get(
    sha256,
  ) as { mime: string } | undefined;
  const problem = declared ? inspectFile(ctx.content.pathOf(sha256), declared.mime) : null;
  recordFile(ctx, sha256, size, problem);
  return problem;
}

export function dropUnusedBlobs(ctx: CoreContext): { removed: number; freedBytes: number } {
  const wanted = new Set(
    (statement(ctx.conn.sqlite, WANTED_SQL).all({ now: ctx.now() }) as { sha256: string }[]).map((row) => row.sha256),
  );
  let removed = 0;
  let freedBytes = 0;
  for (const sha256 of ctx.content.hashes()) {
    if (wanted.has(sha256)) continue;
    freedBytes += ctx.content.remove(sha256);
    forgetFile(ctx, sha256);
    removed++;
  }
  // A download cut off before its version was retired, superseded or expired would otherwise
  // stay in `tmp` for ever, outside the disk budget (a half video can be gigabytes).
  for (const sha256 of ctx.content.partHashes()) {
    if (!wanted.has(sha256)) freedBytes += ctx.content.removePart(sha256);
  }
  return { removed, freedBytes };
}
