import type { FileProblem } from '../../../src/shared/content';
import type { CoreContext } from '../context';
import { statement } from '../db/statements';
import { inspectFile } from './inspect';
import { fileProblem } from './presentable';
import type { IndexedVersion } from './library-index';
import type { Fingerprint } from './store';

/**
 * The store's verdict on each file, kept in `content_files` and mirrored in the in-memory
 * library. Every change is written first and announced after, so the library, the
 * follow-up picker and the presenter agree on what can be shown.
 */
export function recordFile(ctx: CoreContext, sha256: string, size: number, problem: FileProblem | null): void {
  const before = ctx.library.fileState(sha256);
  statement(
    ctx.conn.sqlite,
    `INSERT INTO content_files (sha256, size, problem, checked_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (sha256) DO UPDATE SET size = excluded.size, problem = excluded.problem, checked_at = excluded.checked_at`,
  ).run(sha256, size, problem, ctx.now());
  ctx.library.setFile(sha256, { problem });
  if (before?.problem !== problem) ctx.emit('data.changed', { scopes: ['content'], accountIds: [] });
}

export function forgetFile(ctx: CoreContext, sha256: string): void {
  const before = ctx.library.fileState(sha256);
  statement(ctx.conn.sqlite, 'DELETE FROM content_files WHERE sha256 = ?').run(sha256);
  ctx.library.setFile(sha256, undefined);
  if (before) ctx.emit('data.changed', { scopes: ['content'], accountIds: [] });
}

/** Verdicts that belong to the exact bytes (which the hash pins), so hashing again cannot change them. */
const PROPERTY_OF_THE_BYTES: readonly FileProblem[] = ['empty_file', 'truncated', 'unsupported_type', 'unrenderable'];

/**
 * Checks a version's file before it is shown. `force` hashes it in full (opening a viewer or
 * starting a presentation); otherwise a fingerprint unchanged since the last full check in
 * this process is trusted (every byte-range request of a playing video). A file found
 * changed or gone is recorded as such at once.
 */
export function checkFile(
  ctx: CoreContext,
  version: IndexedVersion,
  force: boolean,
): { problem: FileProblem } | { problem: null; fingerprint: Fingerprint } {
  const known = ctx.library.fileState(version.sha256);
  const problem = fileProblem(known);
  if (problem !== null && (PROPERTY_OF_THE_BYTES as readonly string[]).includes(problem)) return { problem };
  const verdict = ctx.content.verify(version.sha256, force);
  if (verdict.state === 'missing') {
    if (known) forgetFile(ctx, version.sha256);
    return { problem: 'missing_file' };
  }
  if (verdict.state === 'corrupted') {
    recordFile(ctx, version.sha256, version.size, 'corrupted');
    return { problem: 'corrupted' };
  }
  if (problem !== null) {
    // A file with no verdict yet (the app stopped between the store's move and the
    // structural check) gets that check now: a right hash does not make a PDF of a text file.
    const structural = known ? null : inspectFile(ctx.content.pathOf(version.sha256), version.mime);
    recordFile(ctx, version.sha256, verdict.fingerprint.size, structural);
    if (structural !== null) return { problem: structural };
  }
  return { problem: null, fingerprint: verdict.fingerprint };
}

/** At start: files that vanished while the app was closed are no longer "on this device". */
export function forgetVanishedFiles(ctx: CoreContext): void {
  const rows = statement(ctx.conn.sqlite, 'SELECT sha256 FROM content_files').all() as { sha256: string }[];
  for (const { sha256 } of rows) if (!ctx.content.has(sha256)) forgetFile(ctx, sha256);
}
