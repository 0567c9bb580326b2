import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Session } from '../../electron/core/auth/session-service';
import { createDashboardService } from '../../electron/core/dashboard/dashboard-service';
import { migrate } from '../../electron/core/db/migrate';
import { openDatabase, type Db } from '../../electron/core/db/open-database';
import { createReminderService } from '../../electron/core/reminders/reminder-service';
import { DEFAULT_DORMANT_DAYS } from '../../shared/customers';
import { tempDir } from '../support/tmp';

/**
 * The dashboard's fast path (kept counts of migrations 021 and 024, cached statements, the
 * boundary day counted from an index) against the plain queries it replaces, on a seeded vault
 * whose timestamps sit on and around every boundary the figures use: local midnight, Monday,
 * the 1st of the month, the dormant cutoff, UTC midnight and the hour, a millisecond either side,
 * in four time zones (one with half-hour offsets, one with DST). Then again after every kind of
 * change the triggers must follow.
 */

const USERS = [[1, 'owner', 'owner'], [2, 'manager', 'manager'], [3, 'sales1', 'sales'], [4, 'sales2', 'sales'], [5, 'support', 'support']] as const;
const session = (userId: number, role: Session['role']) => ({ userId, username: `u${userId}`, role, locked: false }) as unknown as Session;
const VIEWS = [[1, 'owner', false], [1, 'owner', true], [2, 'manager', false], [2, 'manager', true], [3, 'sales', false], [4, 'sales', true], [5, 'support', false]] as const;

// A small deterministic generator: the same vault every run.
function random(seed: number) {
  let s = seed;
  const next = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  return { next, int: (a: number, b: number) => a + Math.floor(next() * (b - a + 1)), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]! };
}

/** Local midnight and Monday computed the long way, independent of the helpers under test. */
function localDay(ms: number, addDays = 0): number {
  const d = new Date(ms);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + addDays).getTime();
}
function localMonday(ms: number, addWeeks = 0): number {
  const d = new Date(ms);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() - ((d.getDay() + 6) % 7) + 7 * addWeeks).getTime();
}

/** Instants the figures turn on, each a millisecond either side too. */
function edges(now: number): number[] {
  const d = new Date(now);
  const base = [
    now, localDay(now), localDay(now, 1), localDay(now, -1), localMonday(now), localMonday(now, -7), localMonday(now, -3), localMonday(now, 1),
    new Date(d.getFullYear(), d.getMonth(), 1).getTime(), now - DEFAULT_DORMANT_DAYS * 86_400_000,
    Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()), Math.floor(now / 3_600_000) * 3_600_000, Math.floor(now / 1_800_000) * 1_800_000,
  ];
  return base.flatMap((t) => [t - 1, t, t + 1]);
}

