import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeCustomerIds, encodeCustomerIds } from '../../../electron/core/audit/audit-customer-ids';
import { appendAudit, customersSeen, rowHash, verifyAudit } from '../../../electron/core/audit/audit-log';
import { migrate, schemaVersion } from '../../../electron/core/db/migrate';
import { MIGRATIONS } from '../../../electron/core/db/migrations';
import { openDatabase } from '../../../electron/core/db/open-database';
import { tempDir } from '../../support/tmp';
import { T0, entryFor } from './audit-helpers';

describe('customer ids in audit rows', () => {
  it('round-trips as a sorted set and stays small for a page of 50', () => {
    const page = Array.from({ length: 50 }, (_, i) => 100_000 - i * 1_913);
    const text = encodeCustomerIds(page)!;
    expect(decodeCustomerIds(text)).toEqual([...page].sort((a, b) => a - b));
    expect(text.length).toBeLessThan(200);
    expect(encodeCustomerIds([3, 3, 1])).toBe('1,2');
    expect(encodeCustomerIds([])).toBeNull();
    expect(() => encodeCustomerIds([0])).toThrow();
    expect(() => encodeCustomerIds([1.5])).toThrow();
    expect(() => decodeCustomerIds('1,-2')).toThrow();
    expect(decodeCustomerIds(null)).toEqual([]);
  });

  it('hashes rows without ids exactly as before migration 11, and rows with ids over them', () => {
    const content = { id: 1, at: '2026-01-01T00:00:00.000Z', userId: 1, username: 'a', role: 'owner', action: 'customer.list', entity: 'customer', recordId: null, outcome: 'ok' as const, fields: null, reason: null };
    // The value pinned before the column existed (the format every old chain was written in).
    const legacy = rowHash('0'.repeat(64), content);
    expect(rowHash('0'.repeat(64), { ...content, customerIds: null })).toBe(legacy);
    expect(rowHash('0'.repeat(64), { ...content, customerIds: '1,2' })).not.toBe(legacy);
    expect(rowHash('0'.repeat(64), { ...content, customerIds: '1,3' })).not.toBe(rowHash('0'.repeat(64), { ...content, customerIds: '1,2' }));
  });

  it('migration 11 adds the column on top of 10; old rows keep verifying and new rows chain on', () => {
    const db = openDatabase(path.join(tempDir(), 'v.db'), randomBytes(32), { create: true });
    migrate(db, MIGRATIONS.slice(0, 10));
    // Rows written by the schema-10 code path: no customer_ids column to write.
    for (let i = 0; i < 5; i += 1) appendLegacy(db, i);
    expect(MIGRATIONS[10]).toMatchObject({ version: 11, name: 'audit-customer-ids' });
    migrate(db, MIGRATIONS.slice(0, 11));
    expect(schemaVersion(db)).toBe(11);
    expect(db.prepare('SELECT count(*) AS n FROM audit_log WHERE customer_ids IS NULL').get()).toEqual({ n: 5 });
    expect(verifyAudit(db)).toMatchObject({ ok: true, rows: 5 });
    // The app appends on the latest schema only.
    migrate(db);
    appendAudit(db, { actor: { userId: 2, username: 'b', role: 'sales' }, action: 'customer.list', entity: 'customer', outcome: 'ok', customerIds: [9, 4] }, new Date(T0 + 10_000));
    expect(verifyAudit(db)).toMatchObject({ ok: true, rows: 6 });
    // User 2 read customer 1 in an old row (entryFor(1)), and listed 4 and 9 in the new one.
    expect(customersSeen(db, 2, new Date(T0).toISOString(), new Date(T0 + 10_000).toISOString())).toEqual([1, 4, 9]);
    expect(customersSeen(db, 2, new Date(T0 + 2_000).toISOString(), new Date(T0 + 10_000).toISOString())).toEqual([4, 9]);
    expect(customersSeen(db, 2, new Date(T0 + 2_000).toISOString(), new Date(T0 + 9_999).toISOString())).toEqual([]);
    db.close();

    function appendLegacy(target: typeof db, i: number): void {
      // appendAudit against the old table shape would name the new column; write as the old code did.
      const e = entryFor(i);
      const prev = i === 0 ? '0'.repeat(64) : (target.prepare('SELECT hash FROM audit_log WHERE id = ?').get(i) as { hash: string }).hash;
      const content = { id: i + 1, at: new Date(T0 + i * 1000).toISOString(), userId: e.actor!.userId, username: e.actor!.username, role: e.actor!.role, action: e.action, entity: e.entity ?? null, recordId: e.recordId ?? null, outcome: e.outcome, fields: e.fields ? JSON.stringify(e.fields) : null, reason: e.reason ?? null };
      const hash = rowHash(prev, content);
      target
        .prepare('INSERT INTO audit_log (id, at, user_id, username, role, action, entity, record_id, outcome, fields, reason, prev_hash, hash) VALUES (@id, @at, @userId, @username, @role, @action, @entity, @recordId, @outcome, @fields, @reason, @prev, @hash)')
        .run({ ...content, prev, hash });
      target.prepare("INSERT INTO meta (key, value) VALUES ('audit.head', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(`${i + 1}:${hash}`);
    }
  });
});
