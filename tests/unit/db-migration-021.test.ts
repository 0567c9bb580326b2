import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { interactionsBetween } from '../../electron/core/dashboard/dashboard-repository';
import { createDashboardService } from '../../electron/core/dashboard/dashboard-service';
import { createReminderService } from '../../electron/core/reminders/reminder-service';
import type { Session } from '../../electron/core/auth/session-service';
import { migrate, schemaVersion } from '../../electron/core/db/migrate';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { openDatabase, type Db } from '../../electron/core/db/open-database';
import { plansOf } from '../support/query-plans';
import { tempDir } from '../support/tmp';

const before = MIGRATIONS.filter((m) => m.version < 21);

function vaultAt20(): Db {
  const db = openDatabase(path.join(tempDir(), 'v.db'), randomBytes(32), { create: true });
  migrate(db, before);
  const user = db.prepare("INSERT INTO users (id, username, display_name, role, password_hash, created_at) VALUES (?, ?, ?, ?, 'h', 'now')");
  user.run(1, 'owner', 'O', 'owner');
  user.run(2, 'sales1', 'S', 'sales');
  const customer = db.prepare("INSERT INTO customers (id, name, owner_id, deleted_at, created_at, updated_at) VALUES (?, ?, ?, ?, '2026-01-01T00:00:00.000Z', 'x')");
  customer.run(1, 'Mine', 2, null);
  customer.run(2, 'Owner’s', 1, null);
  customer.run(3, 'Binned', 2, '2026-11-01T00:00:00.000Z');
  const interaction = db.prepare("INSERT INTO interactions (customer_id, kind, at, summary, user_id, created_at) VALUES (?, 'call', ?, 's', 1, 'now')");
  interaction.run(1, '2026-11-20T09:10:00.000Z');
  interaction.run(1, '2026-11-20T09:50:00.000Z');
  interaction.run(2, '2026-11-20T09:30:00.000Z');
  interaction.run(3, '2026-11-20T09:30:00.000Z');
  const reminder = db.prepare("INSERT INTO reminders (customer_id, owner_id, due_at, note, created_by, created_at) VALUES (?, ?, ?, 'n', 1, 'now')");
  reminder.run(1, 2, '2026-11-20T09:00:00.000Z');
  reminder.run(3, 2, '2026-11-20T09:00:00.000Z');
  return db;
}

/** interaction_hours as it must be: recomputed from scratch. */
function expectedHours(db: Db): unknown[] {
  return db
    .prepare("SELECT substr(i.at, 1, 13) AS hour, c.owner_id AS owner_id, count(*) AS n FROM interactions i JOIN customers c ON c.id = i.customer_id WHERE c.deleted_at IS NULL GROUP BY 1, 2 ORDER BY 1, 2")
    .all();
}
const keptHours = (db: Db) => db.prepare('SELECT hour, owner_id, n FROM interaction_hours WHERE n > 0 ORDER BY 1, 2').all();
const scopes = (db: Db) => db.prepare('SELECT id, scope_owner_id AS scope FROM reminders ORDER BY id').all();

