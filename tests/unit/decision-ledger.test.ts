import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../electron/core/db/migrate';
import { openDatabase, type Db } from '../../electron/core/db/open-database';
import { BEFORE_ERASE, type ErasureSubject } from '../../electron/core/privacy/erasure-hooks';
import { erasedPersonPresent, reapplyLedger, type EraseAgain } from '../../electron/core/privacy/ledger-reapply';
import { blockingErasures, listLedgerEntries, personHmacs, readLedgerSecret } from '../../electron/core/privacy/ledger-repository';
import { decodeSideFile, encodeSideFile, writeFileAtomic } from '../../electron/core/privacy/ledger-side-file';
import { tempDir } from '../support/tmp';

const keys = new WeakMap<Db, Buffer>();

function vault(): Db {
  const key = randomBytes(32);
  const db = openDatabase(path.join(tempDir(), 'v.db'), key, { create: true });
  keys.set(db, key);
  migrate(db);
  db.prepare("INSERT INTO users (id, username, display_name, role, password_hash, created_at) VALUES (1, 'owner', 'O', 'owner', 'h', 'now')").run();
  return db;
}

function addCustomer(db: Db, name: string, mobile: string | null, email: string | null): number {
  const at = new Date().toISOString();
  return Number(db.prepare('INSERT INTO customers (name, mobile, email, owner_id, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?)').run(name, mobile, email, at, at).lastInsertRowid);
}

/** As the erasure stream will call the hooks: inside its transaction, before any row changes. */
function erase(db: Db, subject: ErasureSubject, at: Date, change: () => void): void {
  db.transaction(() => {
    for (const hook of BEFORE_ERASE) hook(db, subject, at);
    change();
  })();
}

const anonymise: EraseAgain = (db, customerId) => {
  db.prepare("UPDATE customers SET name = '已注销客户#000001', mobile = NULL, email = NULL WHERE id = ?").run(customerId);
};

describe('decision ledger: erasure entries', () => {
  it('the BEFORE_ERASE hook writes hashes keyed by the vault secret, never the raw values, in the erasure\'s transaction', () => {
    const db = vault();
    const id = addCustomer(db, '王 伟', '+86 138 0013 8000', 'Wang.Wei@Example.com');
    erase(db, { customerId: id, name: '王 伟', mobile: '+86 138 0013 8000', email: 'Wang.Wei@Example.com', mode: 'anonymise' }, new Date('2026-12-01T10:00:00Z'), () => anonymise(db, id, 'anonymise', new Date()));
    const [entry] = listLedgerEntries(db);
    expect(entry).toMatchObject({ kind: 'erase', customerId: id, mode: 'anonymise', at: '2026-12-01T10:00:00.000Z', userId: null });
    const dump = JSON.stringify(db.prepare('SELECT * FROM decision_ledger').all());
    for (const raw of ['王', '13800138000', '138 0013', 'wang.wei', 'Wang.Wei']) expect(dump).not.toContain(raw);
    // Normalised as duplicate detection does: other spellings of the same person hash alike.
    const secret = readLedgerSecret(db)!;
    expect(personHmacs(secret, { name: '王伟', mobile: '13800138000', email: 'wang.wei@example.com' })).toEqual({ nameHmac: entry!.nameHmac, mobileHmac: entry!.mobileHmac, emailHmac: entry!.emailHmac });
    // Keyed: another vault's secret gives other hashes.
    expect(personHmacs(randomBytes(32), { mobile: '13800138000' }).mobileHmac).not.toBe(entry!.mobileHmac);
  });

  it('a hook that throws aborts the erasure: nothing erased without its entry, no entry without its erasure', () => {
    const db = vault();
    const id = addCustomer(db, 'Li Na', '13900001111', null);
    expect(() =>
      erase(db, { customerId: id, name: 'Li Na', mobile: '13900001111', email: null, mode: 'delete' }, new Date(), () => {
        throw new Error('the erasure failed half way');
      }),
    ).toThrow(/half way/);
    expect(listLedgerEntries(db)).toEqual([]);
    expect(db.prepare('SELECT mobile FROM customers WHERE id = ?').get(id)).toEqual({ mobile: '13900001111' });
  });

  it('re-apply after a restore: the erased record, back from the old backup, is erased again through the injected function; once only', () => {
    const live = vault();
    const id = addCustomer(live, '张三', '13700002222', 'zhang@example.cn');
    const other = addCustomer(live, '张三', '13600003333', null); // same name, another person: untouched
    // The "backup": a copy of the vault before the erasure (VACUUM INTO keeps the key). It has no
    // ledger secret yet: the restored copy adopts the side file's.
    const backupFile = path.join(tempDir(), 'backup.db');
    live.prepare('VACUUM INTO ?').run(backupFile);
    erase(live, { customerId: id, name: '张三', mobile: '13700002222', email: 'zhang@example.cn', mode: 'anonymise' }, new Date('2026-12-02T00:00:00Z'), () => anonymise(live, id, 'anonymise', new Date()));
    const source = { secret: readLedgerSecret(live), entries: listLedgerEntries(live) };

    const restored = openDatabase(backupFile, liveKeyOf(live), {});
    const erasureEntry = source.entries.find((e) => e.customerId === id)!;
    expect(erasedPersonPresent(restored, erasureEntry, source.secret!)).toBe(true);
    const calls: number[] = [];
    const spy: EraseAgain = (db, customerId, mode, at) => {
      calls.push(customerId);
      anonymise(db, customerId, mode, at);
    };
    expect(restored.transaction(() => reapplyLedger(restored, source, spy, new Date()))()).toEqual({ reapplied: 1, alreadyInEffect: 0, heldBack: 0 });
    expect(calls).toEqual([id]);
    expect(erasedPersonPresent(restored, erasureEntry, source.secret!)).toBe(false);
    expect(restored.prepare('SELECT mobile FROM customers WHERE id = ?').get(other)).toEqual({ mobile: '13600003333' });
    // Again: the entry is now in the restored ledger, so nothing is called twice.
    expect(reapplyLedger(restored, source, spy, new Date())).toEqual({ reapplied: 0, alreadyInEffect: 0, heldBack: 0 });
    expect(calls).toEqual([id]);
  });

  it('without an erase function wired, an erasure entry whose person is present is held back (counted), never reported as done', () => {
    const db = vault();
    const id = addCustomer(db, 'Zhou', '13511112222', null);
    const secret = randomBytes(32);
    const entry = { id: 'f'.repeat(32), kind: 'erase' as const, at: '2026-12-01T00:00:00Z', customerId: id, mode: 'delete' as const, ...personHmacs(secret, { name: 'Zhou', mobile: '13511112222' }), userId: null, role: null, supersededAt: null, supersededBy: null };
    expect(reapplyLedger(db, { secret, entries: [entry] }, undefined, new Date())).toEqual({ reapplied: 0, alreadyInEffect: 0, heldBack: 1 });
  });

  it('create/import refusal matches the mobile or the e-mail, never the name alone (common two-character names)', () => {
    const db = vault();
    const id = addCustomer(db, '王伟', '13800138000', null);
    erase(db, { customerId: id, name: '王伟', mobile: '13800138000', email: null, mode: 'delete' }, new Date(), () => {});
    const secret = readLedgerSecret(db)!;
    expect(blockingErasures(db, personHmacs(secret, { name: '王伟', mobile: '+86 13800138000' }))).toHaveLength(1);
    expect(blockingErasures(db, personHmacs(secret, { name: '王伟', mobile: '13900000000' }))).toHaveLength(0);
  });
});

