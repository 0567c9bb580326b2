import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../electron/core/db/migrate';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { openDatabase, type Db } from '../../electron/core/db/open-database';
import { tempDir } from '../support/tmp';

function vaultAt28(): Db {
  const db = openDatabase(path.join(tempDir(), 'v.db'), randomBytes(32), { create: true });
  migrate(db, MIGRATIONS.filter((m) => m.version < 29));
  db.prepare("INSERT INTO users (id, username, display_name, role, password_hash, created_at) VALUES (1, 'owner', 'O', 'owner', 'h', 'now')").run();
  db.prepare("INSERT INTO customers (id, name, owner_id, created_at, updated_at) VALUES (1, '王伟', 1, 'now', 'now')").run();
  return db;
}

const EVENT = `INSERT INTO consent_events (customer_id, purpose, custom_label, event, basis, separate, evidence_source, evidence_date, notice_version, recorded_by, recorded_at)
               VALUES (@customer, @purpose, @label, @event, @basis, @separate, @source, @date, @notice, 1, 'now')`;
const ok = { customer: 1, purpose: 'marketing-sms', label: null, event: 'granted', basis: 'consent', separate: 0, source: 'paper-form', date: '2026-11-20', notice: null };

describe('migration 29: consent events and privacy-notice versions, append-only', () => {
  it('adds empty tables to an existing vault; customers and users untouched', () => {
    const db = vaultAt28();
    migrate(db, MIGRATIONS.filter((m) => m.version <= 29));
    expect(schemaVersion(db)).toBe(29);
    expect(db.prepare('SELECT count(*) AS n FROM consent_events').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM privacy_notices').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM customers').get()).toEqual({ n: 1 });
  });

  it('refuses UPDATE of an event and UPDATE or DELETE of a notice; an event can be deleted (erasure) and follows its customer', () => {
    const db = vaultAt28();
    migrate(db, MIGRATIONS.filter((m) => m.version <= 29));
    db.prepare("INSERT INTO privacy_notices (version, text, effective_date, created_at, created_by) VALUES (1, '我们仅为服务您的订单保存您的资料。', '2026-11-01', 'now', 1)").run();
    const id = Number(db.prepare(EVENT).run({ ...ok, notice: 1 }).lastInsertRowid);
    expect(() => db.prepare("UPDATE consent_events SET event = 'withdrawn', basis = NULL WHERE id = ?").run(id)).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE privacy_notices SET text = 'changed'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM privacy_notices').run()).toThrow(/append-only/);
    expect(db.prepare('SELECT event, basis FROM consent_events WHERE id = ?').get(id)).toEqual({ event: 'granted', basis: 'consent' });
    db.prepare(EVENT).run({ ...ok, event: 'withdrawn', basis: null });
    expect(db.prepare('DELETE FROM consent_events WHERE id = ?').run(id).changes).toBe(1);
    db.prepare('DELETE FROM customers WHERE id = 1').run();
    expect(db.prepare('SELECT count(*) AS n FROM consent_events').get()).toEqual({ n: 0 });
  });

  it('keeps each event honest: known words only, a basis exactly when not withdrawn, a label exactly for custom, real dates and notices', () => {
    const db = vaultAt28();
    migrate(db);
    const insert = db.prepare(EVENT);
    insert.run(ok);
    insert.run({ ...ok, purpose: 'custom', label: '生日祝福' });
    for (const bad of [
      { purpose: 'spam' },
      { event: 'edited' },
      { basis: 'because' },
      { event: 'withdrawn' }, // withdrawal with a basis
      { basis: null }, // grant without one
      { purpose: 'custom', label: null },
      { label: 'not custom' },
      { purpose: 'custom', label: 'x'.repeat(81) },
      { separate: 2 },
      { source: 'rumour' },
      { date: '2026-02-30' },
      { date: '20 Nov 2026' },
    ]) {
      expect(() => insert.run({ ...ok, ...bad }), JSON.stringify(bad)).toThrow(/CHECK/);
    }
    expect(() => insert.run({ ...ok, notice: 7 })).toThrow(/FOREIGN KEY/);
    expect(() => insert.run({ ...ok, customer: 99 })).toThrow(/FOREIGN KEY/);
    const notice = db.prepare("INSERT INTO privacy_notices (version, text, effective_date, created_at, created_by) VALUES (?, ?, ?, 'now', 1)");
    expect(() => notice.run(1, '', '2026-11-01')).toThrow(/CHECK/);
    expect(() => notice.run(1, 'text', '2026-13-01')).toThrow(/CHECK/);
  });
});