function seededVault(now: number, seed: number): Db {
  const db = openDatabase(path.join(tempDir(), 'v.db'), randomBytes(32), { create: true });
  migrate(db);
  const r = random(seed);
  const user = db.prepare("INSERT INTO users (id, username, display_name, role, password_hash, created_at) VALUES (?, ?, ?, ?, 'h', 'now')");
  for (const [id, name, role] of USERS) user.run(id, name, name, role);
  const times = edges(now);
  const anyTime = () => (r.next() < 0.6 ? r.pick(times) : now - r.int(0, 200 * 86_400_000) + r.int(-5, 5) * 86_400_000);
  const iso = (ms: number) => new Date(ms).toISOString();
  const customer = db.prepare('INSERT INTO customers (id, name, owner_id, created_at, updated_at, deleted_at, sort_name) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const interaction = db.prepare("INSERT INTO interactions (customer_id, kind, at, summary, user_id, created_at) VALUES (?, 'call', ?, 's', 1, 'now')");
  const touch = db.prepare('UPDATE customers SET last_interaction_at = max(coalesce(last_interaction_at, ?), ?) WHERE id = ?');
  const reminder = db.prepare("INSERT INTO reminders (customer_id, owner_id, due_at, note, created_by, created_at, status) VALUES (?, ?, ?, 'n', 1, 'now', ?)");
  db.transaction(() => {
    for (let id = 1; id <= 90; id++) {
      const created = anyTime();
      customer.run(id, `c${id}`, r.pick([1, 2, 3, 4]), iso(created), 'u', r.next() < 0.1 ? iso(now - 86_400_000) : null, `c${id}`);
      for (let k = r.int(0, 4); k > 0; k--) {
        const at = iso(anyTime());
        interaction.run(id, at);
        touch.run(at, at, id);
      }
      for (let k = r.int(0, 2); k > 0; k--) reminder.run(id, r.pick([1, 2, 3, 4, 5]), iso(r.next() < 0.7 ? r.pick(times) : anyTime() + 30 * 86_400_000 * r.next()), r.next() < 0.3 ? 'done' : 'open');
    }
  })();
  return db;
}

/** The figures the plain way: every row of the scope read and counted. */
function reference(db: Db, now: number, who: Session, mine: boolean) {
  const all = who.role !== 'sales';
  const ownerId = !all || mine ? who.userId : null;
  const scope = all ? null : who.userId;
  const assignee = mine ? who.userId : null;
  const iso = (ms: number) => new Date(ms).toISOString();
  const count = (sql: string, ...args: unknown[]) => (db.prepare(`SELECT count(*) AS n FROM ${sql}`).get(...args) as { n: number }).n;
  const owned = 'c.deleted_at IS NULL AND (? IS NULL OR c.owner_id = ?)';
  const reminderWhere = "r.status = 'open' AND c.deleted_at IS NULL AND (? IS NULL OR c.owner_id = ?) AND (? IS NULL OR r.owner_id = ?)";
  const [today, tomorrow] = [iso(localDay(now)), iso(localDay(now, 1))];
  const d = new Date(now);
  return {
    reminders: {
      overdue: count(`reminders r JOIN customers c ON c.id = r.customer_id WHERE ${reminderWhere} AND r.due_at < ?`, scope, scope, assignee, assignee, today),
      today: count(`reminders r JOIN customers c ON c.id = r.customer_id WHERE ${reminderWhere} AND r.due_at >= ? AND r.due_at < ?`, scope, scope, assignee, assignee, today, tomorrow),
      ids: db.prepare(`SELECT r.id FROM reminders r JOIN customers c ON c.id = r.customer_id WHERE ${reminderWhere} AND r.due_at < ? ORDER BY r.due_at, r.id LIMIT 10`).all(scope, scope, assignee, assignee, tomorrow).map((row) => (row as { id: number }).id),
    },
    recentlyContacted: db.prepare(`SELECT c.id, c.name, c.last_interaction_at AS lastInteractionAt FROM customers c WHERE ${owned} AND c.last_interaction_at IS NOT NULL ORDER BY c.last_interaction_at DESC, c.id DESC LIMIT 5`).all(ownerId, ownerId),
    newThisMonth: count(`customers c WHERE ${owned} AND c.created_at >= ?`, ownerId, ownerId, iso(new Date(d.getFullYear(), d.getMonth(), 1).getTime())),
    dormant: count(`customers c WHERE ${owned} AND coalesce(c.last_interaction_at, c.created_at) < ?`, ownerId, ownerId, iso(now - DEFAULT_DORMANT_DAYS * 86_400_000)),
    total: count(`customers c WHERE ${owned}`, ownerId, ownerId),
    interactionsPerWeek: Array.from({ length: 8 }, (_, i) => ({
      weekStart: iso(localMonday(now, i - 7)),
      count: count(`interactions i JOIN customers c ON c.id = i.customer_id WHERE ${owned} AND i.at >= ? AND i.at < ?`, ownerId, ownerId, iso(localMonday(now, i - 7)), iso(localMonday(now, i - 6))),
    })),
    tabs: {
      overdue: count(`reminders r JOIN customers c ON c.id = r.customer_id WHERE ${reminderWhere} AND r.due_at < ?`, scope, scope, assignee, assignee, today),
      today: count(`reminders r JOIN customers c ON c.id = r.customer_id WHERE ${reminderWhere} AND r.due_at >= ? AND r.due_at < ?`, scope, scope, assignee, assignee, today, tomorrow),
      upcoming: count(`reminders r JOIN customers c ON c.id = r.customer_id WHERE ${reminderWhere} AND r.due_at >= ?`, scope, scope, assignee, assignee, tomorrow),
      done: count(`reminders r JOIN customers c ON c.id = r.customer_id WHERE ${reminderWhere.replace("'open'", "'done'")}`, scope, scope, assignee, assignee),
    },
  };
}

function fastPath(db: Db, now: number, who: Session, mine: boolean) {
  const reminders = createReminderService({ db: () => db, audit: () => undefined as never, now: () => now });
  const dashboard = createDashboardService({ db: () => db, audit: () => undefined as never, reminders, now: () => now });
  const got = dashboard.summary(who, mine);
  return {
    reminders: { overdue: got.reminders.overdue, today: got.reminders.today, ids: got.reminders.items.map((item) => item.id) },
    recentlyContacted: got.recentlyContacted,
    newThisMonth: got.newThisMonth,
    dormant: got.dormant,
    total: got.total,
    interactionsPerWeek: got.interactionsPerWeek,
    tabs: reminders.counts(who, mine),
  };
}

function expectSame(db: Db, now: number, label: string): void {
  for (const [userId, role, mine] of VIEWS) {
    const who = session(userId, role);
    expect(fastPath(db, now, who, mine), `${label}: ${role} ${userId} ${mine ? 'mine' : 'everyone'}`).toEqual(reference(db, now, who, mine));
  }
}

// Monday 00:00, Sunday 23:59:59.999, the 1st of a month at midnight, an ordinary afternoon, and
// days next to DST changes in New York (2026-03-08, 2026-11-01), all read in each time zone.
const CLOCKS = ['2026-11-23T00:00:00.000', '2026-11-29T23:59:59.999', '2026-12-01T00:00:00.000', '2026-11-25T15:47:12.345', '2026-03-09T00:30:00.000', '2026-11-02T08:00:00.000'];
const ZONES = ['UTC', 'Asia/Shanghai', 'Asia/Kolkata', 'America/New_York'];
const zoneBefore = process.env.TZ;
afterEach(() => {
  if (zoneBefore === undefined) delete process.env.TZ;
  else process.env.TZ = zoneBefore;
});

describe('dashboard fast path = the plain queries', () => {
  it('for every role and scope, at every boundary, in four time zones', () => {
    let checked = 0;
    for (const zone of ZONES) {
      process.env.TZ = zone;
      for (const [i, clock] of CLOCKS.entries()) {
        // Local wall-clock time in this zone (no Z): Node reads TZ when the Date is built.
        const now = new Date(clock).getTime();
        const db = seededVault(now, 17 + i);
        expectSame(db, now, `${zone} ${clock}`);
        checked += VIEWS.length;
        db.close();
      }
    }
    expect(checked).toBe(ZONES.length * CLOCKS.length * VIEWS.length);
  });

  it('stays equal through every change the kept counts follow', () => {
    process.env.TZ = 'Asia/Kolkata';
    const now = new Date('2026-12-01T00:00:00.000').getTime();
    const db = seededVault(now, 99);
    const iso = (ms: number) => new Date(ms).toISOString();
    const steps = [
      `INSERT INTO customers (id, name, owner_id, created_at, updated_at, sort_name) VALUES (500, 'new', 3, '${iso(now)}', 'u', 'new')`,
      `INSERT INTO interactions (customer_id, kind, at, summary, user_id, created_at) VALUES (500, 'call', '${iso(now - 1)}', 's', 1, 'now')`,
      `UPDATE customers SET last_interaction_at = '${iso(now - 1)}' WHERE id = 500`,
      'UPDATE customers SET owner_id = 4 WHERE id IN (1, 2, 3, 500)',
      `UPDATE customers SET deleted_at = '${iso(now)}' WHERE id IN (4, 5)`,
      'UPDATE customers SET deleted_at = NULL WHERE id IN (4, 6, 7, 8, 9, 10)',
      `UPDATE customers SET created_at = '${iso(localDay(now) - 1)}' WHERE id = 11`,
      'UPDATE customers SET last_interaction_at = NULL WHERE id = 12',
      `INSERT INTO reminders (customer_id, owner_id, due_at, note, created_by, created_at) VALUES (500, 3, '${iso(localDay(now))}', 'n', 1, 'now')`,
      "UPDATE reminders SET status = 'done' WHERE id IN (SELECT id FROM reminders WHERE status = 'open' ORDER BY id LIMIT 5)",
      'UPDATE reminders SET owner_id = 2 WHERE id IN (SELECT id FROM reminders ORDER BY id DESC LIMIT 5)',
      'UPDATE reminders SET customer_id = 500 WHERE id IN (SELECT id FROM reminders ORDER BY id LIMIT 3)',
      `UPDATE reminders SET due_at = '${iso(localDay(now, 1))}' WHERE id IN (SELECT id FROM reminders ORDER BY id LIMIT 8)`,
      'DELETE FROM reminders WHERE id = (SELECT max(id) FROM reminders)',
      'DELETE FROM interactions WHERE id IN (SELECT id FROM interactions ORDER BY id LIMIT 4)',
    ];
    for (const step of steps) {
      db.exec(step);
      expectSame(db, now, step);
    }
    db.close();
  });
});
