import type Database from 'better-sqlite3';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { AppError } from '../../../src/shared/errors';

/**
 * SQLite result codes that say something about the file or the machine rather than the
 * migration's SQL: they keep their own meaning (DB_CORRUPT or DB_UNAVAILABLE, decided in
 * connection.ts) instead of being reported as a failed migration.
 */
const NOT_THE_MIGRATION = /^SQLITE_(CORRUPT|NOTADB|BUSY|LOCKED|FULL|IOERR|READONLY|CANTOPEN|NOMEM|PERM|AUTH|INTERRUPT)/;

/**
 * Applies drizzle-kit's migrations in journal order. The schema version is the number of
 * applied migrations, kept in `PRAGMA user_version` so it is written in the same
 * transaction as each migration. As in Signal Desktop, a database whose version is
 * above what this build knows was written by a newer app and is refused: running old
 * code on a newer schema could silently drop what the newer app stored.
 *
 * Foreign keys are switched off around the migrations, outside their transactions:
 * SQLite ignores `PRAGMA foreign_keys` inside a transaction, and drizzle-kit rebuilds a
 * table (CREATE __new_x, copy, DROP x, RENAME) in a way that only works with them off.
 * Instead, `PRAGMA foreign_key_check` runs before each migration commits, so a migration
 * that would leave a dangling reference is rolled back and refused (DB_MIGRATION_FAILED).
 */
export function migrate(db: Database.Database, migrationsFolder: string): number {
  const migrations = readMigrationFiles({ migrationsFolder });
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new AppError(
      'DB_TOO_NEW',
      `The database has schema version ${current}, but this app only knows up to ${migrations.length}. It was written by a newer version of OneTeam Field; update the app.`,
    );
  }
  if (current === migrations.length) return migrations.length;
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  try {
    for (let index = current; index < migrations.length; index++) {
      const migration = migrations[index];
      if (!migration) break;
      try {
        db.transaction(() => {
          for (const statement of migration.sql) {
            if (statement.trim() !== '') db.exec(statement);
          }
          const broken = db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
          const first = broken[0];
          if (first) {
            throw new AppError(
              'DB_MIGRATION_FAILED',
              `Migration ${index} would leave ${broken.length} row(s) pointing at rows that do not exist (first: ${first.table} row ${first.rowid} → ${first.parent}); it was not applied.`,
            );
          }
          db.pragma(`user_version = ${index + 1}`);
        }).immediate();
      } catch (error) {
        if (error instanceof AppError) throw error;
        const code = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
        if (typeof code === 'string' && NOT_THE_MIGRATION.test(code)) throw error;
        const message = error instanceof Error ? error.message : String(error);
        throw new AppError(
          'DB_MIGRATION_FAILED',
          `Migration ${index} could not be applied (${message}); the database was left at schema version ${index}.`,
        );
      }
    }
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
  }
  return migrations.length;
}
