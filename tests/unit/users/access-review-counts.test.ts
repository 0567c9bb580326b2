import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/db/migrate';
import { MIGRATIONS } from '../../../electron/core/db/migrations';
import { openDatabase, type Db } from '../../../electron/core/db/open-database';
import { alertCounts, approvalCounts } from '../../../electron/core/users/access-review-repository';
import { tempDir } from '../../support/tmp';

/** A vault at schema 24 (before issue 15): the approvals table of migration 012, no alerts table. */
function vaultAt24(): Db {
  const db = openDatabase(path.join(tempDir(), 'v.db'), randomBytes(32), { create: true });
  migrate(db, MIGRATIONS.filter((m) => m.version <= 24));
  const user = db.prepare("INSERT INTO users (id, username, display_name, role, password_hash, created_at) VALUES (?, ?, ?, ?, 'h', 'now')");
  user.run(1, 'anna', 'A', 'owner');
  user.run(2, 'second', 'S', 'owner');
  user.run(3, 'sales1', 'L', 'sales');
  return db;
}

describe('access review: alerts and approvals, whichever tables this vault has', () => {
  it('counts approvals asked for and given in the period on the pre-issue-15 approvals table', () => {
    const db = vaultAt24();
    const insert = db.prepare("INSERT INTO approvals (kind, target_user_id, payload, requested_by, requested_at, status, decided_by, decided_at) VALUES ('user.role', 3, '{}', ?, ?, ?, ?, ?)");
    insert.run(1, '2026-11-01T00:00:00.000Z', 'approved', 2, '2026-11-01T01:00:00.000Z');
    insert.run(1, '2026-11-02T00:00:00.000Z', 'rejected', 2, '2026-11-02T01:00:00.000Z');
    insert.run(2, '2026-11-03T00:00:00.000Z', 'pending', null, null);
    // Before the period: not counted.
    insert.run(1, '2026-01-01T00:00:00.000Z', 'approved', 2, '2026-01-01T01:00:00.000Z');
    const counts = approvalCounts(db, '2026-10-01T00:00:00.000Z');
    // The pre-issue-15 table had no lone-owner path: nothing ran without a second person.
    expect(counts.get(1)).toEqual({ requested: 2, given: 0, noSecondPerson: 0 });
    // A rejection is not an approval given.
    expect(counts.get(2)).toEqual({ requested: 1, given: 1, noSecondPerson: 0 });
    expect(counts.get(3)).toBeUndefined();
  });

  it('no alerts table: every count is 0; with one (as the monitoring rules add it), alerts about each user in the period', () => {
    const db = vaultAt24();
    expect(alertCounts(db, '2026-10-01T00:00:00.000Z').size).toBe(0);
    db.exec('CREATE TABLE alerts (id INTEGER PRIMARY KEY, rule_id TEXT NOT NULL, user_id INTEGER, raised_at TEXT NOT NULL)');
    const alert = db.prepare("INSERT INTO alerts (rule_id, user_id, raised_at) VALUES ('exports.many', ?, ?)");
    alert.run(3, '2026-11-01T00:00:00.000Z');
    alert.run(3, '2026-11-02T00:00:00.000Z');
    alert.run(3, '2026-01-01T00:00:00.000Z');
    alert.run(null, '2026-11-02T00:00:00.000Z');
    expect([...alertCounts(db, '2026-10-01T00:00:00.000Z')]).toEqual([[3, 2]]);
  });
});
