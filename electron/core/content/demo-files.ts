import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { CoreContext } from '../context';
import { statement } from '../db/statements';
import { addVerifiedBlob } from './blobs';

const Manifest = z.array(z.object({ file: z.string(), sha256: z.string() }).loose());

/**
 * Puts the demo content files into the store on first run, so every state (presentable,
 * expiring soon, expired, not yet released) can be seen at once. Files are matched to the
 * dataset's versions by SHA-256 through the folder's manifest.json, and go in exactly as
 * a download would: through a temporary file, hash-checked, then renamed.
 */
export function installDemoFiles(ctx: CoreContext, dir: string): number {
  const manifestFile = join(dir, 'manifest.json');
  if (!existsSync(manifestFile)) return 0;
  const manifest = Manifest.parse(JSON.parse(readFileSync(manifestFile, 'utf8')));
  const wanted = new Set(
    (statement(ctx.conn.sqlite, 'SELECT DISTINCT sha256 FROM content_versions').all() as { sha256: string }[]).map(
      (row) => row.sha256,
    ),
  );
  let installed = 0;
  for (const entry of manifest) {
    if (!wanted.has(entry.sha256) || ctx.library.fileState(entry.sha256)) continue;
    const part = ctx.content.partPath(entry.sha256);
    copyFileSync(join(dir, entry.file), part);
    addVerifiedBlob(ctx, part, entry.sha256);
    installed++;
  }
  return installed;
}
