import { join } from 'node:path';
import Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { DATABASE_FILE } from '../../electron/core/core';
import type { MutationPayload } from '../../src/shared/sync-api';

/**
 * Queues `count` touchpoints straight into a device's outbox, as if captured offline over a
 * long day, far faster than through the core (which may be running: SQLite takes a second
 * writer). `touchpoint(i)` gives the i-th one; ids are made here.
 */
export function queueTouchpoints(
  dataDir: string,
  count: number,
  touchpoint: (i: number) => Omit<MutationPayload<'touchpoint.create'>, 'id'>,
): void {
  const db = new Database(join(dataDir, DATABASE_FILE));
  try {
    const insert = db.prepare(
      "INSERT INTO outbox (id, kind, entity_id, payload, created_at) VALUES (?, 'touchpoint.create', ?, ?, ?)",
    );
    db.transaction(() => {
      for (let i = 0; i < count; i++) {
        const id = uuidv7();
        insert.run(uuidv7(), id, JSON.stringify({ id, ...touchpoint(i) }), Date.now());
      }
    })();
  } finally {
    db.close();
  }
}
