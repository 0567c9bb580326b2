import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { missingContactCounts, missingContactPage, staleCount, stalePage } from '../../electron/core/customers/quality-repository';
import { migrate, schemaVersion } from '../../electron/core/db/migrate';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { openDatabase, type Db } from '../../electron/core/db/open-database';
import { tempDir } from '../support/tmp';

/** The query plan of every statement the call runs, with the arguments it ran with. */
function plansOf(db: Db, run: () => unknown): string[] {
  const plans: string[] = [];
  const prepare = db.prepare.bind(db);
  const explain = (sql: string, args: unknown[]) => plans.push(prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args).map((r) => (r as { detail: string }).detail).join(' | '));
  (db as { prepare: unknown }).prepare = (sql: string) => {
    const statement = prepare(sql);
    return {
      get: (...args: unknown[]) => (explain(sql, args), statement.get(...args)),
      all: (...args: unknown[]) => (explain(sql, args), statement.all(...args)),
    };
  };
  try {
    run();
  } finally {
    (db as { prepare: unknown }).prepare = prepare;
  }
  return plans;
}

describe('migration 18: an index for the customers nobody can reach', () => {
  it('adds a partial index holding only live customers without mobile, phone and e-mail; the report uses it instead of scanning', () => {
    const db = openDatabase(path.join(tempDir(), 'v.db'), randomBytes(32), { create: true });
    migrate(db, MIGRATIONS.slice(0, 17));
    db.prepare("INSERT INTO users (id, username, display_name, role, password_hash, created_at) VALUES (1, 'a', 'A', 'owner', 'h', 'now')").run();
    const insert = db.prepare("INSERT INTO customers (id, name, owner_id, mobile, email, deleted_at, created_at, updated_at) VALUES (?, ?, 1, ?, ?, ?, 'then', ?)");
    insert.run(1, 'Reachable', '13800138000', null, null, '2026-01-02');
    insert.run(2, 'Nobody', null, null, null, '2026-01-03');
    insert.run(3, 'Mail only', null, 'x@example.com', null, '2026-01-01');
    insert.run(4, 'Deleted', null, null, 'gone', '2026-01-01');
    insert.run(5, 'Older nobody', null, null, null, '2025-06-01');
    migrate(db, MIGRATIONS.slice(0, 18));
    expect(schemaVersion(db)).toBe(18);
    const index = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'customers_without_contact'").get() as { sql: string };
    expect(index.sql).toContain('WHERE deleted_at IS NULL AND mobile IS NULL AND phone IS NULL AND email IS NULL');
    // The index holds exactly the two live customers without any contact way.
    expect(db.prepare('SELECT id FROM customers INDEXED BY customers_without_contact WHERE deleted_at IS NULL AND mobile IS NULL AND phone IS NULL AND email IS NULL ORDER BY updated_at, id').all()).toEqual([{ id: 5 }, { id: 2 }]);

    const plans = plansOf(db, () => {
      expect(missingContactCounts(db, undefined)).toEqual({ noContact: 2, nameOnly: 2 });
      expect(missingContactPage(db, undefined, 0, 10).map((r) => r.id)).toEqual([5, 2]);
    });
    expect(plans).toHaveLength(2);
    for (const plan of plans) {
      expect(plan).toContain('customers_without_contact');
      expect(plan).not.toMatch(/SCAN c(?! USING)/);
    }
    // The stale list needs no new index: its updated_at range is a search on customers_by_updated.
    const stalePlans = plansOf(db, () => {
      expect(staleCount(db, undefined, '2026-01-02T12:00:00Z')).toBe(3);
      expect(stalePage(db, undefined, '2026-01-02T12:00:00Z', 0, 10).map((r) => r.id)).toEqual([5, 3, 1]);
    });
    for (const plan of stalePlans) expect(plan).toContain('SEARCH c USING INDEX customers_by_updated (updated_at<?)');
    db.close();
  });
});
