import type { Migration } from './types';
import type { Db } from '../open-database';

/** The exact text migration 4 wrote: every vault has it, so anything else means a schema we do not know. */
const LEVEL_CHECK = " CHECK (level IN ('vip', 'regular', 'prospect'))";

/**
 * Levels become a list the owner manages (managed_list_values, list 'level'): customers.level
 * holds a stable key ('vip', 'regular', 'prospect', or a generated one), which core checks
 * against the list (settings/levels.ts). Migration 4's CHECK allowed only the three built-in
 * keys, so it goes.
 *
 * SQLite cannot drop a CHECK with ALTER TABLE. Its documented procedure for removing one
 * (lang_altertable.html, "writable_schema") edits the table's SQL in sqlite_schema and bumps
 * the schema cookie: no row is copied, so it costs the same at 100,000 customers as at none,
 * and the triggers, indexes, FTS tables and foreign keys that name customers stay as they are
 * (the 12-step rebuild would copy every row and recreate each of them). better-sqlite3 runs
 * connections in SQLite's defensive mode, which refuses writable_schema; unsafeMode lifts it
 * for this migration only and is restored before the transaction commits. The edit is checked
 * before it commits: the new SQL must parse and differ only by the CHECK, integrity_check of
 * the table must pass; any failure rolls the whole migration back.
 *
 * Triggers keep the rule in the database too (an insert or update with a level the list does
 * not hold is refused), so no code path can store a level Settings does not show.
 */
export const migration023: Migration = {
  version: 23,
  name: 'managed-levels',
  up(db) {
    dropLevelCheck(db);
    db.exec(`
      CREATE TRIGGER customers_level_known_insert BEFORE INSERT ON customers
        WHEN NOT EXISTS (SELECT 1 FROM managed_list_values WHERE list = 'level' AND value = NEW.level)
        BEGIN SELECT RAISE(ABORT, 'unknown customer level'); END;
      CREATE TRIGGER customers_level_known_update BEFORE UPDATE OF level ON customers
        WHEN NOT EXISTS (SELECT 1 FROM managed_list_values WHERE list = 'level' AND value = NEW.level)
        BEGIN SELECT RAISE(ABORT, 'unknown customer level'); END;
    `);
  },
};

function dropLevelCheck(db: Db): void {
  const row = db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'customers'").get() as { sql: string } | undefined;
  if (!row || row.sql.split(LEVEL_CHECK).length !== 2) throw new Error('migration 23: the customers table is not the one migration 4 created');
  const sql = row.sql.replace(LEVEL_CHECK, '');
  const version = db.pragma('schema_version', { simple: true }) as number;
  db.unsafeMode(true);
  try {
    db.pragma('writable_schema = ON');
    if (db.pragma('writable_schema', { simple: true }) !== 1) throw new Error('migration 23: writable_schema was refused');
    db.prepare("UPDATE sqlite_schema SET sql = ? WHERE type = 'table' AND name = 'customers'").run(sql);
    db.pragma(`schema_version = ${version + 1}`);
    db.pragma('writable_schema = OFF');
  } finally {
    db.pragma('writable_schema = OFF');
    db.unsafeMode(false);
  }
  // The next statement reloads the schema from the edited SQL: it must parse, and the table
  // and its indexes must check clean, or the migration rolls back with nothing changed.
  const after = db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'customers'").get() as { sql: string };
  if (after.sql !== sql) throw new Error('migration 23: the customers table was not updated');
  const check = db.pragma('integrity_check(customers)', { simple: true });
  if (check !== 'ok') throw new Error('migration 23: integrity check failed after removing the level check');
}
