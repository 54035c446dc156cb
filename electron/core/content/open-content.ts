import { dirname, join } from 'node:path';
import type Database from 'better-sqlite3';
import type { CoreContext } from '../context';
import { installDemoFiles } from './demo-files';
import { forgetVanishedFiles } from './file-states';
import { ContentLibrary } from './library-index';
import { recoverPresentations } from './presentations';
import { ContentStore } from './store';

/** The content store (under the data folder) and the library loaded into memory. */
export function openContent(dataDir: string, sqlite: Database.Database): Pick<CoreContext, 'content' | 'library'> {
  const library = new ContentLibrary();
  library.load(sqlite);
  return { content: new ContentStore(join(dataDir, 'content')), library };
}

/** The demo content files live beside the demo dataset, in content/. */
export function demoContentDir(demoDatasetFile: string): string {
  return join(dirname(demoDatasetFile), 'content');
}

/**
 * What opening the core does for content, in order: forget files that vanished while the
 * app was closed; on first run, put the demo files in the store; then end presentations
 * the app stopped in the middle of and write their touchpoints.
 */
export function prepareContent(ctx: CoreContext, demoDir: string | undefined): void {
  forgetVanishedFiles(ctx);
  if (demoDir !== undefined) installDemoFiles(ctx, demoDir);
  recoverPresentations(ctx);
}
