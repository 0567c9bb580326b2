import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../electron/core/db/migrate';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { openDatabase, type Db } from '../../electron/core/db/open-database';
import { tempDir } from '../support/tmp';

const before = MIGRATIONS.filter((m) => m.version < 24);

function vaultAt23(): Db {
  const db = openDatabase(path.join(tempDir(), 'v.db'), randomBytes(32), { create: true });
  migrate(db, before);
  const user = db.prepare("INSERT INTO users (id, username, display_name, role, password_hash, created_at) VALUES (?, ?, ?, ?, 'h', 'now')");
  user.run(1, 'owner', 'O', 'owner');
  user.run(2, 'sales1', 'S', 'sales');
  const customer = db.prepare("INSERT INTO customers (id, name, owner_id, deleted_at, created_at, last_interaction_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'x')");
  customer.run(1, 'Never contacted', 2, null, '2026-11-20T23:59:59.999Z', null);
  customer.run(2, 'Contacted', 1, null, '2026-01-01T00:00:00.000Z', '2026-11-21T00:00:00.000Z');
  customer.run(3, 'Binned', 2, '2026-11-01T00:00:00.000Z', '2026-11-20T10:00:00.000Z', '2026-11-21T10:00:00.000Z');
  customer.run(4, 'Same day', 2, null, '2026-11-20T08:00:00.000Z', '2026-11-21T09:00:00.000Z');
  const reminder = db.prepare("INSERT INTO reminders (customer_id, owner_id, due_at, note, created_by, created_at, status) VALUES (?, ?, '2026-11-20T09:00:00.000Z', 'n', 1, 'now', ?)");
  reminder.run(1, 2, 'open');
  reminder.run(1, 1, 'done');
  reminder.run(2, 2, 'open');
  reminder.run(3, 2, 'open');
  return db;
}

/** The kept counts as they must be: recomputed from the rows. Zero rows left by the triggers are left out. */
function expected(db: Db) {
  return {
    totals: db.prepare('SELECT owner_id, count(*) AS n FROM customers WHERE deleted_at IS NULL GROUP BY 1 ORDER BY 1').all(),
    created: db.prepare('SELECT substr(created_at, 1, 10) AS day, owner_id, count(*) AS n FROM customers WHERE deleted_at IS NULL GROUP BY 1, 2 ORDER BY 1, 2').all(),
    quiet: db.prepare('SELECT substr(coalesce(last_interaction_at, created_at), 1, 10) AS day, owner_id, count(*) AS n FROM customers WHERE deleted_at IS NULL GROUP BY 1, 2 ORDER BY 1, 2').all(),
    reminders: db
      .prepare('SELECT r.status, c.owner_id AS scope_owner_id, r.owner_id, count(*) AS n FROM reminders r JOIN customers c ON c.id = r.customer_id WHERE c.deleted_at IS NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3')
      .all(),
  };
}
function kept(db: Db) {
  return {
    totals: db.prepare('SELECT owner_id, n FROM customer_totals WHERE n <> 0 ORDER BY 1').all(),
    created: db.prepare('SELECT day, owner_id, created AS n FROM customer_days WHERE created <> 0 ORDER BY 1, 2').all(),
    quiet: db.prepare('SELECT day, owner_id, quiet AS n FROM customer_days WHERE quiet <> 0 ORDER BY 1, 2').all(),
    reminders: db.prepare('SELECT status, scope_owner_id, owner_id, n FROM reminder_totals WHERE n <> 0 ORDER BY 1, 2, 3').all(),
  };
}

