import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../electron/core/db/migrate';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { openDatabase, type Db } from '../../electron/core/db/open-database';
import { tempDir } from '../support/tmp';

function vaultBefore37(): Db {
  const db = openDatabase(path.join(tempDir(), 'v.db'), randomBytes(32), { create: true });
  migrate(db, MIGRATIONS.filter((m) => m.version < 37));
  db.prepare("INSERT INTO users (id, username, display_name, role, password_hash, created_at) VALUES (1, 'owner', 'O', 'owner', 'h', 'now')").run();
  db.prepare("INSERT INTO customers (id, name, owner_id, created_at, updated_at) VALUES (1, 'A', 1, 'now', 'now'), (2, 'B', 1, 'now', 'now')").run();
  db.prepare("INSERT INTO reminders (customer_id, owner_id, due_at, note, created_by, created_at) VALUES (1, 1, '2026-12-01T00:00:00.000Z', 'call', 1, 'now')").run();
  db.prepare(
    "INSERT INTO consent_events (customer_id, purpose, event, basis, separate, evidence_source, evidence_date, recorded_by, recorded_at) VALUES (1, 'marketing-sms', 'granted', 'consent', 0, 'paper-form', '2026-11-01', 1, 'now')",
  ).run();
  return db;
}

const event = (db: Db, origin: string | null, mergeId: string | null, mergedFrom: number | null) =>
  db
    .prepare(
      `INSERT INTO consent_events (customer_id, purpose, event, basis, separate, evidence_source, evidence_date, recorded_by, recorded_at, origin, merge_id, merged_from)
       VALUES (2, 'marketing-sms', 'granted', 'consent', 0, 'paper-form', '2026-11-01', 1, 'now', ?, ?, ?)`,
    )
    .run(origin, mergeId, mergedFrom);

describe('migration 37: a reminder keeps its marketing purpose; consent events say where they came from', () => {
  it('existing reminders are ordinary follow-ups and existing events have no origin', () => {
    const db = vaultBefore37();
    migrate(db, MIGRATIONS.filter((m) => m.version <= 37));
    expect(schemaVersion(db)).toBe(37);
    expect(db.prepare('SELECT purpose FROM reminders').get()).toEqual({ purpose: null });
    expect(db.prepare('SELECT origin, merge_id AS mergeId, merged_from AS mergedFrom FROM consent_events').get()).toEqual({ origin: null, mergeId: null, mergedFrom: null });
  });

  it('a reminder purpose is a marketing purpose or nothing', () => {
    const db = vaultBefore37();
    migrate(db, MIGRATIONS.filter((m) => m.version <= 37));
    const insert = db.prepare("INSERT INTO reminders (customer_id, owner_id, due_at, note, created_by, created_at, purpose) VALUES (1, 1, 'x', 'n', 1, 'now', ?)");
    insert.run('wechat-marketing');
    expect(() => insert.run('cross-border')).toThrow(/CHECK/);
    expect(() => insert.run('')).toThrow(/CHECK/);
  });

  it('a merged copy names its merge and source; nothing else may carry them; events stay append-only', () => {
    const db = vaultBefore37();
    migrate(db, MIGRATIONS.filter((m) => m.version <= 37));
    event(db, 'merged', 'm-1', 1);
    event(db, 'after-erasure', null, null);
    expect(() => event(db, 'merged', null, 1)).toThrow(/CHECK/);
    expect(() => event(db, 'merged', 'm-1', null)).toThrow(/CHECK/);
    expect(() => event(db, null, 'm-1', null)).toThrow(/CHECK/);
    expect(() => event(db, 'after-erasure', null, 1)).toThrow(/CHECK/);
    expect(() => event(db, 'imported', null, null)).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE consent_events SET origin = 'merged' WHERE id = 1").run()).toThrow(/append-only/);
  });
});
