import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../electron/core/db/migrate';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { openDatabase, type Db } from '../../electron/core/db/open-database';
import { readCalendar, readRules } from '../../electron/core/privacy/requests-repository';
import { addWorkingDays } from '../../shared/working-days';
import { tempDir } from '../support/tmp';

function vaultAt29(): Db {
  const db = openDatabase(path.join(tempDir(), 'v.db'), randomBytes(32), { create: true });
  migrate(db, MIGRATIONS.filter((m) => m.version < 30));
  db.prepare("INSERT INTO users (id, username, display_name, role, password_hash, created_at) VALUES (1, 'owner', 'O', 'owner', 'h', 'now')").run();
  return db;
}

const request = (db: Db, state = 'received', refusal: string | null = null) =>
  db
    .prepare(
      `INSERT INTO privacy_requests (type, received_on, channel, regime, due_on, state, refusal_reason, created_at, created_by, updated_at)
       VALUES ('access', '2026-09-28', 'phone', 'pipl', '2026-10-23', ?, ?, 'now', 1, 'now')`,
    )
    .run(state, refusal).lastInsertRowid;

describe('migration 30: the data-subject request register', () => {
  it('adds an empty register with the deadline defaults and the 2026 holiday table to an existing vault', () => {
    const db = vaultAt29();
    migrate(db, MIGRATIONS.filter((m) => m.version <= 30));
    expect(schemaVersion(db)).toBe(30);
    expect(db.prepare('SELECT count(*) AS n FROM privacy_requests').get()).toEqual({ n: 0 });
    expect(readRules(db)).toEqual([
      { regime: 'ccpa', amount: 45, unit: 'calendar-days', ackDays: 10, extendAmount: 45, extendUnit: 'calendar-days', remindDays: 5 },
      { regime: 'gdpr', amount: 1, unit: 'months', ackDays: null, extendAmount: 2, extendUnit: 'months', remindDays: 5 },
      { regime: 'pipl', amount: 15, unit: 'working-days', ackDays: null, extendAmount: 0, extendUnit: 'working-days', remindDays: 3 },
    ]);
    const calendar = readCalendar(db);
    // 3 + 9 + 3 + 5 + 3 + 3 + 7 holidays and six 调休 working days (State Council, 2025-11-04).
    expect([...calendar.values()].filter((k) => k === 'holiday')).toHaveLength(33);
    expect([...calendar].filter(([, k]) => k === 'workday').map(([d]) => d).sort()).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
    // The shipped table gives the 国庆 deadline of the working-day unit test.
    expect(addWorkingDays('2026-09-28', 15, calendar)).toBe('2026-10-23');
  });

  it('keeps the register honest: known types and states, a refusal needs its reason, history is append-only', () => {
    const db = vaultAt29();
    migrate(db);
    const id = request(db);
    expect(() => request(db, 'refused')).toThrow(/CHECK/);
    expect(() => request(db, 'pending')).toThrow(/CHECK/);
    request(db, 'refused', 'Identity could not be verified');
    expect(() => db.prepare("UPDATE privacy_requests SET type = 'gossip' WHERE id = ?").run(id)).toThrow(/CHECK/);
    const event = db.prepare("INSERT INTO privacy_request_events (request_id, at, user_id, kind, to_state) VALUES (?, 'now', 1, ?, 'received')");
    event.run(id, 'created');
    expect(() => event.run(id, 'rewritten')).toThrow(/CHECK/);
    expect(() => event.run(999, 'created')).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("UPDATE privacy_request_events SET note = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM privacy_request_events').run()).toThrow(/append-only/);
    const link = db.prepare("INSERT INTO privacy_request_customers (request_id, customer_id, linked_at, linked_by) VALUES (?, ?, 'now', 1)");
    link.run(id, 7);
    expect(() => link.run(id, 7)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => db.prepare("INSERT INTO privacy_calendar (day, kind) VALUES ('2026-13-45x', 'holiday')").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE privacy_deadline_rules SET amount = 0 WHERE regime = 'pipl'").run()).toThrow(/CHECK/);
  });
});
