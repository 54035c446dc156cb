import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const MIGRATIONS = join(ROOT, 'drizzle');
export const DEMO_DATASET = join(ROOT, 'resources/demo/dataset.json.gz');

export function tempDir(prefix = 'oneteam-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