describe('migration 24: customer and reminder counts the dashboard reads instead of the rows', () => {
  it('fills the counts from existing rows, leaving the recycle bin out', () => {
    const db = vaultAt23();
    migrate(db, MIGRATIONS.filter((m) => m.version <= 24));
    expect(schemaVersion(db)).toBe(24);
    expect(kept(db)).toEqual({
      totals: [{ owner_id: 1, n: 1 }, { owner_id: 2, n: 2 }],
      created: [{ day: '2026-01-01', owner_id: 1, n: 1 }, { day: '2026-11-20', owner_id: 2, n: 2 }],
      // Never contacted: the day it was created; the others, their last contact's UTC day.
      quiet: [{ day: '2026-11-20', owner_id: 2, n: 1 }, { day: '2026-11-21', owner_id: 1, n: 1 }, { day: '2026-11-21', owner_id: 2, n: 1 }],
      reminders: [{ status: 'done', scope_owner_id: 2, owner_id: 1, n: 1 }, { status: 'open', scope_owner_id: 1, owner_id: 2, n: 1 }, { status: 'open', scope_owner_id: 2, owner_id: 2, n: 1 }],
    });
    expect(kept(db)).toEqual(expected(db));
    db.close();
  });

  it('triggers keep them right through every kind of change (add, contact, hand-over, recycle bin, merge, done, reassign, delete)', () => {
    const db = vaultAt23();
    migrate(db, MIGRATIONS);
    const steps = [
      "INSERT INTO customers (id, name, owner_id, created_at, updated_at) VALUES (5, 'New', 1, '2026-11-22T00:00:00.000Z', 'x')",
      "INSERT INTO customers (id, name, owner_id, created_at, updated_at, deleted_at) VALUES (6, 'Imported binned', 1, '2026-11-22T00:00:00.000Z', 'x', 'y')",
      "UPDATE customers SET last_interaction_at = '2026-11-23T01:00:00.000Z' WHERE id = 5",
      "UPDATE customers SET last_interaction_at = max(coalesce(last_interaction_at, '2026-11-22T05:00:00.000Z'), '2026-11-22T05:00:00.000Z') WHERE id = 1",
      'UPDATE customers SET owner_id = 1 WHERE id = 4',
      "UPDATE customers SET deleted_at = '2026-11-24T00:00:00.000Z' WHERE id = 2",
      'UPDATE customers SET deleted_at = NULL WHERE id = 3',
      "UPDATE customers SET created_at = '2025-12-31T23:59:59.999Z' WHERE id = 1",
      'UPDATE customers SET last_interaction_at = NULL WHERE id = 1',
      // Never contacted: its creation is its last contact, so moving it moves the quiet day too.
      "UPDATE customers SET created_at = '2026-11-30T00:00:00.000Z' WHERE id = 1",
      "UPDATE customers SET owner_id = 2, deleted_at = '2026-11-25T00:00:00.000Z' WHERE id = 5",
      "UPDATE customers SET updated_at = 'z' WHERE id = 1",
      "INSERT INTO reminders (customer_id, owner_id, due_at, note, created_by, created_at) VALUES (4, 1, '2026-11-23T00:00:00.000Z', 'n', 1, 'now')",
      "INSERT INTO reminders (customer_id, owner_id, due_at, note, created_by, created_at) VALUES (2, 1, '2026-11-23T00:00:00.000Z', 'n', 1, 'now')",
      "UPDATE reminders SET status = 'done', done_at = 'now' WHERE id = 1",
      'UPDATE reminders SET owner_id = 2 WHERE id IN (3, 5)',
      'UPDATE reminders SET customer_id = 4 WHERE id IN (1, 2)',
      "UPDATE reminders SET due_at = '2026-12-01T00:00:00.000Z', snoozed = snoozed + 1 WHERE id = 5",
      'UPDATE customers SET deleted_at = NULL WHERE id = 2',
      'DELETE FROM reminders WHERE id = 4',
      'DELETE FROM customers WHERE id = 6',
      'DELETE FROM reminders WHERE customer_id = 5',
      'DELETE FROM customers WHERE id = 5',
      "INSERT INTO customers (id, name, owner_id, created_at, updated_at) VALUES (7, 'Live, then gone', 2, '2026-11-26T00:00:00.000Z', 'x')",
      'DELETE FROM customers WHERE id = 7',
    ];
    for (const step of steps) {
      db.exec(step);
      expect(kept(db), step).toEqual(expected(db));
    }
    db.close();
  });
});
