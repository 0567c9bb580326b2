import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../electron/core/db/migrate';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { openDatabase } from '../../electron/core/db/open-database';
import { tempDir } from '../support/tmp';

describe('migration 16: import batches, their per-row effects and remembered mappings', () => {
  it('adds the three tables on a vault with customers, leaving the customers as they were', () => {
    const db = openDatabase(path.join(tempDir(), 'v.db'), randomBytes(32), { create: true });
    migrate(db, MIGRATIONS.slice(0, 15));
    db.prepare("INSERT INTO users (id, username, display_name, role, password_hash, created_at) VALUES (1, 'a', 'A', 'owner', 'h', 'now')").run();
    db.prepare("INSERT INTO customers (id, name, owner_id, created_at, updated_at) VALUES (1, '王伟', 1, 'then', 'then')").run();
    migrate(db, MIGRATIONS.slice(0, 16));
    expect(schemaVersion(db)).toBe(16);
    db.prepare(
      "INSERT INTO import_batches (id, user_id, file_name, file_sha256, format, encoding, mapping, choice, counts, state, started_at) VALUES ('b1', 1, 'f.xlsx', 'abc', 'xlsx', NULL, '[]', 'skip', '{}', 'running', 'now')",
    ).run();
    db.prepare("INSERT INTO import_effects (batch_id, row, customer_id, action, before, after_updated_at) VALUES ('b1', 2, 1, 'update', '{\"city\":null}', 'now')").run();
    db.prepare("INSERT INTO import_mappings (signature, mapping, saved_at, user_id) VALUES ('sig', '[]', 'now', 1)").run();
    // The states and actions are closed lists; an effect needs its batch and its customer.
    expect(() => db.prepare("UPDATE import_batches SET state = 'half' WHERE id = 'b1'").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO import_effects (batch_id, row, customer_id, action, after_updated_at) VALUES ('b1', 3, 1, 'delete', 'now')").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO import_effects (batch_id, row, customer_id, action, after_updated_at) VALUES ('b1', 2, 1, 'new', 'now')").run()).toThrow(/UNIQUE|PRIMARY/);
    db.pragma('foreign_keys = ON');
    expect(() => db.prepare("INSERT INTO import_effects (batch_id, row, customer_id, action, after_updated_at) VALUES ('nope', 4, 1, 'new', 'now')").run()).toThrow(/FOREIGN KEY/);
    expect(db.prepare('SELECT name, updated_at AS u FROM customers').all()).toEqual([{ name: '王伟', u: 'then' }]);
    db.close();
  });
});