describe('migration 21: aggregates that keep the dashboard off full scans', () => {
  it('fills the hourly counts and the reminders’ scope from existing rows, leaving the recycle bin out', () => {
    const db = vaultAt20();
    migrate(db, MIGRATIONS.filter((m) => m.version <= 21));
    expect(schemaVersion(db)).toBe(21);
    expect(keptHours(db)).toEqual([
      { hour: '2026-11-20T09', owner_id: 1, n: 1 },
      { hour: '2026-11-20T09', owner_id: 2, n: 2 },
    ]);
    expect(scopes(db)).toEqual([{ id: 1, scope: 2 }, { id: 2, scope: null }]);
    db.close();
  });

  it('triggers keep both right through every kind of change (add, edit, delete, hand-over, recycle bin, merge)', () => {
    const db = vaultAt20();
    migrate(db, MIGRATIONS);
    const steps = [
      "INSERT INTO interactions (customer_id, kind, at, summary, user_id, created_at) VALUES (2, 'visit', '2026-11-21T10:00:00.000Z', 's', 1, 'now')",
      "UPDATE interactions SET at = '2026-11-19T08:00:00.000Z' WHERE id = 1",
      'DELETE FROM interactions WHERE id = 2',
      'UPDATE customers SET owner_id = 1 WHERE id = 1',
      "UPDATE customers SET deleted_at = '2026-11-22T00:00:00.000Z' WHERE id = 2",
      'UPDATE customers SET deleted_at = NULL WHERE id = 3',
      'UPDATE interactions SET customer_id = 1 WHERE customer_id = 3',
      "INSERT INTO reminders (customer_id, owner_id, due_at, note, created_by, created_at) VALUES (2, 1, '2026-11-23T00:00:00.000Z', 'n', 1, 'now')",
      'UPDATE reminders SET customer_id = 1 WHERE id = 2',
      "UPDATE customers SET updated_at = 'y' WHERE id = 1",
    ];
    for (const step of steps) {
      db.exec(step);
      expect(keptHours(db), step).toEqual(expectedHours(db));
      expect(scopes(db), step).toEqual(db.prepare('SELECT r.id, CASE WHEN c.deleted_at IS NULL THEN c.owner_id END AS scope FROM reminders r JOIN customers c ON c.id = r.customer_id ORDER BY r.id').all());
    }
    db.close();
  });

  it('counts a week that starts mid-hour exactly: whole hours from the table, the cut hours row by row', () => {
    const db = vaultAt20();
    migrate(db, MIGRATIONS);
    // 09:10 and 09:50 (customer 1) and 09:30 (customer 2) on 2026-11-20; 09:30 of the binned one never counts.
    expect(interactionsBetween(db, new Date('2026-11-20T09:30:00.000Z'), new Date('2026-11-27T09:30:00.000Z'), undefined)).toBe(2);
    expect(interactionsBetween(db, new Date('2026-11-20T09:30:00.000Z'), new Date('2026-11-27T09:30:00.000Z'), 2)).toBe(1);
    expect(interactionsBetween(db, new Date('2026-11-20T00:00:00.000Z'), new Date('2026-11-21T00:00:00.000Z'), undefined)).toBe(3);
    expect(interactionsBetween(db, new Date('2026-11-20T09:15:00.000Z'), new Date('2026-11-20T09:45:00.000Z'), undefined)).toBe(1);
    db.close();
  });

  it('the dashboard and the reminder tab counts, for every role and scope, read no table in full', () => {
    const db = vaultAt20();
    migrate(db, MIGRATIONS);
    const audit = () => undefined;
    const reminders = createReminderService({ db: () => db, audit: audit as never, now: () => Date.parse('2026-11-24T10:00:00.000Z') });
    const dashboard = createDashboardService({ db: () => db, audit: audit as never, reminders, now: () => Date.parse('2026-11-24T10:00:00.000Z') });
    const session = (userId: number, role: Session['role']) => ({ userId, username: `u${userId}`, role, locked: false }) as unknown as Session;
    const plans: string[] = [];
    for (const [who, mine] of [[session(1, 'owner'), false], [session(1, 'owner'), true], [session(1, 'manager'), false], [session(2, 'sales'), false], [session(1, 'support'), false]] as const) {
      plans.push(...plansOf(db, () => dashboard.summary(who, mine)));
      plans.push(...plansOf(db, () => reminders.counts(who, mine)));
    }
    if (process.env.SHOW_PLANS) console.log([...new Set(plans)].join("\n"));
    expect(plans.length).toBeGreaterThan(50);
    const interactionsOrReminders = plans.filter((p) => /\b(interactions|reminders|interaction_hours) [ri]\b|FROM (interactions|reminders|interaction_hours)\b/.test(p));
    expect(interactionsOrReminders.length).toBeGreaterThan(20);
    for (const plan of plans) {
      // A SCAN without an index, or of an index from one end to the other, reads every row.
      expect(plan).not.toMatch(/SCAN (i|r|interactions|reminders|interaction_hours)\b/);
      // Walks of customers: the total over its smallest index (ids only), and the five most
      // recently contacted, read in last-contact order and stopped by the LIMIT.
      if (/SCAN c\b/.test(plan)) expect(plan).toMatch(/SCAN c USING (COVERING )?INDEX \w+ +<- SELECT … FROM customers c WHERE c.deleted_at IS NULL$|SCAN c USING INDEX customers_by_last_contact .*LIMIT/);
      // Sorting a whole scope to keep five rows is a scan in disguise.
      if (/FROM customers/.test(plan)) expect(plan).not.toContain('USE TEMP B-TREE FOR ORDER BY');
      if (/created_at >= \?/.test(plan)) expect(plan).toMatch(/created_at>\?/);
    }
    db.close();
  });
});
