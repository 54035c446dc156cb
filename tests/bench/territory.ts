import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DATABASE_FILE } from '../../electron/core/core';
import { openDatabase } from '../../electron/core/db/connection';
import { createGenerator } from '../../electron/core/demo/generate';
import { insertDataset } from '../../electron/core/demo/load';
import { MIGRATIONS } from '../support/paths';
import type { TerritorySize } from './types';

/**
 * A generated territory in a data folder, built once per scale and reused by later runs
 * (building 2,000,000 touchpoints takes a while). Built under a temporary name and
 * renamed when complete, so an interrupted build is never mistaken for a finished one.
 */
export function territoryDataDir(workDir: string, size: TerritorySize): { dataDir: string; built: boolean } {
  const dataDir = join(workDir, `territory-${size.accounts}-${size.touchpoints}`);
  const file = join(dataDir, DATABASE_FILE);
  if (existsSync(file)) return { dataDir, built: false };
  mkdirSync(dataDir, { recursive: true });
  const partial = join(dataDir, 'building.db');
  rmSync(partial, { force: true });
  const { sqlite } = openDatabase({ file: partial, migrationsFolder: MIGRATIONS });
  // Bulk load: durability per transaction is not what is measured here.
  sqlite.pragma('synchronous = OFF');
  const generator = createGenerator(size);
  insertDataset(
    sqlite,
    {
      anchor: generator.anchor,
      events: generator.events,
      contentItems: generator.contentItems,
      contentVersions: generator.contentVersions,
      batches: generator.accountBatches(),
    },
    Date.now(),
  );
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.exec('ANALYZE');
  sqlite.close();
  renameSync(partial, file);
  return { dataDir, built: true };
}
