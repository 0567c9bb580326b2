import { CofferError } from '../../../shared/errors';
import { MIGRATIONS, type Migration } from './migrations';
import type { Db } from './open-database';
import { mapSqliteError } from './open-database';

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the schema up to date, one migration per transaction, so a crash or a full disk leaves
 * the database at the previous version rather than half-migrated. A database from a newer app is
 * refused untouched: an older app cannot know what its tables mean.
 */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): number {
  assertNumbered(migrations);
  const latest = migrations.length;
  const current = schemaVersion(db);
  if (current > latest) {
    throw new CofferError('VAULT_TOO_NEW', 'This vault was last used by a newer version of Coffer. Nothing was changed: install the latest version of Coffer to open it.');
  }
  for (const migration of migrations.slice(current)) {
    try {
      db.transaction(() => {
        migration.up(db);
        // user_version lives in the database header, so it commits or rolls back with the rest.
        db.pragma(`user_version = ${migration.version}`);
      })();
    } catch (error) {
      throw mapSqliteError(error);
    }
  }
  return schemaVersion(db);
}

function assertNumbered(migrations: readonly Migration[]): void {
  migrations.forEach((m, index) => {
    if (m.version !== index + 1) throw new Error(`Migration ${m.name} is numbered ${m.version}, expected ${index + 1}`);
  });
}
