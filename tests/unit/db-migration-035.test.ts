import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../electron/core/db/migrate';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { openDatabase, type Db } from '../../electron/core/db/open-database';
import { tempDir } from '../support/tmp';

function vaultAt35(): Db {
  const db = openDatabase(path.join(tempDir(), 'v.db'), randomBytes(32), { create: true });
  migrate(db, MIGRATIONS.filter((m) => m.version <= 35));
  db.prepare("INSERT INTO users (id, username, display_name, role, password_hash, created_at) VALUES (1, 'owner', 'O', 'owner', 'h', 'now')").run();
  return db;
}

const incident = (db: Db, values: Partial<Record<string, unknown>> = {}) => {
  const row = { summary: 'Laptop lost', source: 'lost-laptop', regime: 'pipl', hours: 24, categories: '["contact"]', status: 'open', sha: null, ...values };
  return db
    .prepare("INSERT INTO breach_incidents (summary, discovered_at, source, categories, status, regime, authority_hours, evidence_sha256, created_by, created_at) VALUES (?, 'now', ?, ?, ?, ?, ?, ?, 1, 'now')")
    .run(row.summary, row.source, row.categories, row.status, row.regime, row.hours, row.sha);
};

describe('migration 35: the breach register', () => {
  it('creates the incident, timeline and affected tables on a vault from before', () => {
    const db = vaultAt35();
    expect(schemaVersion(db)).toBe(35);
    incident(db);
    expect(db.prepare('SELECT status, first_report AS firstReport, actions_taken AS actionsTaken FROM breach_incidents').get()).toEqual({ status: 'open', firstReport: 0, actionsTaken: '' });
    db.prepare("INSERT INTO breach_events (incident_id, at, by_user_id, kind, detail) VALUES (1, 'now', 1, 'rotate-key', '{}')").run();
    db.prepare("INSERT INTO breach_affected (incident_id, customer_id, seen, revealed, exported) VALUES (1, 7, 1, '[\"mobile\"]', '[]')").run();
    expect(db.prepare('SELECT customer_id AS id, revealed FROM breach_affected').all()).toEqual([{ id: 7, revealed: '["mobile"]' }]);
  });

  it('refuses an unknown source, status, regime or event kind, an empty summary, bad JSON, hours out of range and a short hash', () => {
    const db = vaultAt35();
    expect(() => incident(db, { source: 'hackers' })).toThrow(/CHECK/);
    expect(() => incident(db, { status: 'forgotten' })).toThrow(/CHECK/);
    expect(() => incident(db, { regime: 'lgpd' })).toThrow(/CHECK/);
    expect(() => incident(db, { summary: '' })).toThrow(/CHECK/);
    expect(() => incident(db, { categories: '{"a":1}' })).toThrow(/CHECK/);
    expect(() => incident(db, { hours: 0 })).toThrow(/CHECK/);
    expect(() => incident(db, { sha: 'abc' })).toThrow(/CHECK/);
    incident(db);
    expect(() => db.prepare("INSERT INTO breach_events (incident_id, at, kind) VALUES (1, 'now', 'shrug')").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO breach_events (incident_id, at, kind) VALUES (99, 'now', 'note')").run()).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("INSERT INTO breach_affected (incident_id, customer_id, seen) VALUES (1, 7, 2)").run()).toThrow(/CHECK/);
  });
});