describe('decision ledger side file', () => {
  it('authenticates: a changed byte anywhere, or another key, is LEDGER_TAMPERED; written atomically', () => {
    const key = randomBytes(32);
    const bytes = encodeSideFile({ format: 1, vaultId: 'v1', keyId: 'k1' }, { secret: randomBytes(32).toString('base64'), entries: [] }, key);
    expect(decodeSideFile(bytes, key).header).toEqual({ format: 1, vaultId: 'v1', keyId: 'k1' });
    for (const at of [10, 20, bytes.length - 1]) {
      const copy = Buffer.from(bytes);
      copy[at]! ^= 1;
      expect(() => decodeSideFile(copy, key)).toThrow(expect.objectContaining({ code: 'LEDGER_TAMPERED' }));
    }
    expect(() => decodeSideFile(bytes, randomBytes(32))).toThrow(expect.objectContaining({ code: 'LEDGER_TAMPERED' }));
    expect(() => decodeSideFile(Buffer.from('not a ledger'), key)).toThrow(expect.objectContaining({ code: 'LEDGER_TAMPERED' }));
    const file = path.join(tempDir(), 'side.cofferledger');
    writeFileAtomic(file, bytes);
    writeFileAtomic(file, bytes);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['side.cofferledger']);
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  });
});

function liveKeyOf(db: Db): Buffer {
  return keys.get(db)!;
}

describe('decision ledger: the hook when an erasure is re-applied', () => {
  it('writes no second entry for the same erasure of the same person (reapplyLedger wrote it first), but does for another person under a reused id', () => {
    const db = vault();
    const subject = { customerId: 5, name: '孙丽', mobile: '13322221111', email: null, mode: 'delete' as const };
    erase(db, subject, new Date(), () => {});
    erase(db, subject, new Date(), () => {});
    expect(listLedgerEntries(db)).toHaveLength(1);
    erase(db, { ...subject, name: '周强', mobile: '13311110000' }, new Date(), () => {});
    expect(listLedgerEntries(db)).toHaveLength(2);
  });
});
