import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Global setup for vitest and Playwright: every temporary file of the run (databases, hubs,
 * content, browser profiles) goes under one directory, removed when the run ends. The tests
 * make hundreds of databases; left behind, a day of test runs filled this machine's disk.
 * Workers start after this and inherit TMPDIR, which os.tmpdir() reads.
 */
export default function scratchRoot(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'oneteam-test-run-'));
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}
