import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../electron/core/db/migrate';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { openDatabase } from '../../electron/core/db/open-database';
import { tempDir } from '../support/tmp';

describe('migration 13: ID numbers keep the capital X check character', () => {
  it('upper-cases only a trailing x and leaves every other ID number and column as it was', () => {
    const db = openDatabase(path.join(tempDir(), 'v.db'), randomBytes(32), { create: true });
    migrate(db, MIGRATIONS.slice(0, 12));
    db.prepare("INSERT INTO users (id, username, display_name, role, password_hash, created_at) VALUES (1, 'a', 'A', 'owner', 'h', 'now')").run();
    const insert = db.prepare("INSERT INTO customers (id, name, owner_id, id_number, created_at, updated_at) VALUES (?, ?, 1, ?, 'then', 'then')");
    insert.run(1, '王伟', '11010519491231002x');
    insert.run(2, 'Amy', '11010519491231002X');
    insert.run(3, '李娜', '440524188001010014');
    insert.run(4, 'Bob', null);
    migrate(db, MIGRATIONS.slice(0, 13));
    expect(schemaVersion(db)).toBe(13);
    expect(db.prepare('SELECT id, name, id_number AS idNumber, updated_at AS updatedAt FROM customers ORDER BY id').all()).toEqual([
      { id: 1, name: '王伟', idNumber: '11010519491231002X', updatedAt: 'then' },
      { id: 2, name: 'Amy', idNumber: '11010519491231002X', updatedAt: 'then' },
      { id: 3, name: '李娜', idNumber: '440524188001010014', updatedAt: 'then' },
      { id: 4, name: 'Bob', idNumber: null, updatedAt: 'then' },
    ]);
    db.close();
  });
});
