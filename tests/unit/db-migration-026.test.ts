import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../electron/core/db/migrate';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { openDatabase, type Db } from '../../electron/core/db/open-database';
import { ALWAYS_ON_RULE_IDS, MONITOR_RULE_IDS } from '../../shared/monitoring';
import { tempDir } from '../support/tmp';

function vaultAt25(): Db {
  const db = openDatabase(path.join(tempDir(), 'v.db'), randomBytes(32), { create: true });
  migrate(db, MIGRATIONS.filter((m) => m.version < 26));
  db.prepare("INSERT INTO users (id, username, display_name, role, password_hash, created_at) VALUES (1, 'owner', 'O', 'owner', 'h', 'now')").run();
  return db;
}

describe('migration 26: monitoring rules, alerts and step-up marks', () => {
  it('seeds the default pack, every rule the code knows, and nothing else', () => {
    const db = vaultAt25();
    migrate(db, MIGRATIONS.filter((m) => m.version <= 26));
    expect(schemaVersion(db)).toBe(26);
    const rules = db.prepare('SELECT id, enabled, threshold, window_minutes AS windowMinutes, action, updated_by AS updatedBy FROM monitor_rules ORDER BY rowid').all();
    expect(rules.map((r) => (r as { id: string }).id)).toEqual(MONITOR_RULE_IDS.filter((id) => !ALWAYS_ON_RULE_IDS.includes(id)));
    expect(rules).toContainEqual({ id: 'views.many', enabled: 1, threshold: 300, windowMinutes: 10, action: 'notify', updatedBy: null });
    expect(rules).toContainEqual({ id: 'reveals.many', enabled: 1, threshold: 30, windowMinutes: 10, action: 'step-up', updatedBy: null });
    expect(rules).toContainEqual({ id: 'exports.many', enabled: 1, threshold: 3, windowMinutes: 1440, action: 'notify', updatedBy: null });
    expect(rules).toContainEqual({ id: 'bulk.read', enabled: 1, threshold: 2000, windowMinutes: 10, action: 'block', updatedBy: null });
    // Business hours are not in meta until the owner sets them: the code's default (off) applies.
    expect(db.prepare("SELECT count(*) AS n FROM meta WHERE key = 'monitoring.businessHours'").get()).toEqual({ n: 0 });
  });

  it('the tables refuse what the code never writes', () => {
    const db = vaultAt25();
    migrate(db, MIGRATIONS.filter((m) => m.version <= 26));
    expect(() => db.prepare("UPDATE monitor_rules SET action = 'delete-everything' WHERE id = 'views.many'").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE monitor_rules SET window_minutes = 0 WHERE id = 'views.many'").run()).toThrow(/CHECK/);
    const alert = db.prepare("INSERT INTO alerts (rule_id, user_id, raised_at, count, window_start, action, state) VALUES ('views.many', 1, 'now', 301, 'then', 'notify', ?)");
    expect(() => alert.run('maybe')).toThrow(/CHECK/);
    alert.run('open');
    expect(db.prepare('SELECT customer_ids AS ids, state FROM alerts').get()).toEqual({ ids: '[]', state: 'open' });
    db.prepare("INSERT INTO monitor_step_up (user_id, rule_id, since) VALUES (1, 'reveals.many', 'now')").run();
    expect(() => db.prepare("INSERT INTO monitor_step_up (user_id, rule_id, since) VALUES (1, 'bulk.read', 'now')").run()).toThrow(/UNIQUE/);
  });

  it('the audit log gets the (user, time) index the counts are rebuilt with after a restart', () => {
    const db = vaultAt25();
    migrate(db, MIGRATIONS.filter((m) => m.version <= 26));
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT at FROM audit_log WHERE user_id = 1 AND at >= '2026' AND outcome = 'ok' ORDER BY id").all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/audit_by_user_time/);
  });
});
