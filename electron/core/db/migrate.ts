import type Database from 'better-sqlite3';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { AppError } from '../../../src/shared/errors';

/**
 * Applies drizzle-kit's migrations in journal order. The schema version is the number of
 * applied migrations, kept in `PRAGMA user_version` so it is written in the same
 * transaction as each migration. As in Signal Desktop, a database whose version is
 * above what this build knows was written by a newer app and is refused: running old
 * code on a newer schema could silently drop what the newer app stored.
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
  for (let index = current; index < migrations.length; index++) {
    const migration = migrations[index];
    if (!migration) break;
    db.transaction(() => {
      for (const statement of migration.sql) {
        if (statement.trim() !== '') db.exec(statement);
      }
      db.pragma(`user_version = ${index + 1}`);
    }).immediate();
  }
  return migrations.length;
}
