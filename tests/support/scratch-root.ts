import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Global setup for vitest and Playwright: every temporary file of the run (databases, hubs,
 * content, browser profiles) goes under one directory, removed when the run ends. The tests
 * make hundreds of databases; left behind, a day of test runs filled this machine's disk.
 * Workers start after this and inherit TMPDIR, which os.tmpdir() reads. Vitest runs it once
 * per project as well as for the run: only the first makes the directory, so the path stays
 * short enough for Chromium's socket in it (Unix socket paths end at 108 bytes).
 */
export default function scratchRoot(): () => void {
  if (process.env.ONETEAM_SCRATCH_ROOT) return () => undefined;
  const root = mkdtempSync(join(tmpdir(), 'oneteam-run-'));
  process.env.ONETEAM_SCRATCH_ROOT = root;
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true, maxRetries: 3 });
}
