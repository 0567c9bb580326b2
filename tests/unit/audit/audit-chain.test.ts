import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { appendAudit, auditHead, GENESIS_HASH, verifyAudit } from '../../../electron/core/audit/audit-log';
import { dropGuards, freshDb, logWith, rawRow, recomputedHash, swapRows, T0 } from './audit-helpers';

const head = (db: ReturnType<typeof freshDb>) => db.prepare("SELECT value FROM meta WHERE key = 'audit.head'").get() as { value: string } | undefined;

describe('appending', () => {
  it('chains consecutive ids from a genesis hash, in a pinned canonical format', () => {
    const db = freshDb();
    const first = appendAudit(db, { actor: { userId: 7, username: 'anna', role: 'owner' }, action: 'customer.update', entity: 'customer', recordId: '42', outcome: 'ok', fields: ['mobile', 'email'] }, new Date(T0));
    const second = appendAudit(db, { actor: null, action: 'backup.run', outcome: 'failed' }, new Date(T0 + 1));
    expect([first.id, second.id]).toEqual([1, 2]);
    // Written out by hand: if the hashed form changes, every existing chain breaks, so this must fail.
    const canonical = '{"id":1,"at":"2026-01-01T00:00:00.000Z","user_id":7,"username":"anna","role":"owner","action":"customer.update","entity":"customer","record_id":"42","outcome":"ok","fields":"[\\"mobile\\",\\"email\\"]","reason":null}';
    expect(first.hash).toBe(createHash('sha256').update(`${'0'.repeat(64)}\n${canonical}`).digest('hex'));
    expect(rawRow(db, 1)).toMatchObject({ prev_hash: GENESIS_HASH, hash: first.hash, fields: '["mobile","email"]', user_id: 7 });
    expect(rawRow(db, 2)).toMatchObject({ prev_hash: first.hash, hash: second.hash, user_id: null, username: null, fields: null });
    expect(head(db)).toEqual({ value: `2:${second.hash}` });
    expect(auditHead(db)).toEqual(second);
  });

  it('writes in the caller transaction: a rolled-back change leaves no audit row and the head as it was', () => {
    const db = logWith(5);
    const before = auditHead(db);
    db.exec('CREATE TABLE change_under_audit (x INTEGER) STRICT');
    expect(() =>
      db.transaction(() => {
        db.prepare('INSERT INTO change_under_audit VALUES (1)').run();
        appendAudit(db, { actor: null, action: 'customer.update', outcome: 'ok', fields: ['name'] }, new Date());
        throw new Error('the change failed');
      })(),
    ).toThrow('the change failed');
    expect(db.prepare('SELECT count(*) AS n FROM change_under_audit').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual({ n: 5 });
    expect(auditHead(db)).toEqual(before);
    // A committed one lands with the change.
    db.transaction(() => {
      db.prepare('INSERT INTO change_under_audit VALUES (2)').run();
      appendAudit(db, { actor: null, action: 'customer.update', outcome: 'ok', fields: ['name'] }, new Date());
    })();
    expect(auditHead(db)?.id).toBe(6);
    expect(verifyAudit(db)).toMatchObject({ ok: true, rows: 6 });
  });

  it('refuses entries that could carry personal data or break the log', () => {
    const db = freshDb();
    const base = { actor: null, action: 'customer.update', outcome: 'ok' } as const;
    for (const field of ['13812345678', 'mobile=138', 'e mail', '', 'a'.repeat(65), 'name.']) {
      expect(() => appendAudit(db, { ...base, fields: [field] }, new Date()), field).toThrow(/identifiers/);
    }
    expect(() => appendAudit(db, { ...base, reason: 'x'.repeat(201) }, new Date())).toThrow(/200/);
    expect(() => appendAudit(db, { ...base, action: 'customer.peek' as never }, new Date())).toThrow(/unknown audit action/);
    expect(() => appendAudit(db, base, new Date('not a date'))).toThrow(/valid date/);
    expect(db.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual({ n: 0 });
    appendAudit(db, { ...base, fields: ['address_detail', 'tags.add'], reason: 'x'.repeat(200) }, new Date());
    expect(verifyAudit(db)).toMatchObject({ ok: true, rows: 1 });
  });
});

describe('verifying', () => {
  it('passes an empty log and an untouched 200-row log', () => {
    expect(verifyAudit(freshDb())).toEqual({ ok: true, rows: 0, head: null });
    const db = logWith(200);
    const verdict = verifyAudit(db);
    expect(verdict).toEqual({ ok: true, rows: 200, head: auditHead(db) });
    expect(auditHead(db)?.id).toBe(200);
  });

  it('edited: a changed field is caught at that row', () => {
    const db = logWith(200);
    dropGuards(db);
    db.prepare("UPDATE audit_log SET action = 'alert' WHERE id = 57").run();
    expect(verifyAudit(db)).toEqual({ ok: false, rows: 56, firstBrokenId: 57, problem: 'edited' });
  });

  it('edited: recomputing the row\'s own hash is caught at the next link and reported at the edited row', () => {
    const db = logWith(200);
    dropGuards(db);
    db.prepare("UPDATE audit_log SET reason = NULL, action = 'login' WHERE id = 80").run();
    db.prepare('UPDATE audit_log SET hash = ? WHERE id = 80').run(recomputedHash(db, 80));
    expect(verifyAudit(db)).toMatchObject({ ok: false, firstBrokenId: 80, problem: 'edited' });
  });

  it('edited: the last row rewritten with its hash recomputed is caught by the head', () => {
    const db = logWith(200);
    dropGuards(db);
    db.prepare("UPDATE audit_log SET outcome = 'ok' WHERE id = 200").run();
    db.prepare('UPDATE audit_log SET hash = ? WHERE id = 200').run(recomputedHash(db, 200));
    expect(verifyAudit(db)).toMatchObject({ ok: false, firstBrokenId: 200, problem: 'edited' });
  });

  it('deleted: a removed row is reported at the gap, i.e. the id that is missing', () => {
    const db = logWith(200);
    dropGuards(db);
    db.prepare('DELETE FROM audit_log WHERE id IN (120, 121)').run();
    expect(verifyAudit(db)).toEqual({ ok: false, rows: 119, firstBrokenId: 120, problem: 'deleted' });
  });

  it('deleted: renumbering the later rows to close the gap is still reported at the gap', () => {
    const db = logWith(200);
    dropGuards(db);
    db.prepare('DELETE FROM audit_log WHERE id = 120').run();
    db.exec('UPDATE audit_log SET id = -id WHERE id > 120; UPDATE audit_log SET id = -id - 1 WHERE id < 0;');
    expect(db.prepare('SELECT max(id) AS m FROM audit_log').get()).toEqual({ m: 199 });
    expect(verifyAudit(db)).toMatchObject({ ok: false, firstBrokenId: 120, problem: 'deleted' });
  });

  it('reordered: two adjacent rows swapped are reported at the first of them', () => {
    const db = logWith(200);
    dropGuards(db);
    swapRows(db, 33, 34);
    expect(verifyAudit(db)).toEqual({ ok: false, rows: 32, firstBrokenId: 33, problem: 'reordered' });
  });

  it('reordered: far-apart rows, and the last row, are found too', () => {
    const far = logWith(200);
    dropGuards(far);
    swapRows(far, 50, 150);
    expect(verifyAudit(far)).toMatchObject({ ok: false, firstBrokenId: 50, problem: 'reordered' });
    const tail = logWith(200);
    dropGuards(tail);
    swapRows(tail, 199, 200);
    expect(verifyAudit(tail)).toMatchObject({ ok: false, firstBrokenId: 199, problem: 'reordered' });
  });

  it('truncated: rows cut off the end are reported at the first missing id', () => {
    const db = logWith(200);
    dropGuards(db);
    db.prepare('DELETE FROM audit_log WHERE id > 190').run();
    expect(verifyAudit(db)).toEqual({ ok: false, rows: 190, firstBrokenId: 191, problem: 'truncated' });
  });

  it('truncated: the next append keeps the gap instead of chaining over it', () => {
    const db = logWith(200);
    dropGuards(db);
    db.prepare('DELETE FROM audit_log WHERE id > 190').run();
    expect(appendAudit(db, { actor: null, action: 'login', outcome: 'ok' }, new Date()).id).toBe(201);
    expect(verifyAudit(db)).toMatchObject({ ok: false, firstBrokenId: 191, problem: 'deleted' });
  });

  it('truncated: an emptied log with a head left behind', () => {
    const db = logWith(10);
    dropGuards(db);
    db.prepare('DELETE FROM audit_log').run();
    expect(verifyAudit(db)).toEqual({ ok: false, rows: 0, firstBrokenId: 1, problem: 'truncated' });
  });

  it('head-missing: rows without a head, and appends do not quietly re-create it', () => {
    const db = logWith(20);
    db.prepare("DELETE FROM meta WHERE key = 'audit.head'").run();
    expect(verifyAudit(db)).toMatchObject({ ok: false, firstBrokenId: 20, problem: 'head-missing' });
    appendAudit(db, { actor: null, action: 'login', outcome: 'ok' }, new Date());
    expect(head(db)).toBeUndefined();
    expect(verifyAudit(db)).toMatchObject({ ok: false, problem: 'head-missing' });
    // An unreadable head is no head.
    db.prepare("INSERT INTO meta (key, value) VALUES ('audit.head', '21:nothex')").run();
    expect(auditHead(db)).toBeNull();
    expect(verifyAudit(db)).toMatchObject({ ok: false, problem: 'head-missing' });
  });

  it('edited: a row added behind appendAudit\'s back, hash and all, is caught against the head', () => {
    const db = logWith(10);
    const last = rawRow(db, 10);
    const forged = { ...last, id: 11, prev_hash: last.hash, action: 'logout' };
    db.prepare('INSERT INTO audit_log VALUES (@id, @at, @user_id, @username, @role, @action, @entity, @record_id, @outcome, @fields, @reason, @prev_hash, @hash, @customer_ids)').run(forged);
    dropGuards(db);
    db.prepare('UPDATE audit_log SET hash = ? WHERE id = 11').run(recomputedHash(db, 11));
    expect(verifyAudit(db)).toMatchObject({ ok: false, firstBrokenId: 11, problem: 'edited' });
  });
});
