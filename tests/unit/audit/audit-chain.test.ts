import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendAudit, auditHead, queryAudit, rowHash, verifyAudit, type AuditEntry } from '../../../electron/core/audit/audit-log';
import { migrate } from '../../../electron/core/db/migrate';
import { openDatabase, type Db } from '../../../electron/core/db/open-database';
import { tempDir } from '../../support/tmp';

function logWith(rows: number): Db {
  const db = openDatabase(path.join(tempDir(), 'a.db'), randomBytes(32), { create: true });
  migrate(db);
  const actions = ['login', 'customer.read', 'customer.update', 'customer.reveal'] as const;
  for (let i = 0; i < rows; i += 1) {
    const entry: AuditEntry = {
      actor: { userId: (i % 3) + 1, username: `user${i % 3}`, role: i % 3 === 0 ? 'owner' : 'sales' },
      action: actions[i % actions.length]!,
      entity: 'customer',
      recordId: String(i),
      outcome: 'ok',
      ...(i % 4 === 2 ? { fields: ['mobile', 'email'] } : {}),
    };
    appendAudit(db, entry, new Date(Date.UTC(2026, 0, 1, 0, 0, i)));
  }
  return db;
}

/** What an attacker with the database key and raw SQL would do first. */
function dropGuards(db: Db): void {
  db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
}

describe('audit hash chain', () => {
  it('verifies an untouched log and an empty one', () => {
    expect(verifyAudit(logWith(0))).toMatchObject({ ok: true, rows: 0 });
    const db = logWith(200);
    expect(verifyAudit(db)).toMatchObject({ ok: true, rows: 200 });
    expect(auditHead(db)?.id).toBe(200);
  });

  it('detects an edited row at that row', () => {
    const db = logWith(200);
    dropGuards(db);
    db.prepare("UPDATE audit_log SET action = 'alert' WHERE id = 57").run();
    expect(verifyAudit(db)).toMatchObject({ ok: false, firstBrokenId: 57, problem: 'edited' });
  });

  it('detects an edited row whose own hash was recomputed, at that row', () => {
    const db = logWith(200);
    dropGuards(db);
    const row = db.prepare('SELECT * FROM audit_log WHERE id = 80').get() as Record<string, unknown>;
    // Recompute row 80's hash for new content, as a careful attacker would.
    const content = { at: row.at as string, userId: row.user_id as number, username: row.username as string, role: row.role as string, action: 'alert', entity: row.entity as string, recordId: row.record_id as string, outcome: 'ok' as const, fields: row.fields as string | null, reason: row.reason as string | null };
    db.prepare("UPDATE audit_log SET action = 'alert', hash = ? WHERE id = 80").run(rowHash(row.prev_hash as string, content));
    expect(verifyAudit(db)).toMatchObject({ ok: false, firstBrokenId: 80, problem: 'edited' });
  });

  it('detects a deleted row at the gap', () => {
    const db = logWith(200);
    dropGuards(db);
    db.prepare('DELETE FROM audit_log WHERE id = 120').run();
    expect(verifyAudit(db)).toMatchObject({ ok: false, firstBrokenId: 120, problem: 'deleted' });
  });

  it('detects reordered rows at the first moved row', () => {
    const db = logWith(200);
    dropGuards(db);
    // Swap the contents of rows 33 and 34 while the ids stay in place.
    db.exec(`
      UPDATE audit_log SET id = -33 WHERE id = 33;
      UPDATE audit_log SET id = 33 WHERE id = 34;
      UPDATE audit_log SET id = 34 WHERE id = -33;
    `);
    expect(verifyAudit(db)).toMatchObject({ ok: false, firstBrokenId: 33, problem: 'reordered' });
  });

  it('detects a truncated tail', () => {
    const db = logWith(200);
    dropGuards(db);
    db.prepare('DELETE FROM audit_log WHERE id > 190').run();
    expect(verifyAudit(db)).toMatchObject({ ok: false, firstBrokenId: 191, problem: 'truncated' });
  });

  it('writes in the caller transaction: a rolled-back change leaves no audit row', () => {
    const db = logWith(5);
    const before = auditHead(db);
    expect(() =>
      db.transaction(() => {
        appendAudit(db, { actor: null, action: 'customer.update', outcome: 'ok' }, new Date());
        throw new Error('the change failed');
      })(),
    ).toThrow('the change failed');
    expect(auditHead(db)).toEqual(before);
    expect(verifyAudit(db)).toMatchObject({ ok: true, rows: 5 });
  });

  it('refuses field names that could smuggle values into the log', () => {
    const db = logWith(0);
    expect(() => appendAudit(db, { actor: null, action: 'customer.update', outcome: 'ok', fields: ['13812345678'] }, new Date())).toThrow();
    expect(() => appendAudit(db, { actor: null, action: 'customer.update', outcome: 'ok', fields: ['mobile=138'] }, new Date())).toThrow();
  });

  it('filters and pages newest first', () => {
    const db = logWith(40);
    const page1 = queryAudit(db, { username: 'USER1', limit: 5 });
    expect(page1.map((r) => r.id)).toEqual([38, 35, 32, 29, 26]);
    const page2 = queryAudit(db, { username: 'user1', limit: 5, beforeId: 26 });
    expect(page2[0]?.id).toBe(23);
    expect(queryAudit(db, { action: 'customer.update', recordId: '2', limit: 10 })).toEqual([
      expect.objectContaining({ id: 3, fields: ['mobile', 'email'], username: 'user2' }),
    ]);
  });
});
