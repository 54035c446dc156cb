import { readMigrationFiles } from 'drizzle-orm/migrator';
import { AppError } from '../../src/shared/errors';

/** Runs one SQL text and answers its rows: a PGlite client and a node-postgres client both fit. */
export type RawQuery = (text: string) => Promise<{ rows: unknown[] }>;

/** A row of drizzle's own record of applied migrations (`drizzle.__drizzle_migrations`). */
export interface AppliedMigration {
  hash: string;
  /** The journal's `when` of the migration, as drizzle recorded it. */
  createdAt: number | null;
}

/** This build's migrations as drizzle's migrator sees them: sha256 of each .sql file's text, and its journal `when`. */
export interface KnownMigration {
  hash: string;
  folderMillis: number;
}

export function knownMigrations(migrationsFolder: string): KnownMigration[] {
  return readMigrationFiles({ migrationsFolder }).map(({ hash, folderMillis }) => ({ hash, folderMillis }));
}

/** What drizzle recorded in this database, in the order applied; empty when it never migrated it. */
export async function readAppliedMigrations(query: RawQuery): Promise<AppliedMigration[]> {
  const { rows: present } = await query(
    "SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = 'drizzle' AND tablename = '__drizzle_migrations'",
  );
  if (present.length === 0) return [];
  const { rows } = await query(
    'SELECT hash, created_at::text AS created_at FROM drizzle.__drizzle_migrations ORDER BY id',
  );
  return (rows as { hash: string; created_at: string | null }[]).map((row) => ({
    hash: row.hash,
    createdAt: row.created_at === null ? null : Number(row.created_at),
  }));
}

const time = (ms: number) => new Date(ms).toISOString();

/**
 * Throws DB_TOO_NEW when the database holds a migration this build does not have.
 * drizzle's migrator would skip it silently (it only compares the newest `created_at`
 * with each journal `when`), and this build would then serve a schema it does not know:
 * inserts failing on new NOT NULL columns, newer data ignored or overwritten.
 */
export function assertOnlyKnownMigrations(
  applied: readonly AppliedMigration[],
  known: readonly KnownMigration[],
): void {
  const hashes = new Set(known.map((migration) => migration.hash));
  const newest = Math.max(0, ...known.map((migration) => migration.folderMillis));
  const unknown = applied.filter((row) => !hashes.has(row.hash) || (row.createdAt ?? 0) > newest);
  if (unknown.length === 0) return;
  const latest = Math.max(...unknown.map((row) => row.createdAt ?? 0));
  const count = `${unknown.length} migration${unknown.length === 1 ? '' : 's'}`;
  if (latest > newest) {
    throw new AppError(
      'DB_TOO_NEW',
      `This hub database was migrated by a newer hub build: it records ${count} this build does not have ` +
        `(the latest from ${time(latest)}; this build's newest is from ${time(newest)}). ` +
        'This hub did not change it. Run the newer hub version (the one that last migrated this database, or a later one).',
    );
  }
  throw new AppError(
    'DB_TOO_NEW',
    `This hub database records ${count} this build does not have (sha256 ${unknown.map((row) => row.hash.slice(0, 12)).join(', ')}), ` +
      'none newer than its own: it was migrated by a different hub build, or a shipped migration file was edited. ' +
      'This hub did not change it. Run the hub version that migrated this database, or a newer one that includes those migrations.',
  );
}

/** Reads drizzle's record of applied migrations and refuses a database with any this build does not know. */
export async function refuseUnknownMigrations(query: RawQuery, migrationsFolder: string): Promise<void> {
  assertOnlyKnownMigrations(await readAppliedMigrations(query), knownMigrations(migrationsFolder));
}
