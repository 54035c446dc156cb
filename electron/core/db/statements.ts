import type Database from 'better-sqlite3';

const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** A prepared statement, prepared once per connection: the hot read paths reuse them. */
export function statement(sqlite: Database.Database, sql: string): Database.Statement {
  let byText = cache.get(sqlite);
  if (!byText) {
    byText = new Map();
    cache.set(sqlite, byText);
  }
  let prepared = byText.get(sql);
  if (!prepared) {
    prepared = sqlite.prepare(sql);
    byText.set(sql, prepared);
  }
  return prepared;
}
