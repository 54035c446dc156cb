import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql, type SQL } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock';
import { refuseUnknownMigrations } from './migration-guard';
import * as schema from './schema';

export type Schema = typeof schema;
/** Either driver: PGlite (embedded) and node-postgres share drizzle's pg-core API. */
export type HubDrizzle = PgDatabase<PgQueryResultHKT, Schema>;
export type HubTx = Parameters<Parameters<HubDrizzle['transaction']>[0]>[0];
/** Anything that can run a query: the database or an open transaction. */
export type Queryable = HubDrizzle | HubTx;

export interface HubDatabase {
  db: HubDrizzle;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

export type DatabaseTarget =
  /** Embedded PostgreSQL in this directory (created when missing); `null` = in memory (tests). */
  { kind: 'pglite'; dir: string | null } | { kind: 'postgres'; url: string; poolSize?: number };

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../drizzle', import.meta.url));

/** int8 (oid 20) as a JS number: every bigint here is a millisecond time, a size or a sequence number < 2^53. */
const INT8_OID = 20;

/** Serializes migrations when several hub processes start against one PostgreSQL server. */
const MIGRATION_LOCK = 0x6875625f6d6967n; // "hub_mig"

/**
 * Opens the database and applies pending migrations before anything else may use it.
 * A database holding a migration this build does not know (written by a newer hub) is
 * refused with DB_TOO_NEW before anything is written.
 */
export async function openDatabase(target: DatabaseTarget): Promise<HubDatabase> {
  if (target.kind === 'pglite') {
    if (target.dir) mkdirSync(target.dir, { recursive: true });
    const unlock = target.dir ? lockDataDir(target.dir) : () => undefined;
    let client: PGlite | undefined;
    try {
      client = await PGlite.create(target.dir ?? undefined);
      const opened = client;
      await refuseUnknownMigrations((text) => opened.query(text), MIGRATIONS_FOLDER);
      const db = drizzlePglite(opened, { schema });
      await migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER });
      const close = async () => {
        await opened.close();
        unlock();
      };
      return { db: db as unknown as HubDrizzle, kind: 'pglite', close };
    } catch (error) {
      await client?.close().catch(() => undefined);
      unlock();
      throw error;
    }
  }
  const pool = new pg.Pool({
    connectionString: target.url,
    max: target.poolSize ?? 10,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  const db = drizzleNodePg(pool, { schema });
  try {
    const lockClient = await pool.connect();
    try {
      await lockClient.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK.toString()]);
      // Under the lock: a newer hub migrating the same server right now is seen here.
      await refuseUnknownMigrations((text) => lockClient.query(text), MIGRATIONS_FOLDER);
      await migrateNodePg(db, { migrationsFolder: MIGRATIONS_FOLDER });
    } finally {
      await lockClient.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK.toString()]).catch(() => undefined);
      lockClient.release();
    }
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  return { db: db as unknown as HubDrizzle, kind: 'postgres', close: () => pool.end() };
}

/** Runs raw SQL and returns its rows (both drivers answer `{ rows }`). */
export async function queryRows<T>(db: Queryable, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

export async function hubId(db: Queryable): Promise<string> {
  const [row] = await queryRows<{ value: string }>(db, sql`SELECT value FROM hub_meta WHERE key = 'hub_id'`);
  if (!row) throw new Error('hub_meta has no hub_id: the migrations did not run');
  return row.value;
}
