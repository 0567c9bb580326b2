import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { verifyAudit } from '../../electron/core/audit/audit-log';
import { emailKey, phoneKey } from '../../electron/core/customers/duplicate-keys';
import type { Db } from '../../electron/core/db/open-database';
import { folderSideFile, SIDE_FILE } from '../../electron/core/privacy/ledger-side-file';
import type { ChannelOutput } from '../../shared/contract';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { accessWorld, PASSWORD, type AccessWorld } from './access-helpers';
import { OWNER, approvalsOff, testKeychain } from './vault-helpers';

/**
 * Issue 16, "decisions a restore cannot undo", end to end: the real erasure (privacy.erase through
 * the router), the real ledger hook, a real backup taken BEFORE the erasure, then a real restore.
 */
type Restored = ChannelOutput<'backup.restore'>;
const PERSON = { name: '钱小红', mobile: '13911112222', email: 'xiaohong@example.com' };
const OTHER = { name: '孙大伟', mobile: '13933334444' };

/** Anywhere the person could come back: the row, the search index, the duplicate keys. */
function present(db: Db): number {
  const rows = db.prepare('SELECT count(*) AS n FROM customers WHERE name = ? OR mobile = ? OR email = ?').get(PERSON.name, PERSON.mobile, PERSON.email) as { n: number };
  return rows.n;
}

/** The duplicate keys the person left: a new record with their mobile or e-mail would match them. */
function keysLeft(db: Db): number {
  const row = db.prepare("SELECT count(*) AS n FROM customer_keys WHERE (kind = 'phone' AND value = ?) OR (kind = 'email' AND value = ?)").get(phoneKey(PERSON.mobile), emailKey(PERSON.email)) as { n: number };
  return row.n;
}

async function erasedAfterBackup(mode: 'anonymise' | 'delete') {
  const folder = tempDir('coffer-backups-');
  const w = await accessWorld({ pickFolder: async () => folder });
  approvalsOff(w.core, w.core.sessions.current('owner')!);
  const o = w.caller('owner');
  await w.router.dispatch(o, 'settings.chooseBackupFolder', {});
  const session = w.core.sessions.current('owner')!;
  const { id } = w.core.customers.create(session, PERSON);
  w.core.customers.create(session, OTHER);
  const run = await w.router.dispatch(o, 'backup.run', {});
  if (!run.ok) throw new Error(run.error.code);
  const file = (run.value as { fileName: string }).fileName;
  const erased = await w.router.dispatch(o, 'privacy.erase', { customerId: id, mode });
  expect(erased, JSON.stringify(erased)).toMatchObject({ ok: true, value: { check: { passed: true } } });
  expect(present(w.core.vault.db())).toBe(0);
  await w.core.ledger.settled();
  return { w, folder, file };
}

async function searchFinds(w: Pick<AccessWorld, 'router'>, caller: { senderId: string }, text: string): Promise<number> {
  const found = await w.router.dispatch(caller, 'customers.search', { query: text });
  if (!found.ok) throw new Error(found.error.code);
  return (found.value as unknown[]).length;
}

describeKeychain('an erasure survives the restore of a backup taken before it', () => {
  it('in place: the restore erases the person again before anyone signs in; search, keys and the audit chain agree', async () => {
    const { w, file } = await erasedAfterBackup('anonymise');
    const done = await w.router.dispatch(w.caller('owner'), 'backup.restore', { fileName: file, password: OWNER.password });
    expect(done.ok, JSON.stringify(done)).toBe(true);
    expect((done as { ok: true; value: Restored }).value.ledger).toMatchObject({ reapplied: 1, heldBack: 0, sideFile: 'ok' });
    const db = w.core.vault.db();
    expect(present(db)).toBe(0);
    // The other customer of that backup is back as it was.
    expect((db.prepare('SELECT count(*) AS n FROM customers WHERE mobile = ?').get(OTHER.mobile) as { n: number }).n).toBe(1);
    const login = await w.router.dispatch({ senderId: 'after-restore' }, 'session.login', { username: OWNER.username, password: OWNER.password });
    expect(login.ok).toBe(true);
    expect(await searchFinds(w, { senderId: 'after-restore' }, PERSON.mobile)).toBe(0);
    expect(await searchFinds(w, { senderId: 'after-restore' }, OTHER.mobile)).toBe(1);
    expect(db.prepare("SELECT trigger FROM privacy_log ORDER BY id DESC LIMIT 1").get()).toEqual({ trigger: 'reapply' });
    expect(verifyAudit(db).ok).toBe(true);
    w.core.close();
  }, 240_000);

  it('new computer with the side file in the backup folder: a deleted person stays deleted', async () => {
    const { w, folder, file } = await erasedAfterBackup('delete');
    w.core.close();
    const { createCore } = await import('../../electron/core');
    const { createAppRouter } = await import('../../electron/ipc');
    const core = createCore({ profileDir: path.join(tempDir(), 'profile'), appVersion: 'test', osLocales: ['en'], keychain: testKeychain().keychain, pickBackupFile: async () => path.join(folder, file) });
    const router = createAppRouter(core);
    const me = { senderId: 'new-laptop' };
    expect(await router.dispatch(me, 'setup.pickBackupFile', {})).toMatchObject({ ok: true });
    const done = await router.dispatch(me, 'setup.restoreFromBackup', { recoveryKey: w.recoveryKey });
    expect(done, JSON.stringify(done)).toMatchObject({ ok: true, value: { restored: true, ledger: { reapplied: 1, sideFile: 'ok' } } });
    const db = core.vault.db();
    expect(present(db)).toBe(0);
    expect((db.prepare('SELECT count(*) AS n FROM customers WHERE mobile = ?').get(OTHER.mobile) as { n: number }).n).toBe(1);
    expect(verifyAudit(db).ok).toBe(true);
    core.close();
  }, 240_000);

  it('new computer WITHOUT any side file: a backup made after the erasure stands in for it, and the person stays erased', async () => {
    const { w, folder, file } = await erasedAfterBackup('delete');
    await laterBackup(w, folder, file);
    const vaultId = w.core.vault.backupMaterial().vaultId;
    w.core.close();
    withoutSideFiles(w.profileDir, folder, vaultId);
    const pc = await newComputer(folder, file);
    const done = await pc.router.dispatch(pc.me, 'setup.restoreFromBackup', { recoveryKey: w.recoveryKey });
    expect(done, JSON.stringify(done)).toMatchObject({ ok: true, value: { restored: true, ledger: { reapplied: 1, heldBack: 0, sideFile: 'missing', ledgerSource: 'newest-backup' } } });
    const ledger = (done as { ok: true; value: ChannelOutput<'setup.restoreFromBackup'> }).value.ledger;
    const db = pc.core.vault.db();
    // The date reported is the later backup's own (its manifest), not the restored one's.
    expect(Date.parse(ledger.ledgerSourceAt!)).toBeGreaterThan(Date.parse((done as { ok: true; value: { backupCreatedAt: string } }).value.backupCreatedAt));
    expect(present(db)).toBe(0);
    expect(keysLeft(db)).toBe(0);
    expect((db.prepare('SELECT count(*) AS n FROM customers WHERE mobile = ?').get(OTHER.mobile) as { n: number }).n).toBe(1);
    const reapply = db.prepare("SELECT reason FROM audit_log WHERE action = 'ledger.reapply'").pluck().all() as string[];
    expect(reapply).toEqual([`1 re-applied; 0 already in effect; 0 held back; side file missing; read from the newest backup, made ${ledger.ledgerSourceAt}`]);
    expect(verifyAudit(db).ok).toBe(true);
    expect(fs.readdirSync(pc.profileDir).filter((f) => f.includes('restoring'))).toEqual([]);
    expect(await pc.router.dispatch(pc.me, 'session.login', { username: OWNER.username, password: OWNER.password })).toMatchObject({ ok: true });
    expect(await searchFinds(pc, pc.me, PERSON.mobile)).toBe(0);
    expect(await searchFinds(pc, pc.me, PERSON.name)).toBe(0);
    expect(await searchFinds(pc, pc.me, OTHER.mobile)).toBe(1);
    pc.core.close();
  }, 300_000);

  it('new computer WITHOUT any side file: a user disabled after the backup stays disabled, read from the later backup found only in the second folder', async () => {
    const folder = tempDir('coffer-backups-');
    const second = tempDir('coffer-second-');
    let pick = folder;
    const w = await accessWorld({ pickFolder: async () => pick });
    approvalsOff(w.core, w.core.sessions.current('owner')!);
    const o = w.caller('owner');
    await w.router.dispatch(o, 'settings.chooseBackupFolder', {});
    pick = second;
    expect(await w.router.dispatch(o, 'settings.chooseSecondBackupFolder', {})).toMatchObject({ ok: true });
    const first = await w.router.dispatch(o, 'backup.run', {});
    if (!first.ok) throw new Error(first.error.code);
    expect(await w.router.dispatch(o, 'users.setStatus', { username: 'sales1', status: 'disabled' })).toMatchObject({ ok: true });
    const later = await laterBackup(w, folder, (first.value as { fileName: string }).fileName);
    // The backup folder lost it (a sync tool, a hand): the copy in the second folder, which the restored backup recorded, still knows.
    fs.rmSync(path.join(folder, later));
    expect(fs.existsSync(path.join(second, later))).toBe(true);
    await w.core.ledger.settled();
    const vaultId = w.core.vault.backupMaterial().vaultId;
    w.core.close();
    withoutSideFiles(w.profileDir, folder, vaultId);
    const pc = await newComputer(folder, (first.value as { fileName: string }).fileName);
    const done = await pc.router.dispatch(pc.me, 'setup.restoreFromBackup', { recoveryKey: w.recoveryKey });
    expect(done, JSON.stringify(done)).toMatchObject({ ok: true, value: { ledger: { reapplied: 1, sideFile: 'missing', ledgerSource: 'newest-backup' } } });
    const db = pc.core.vault.db();
    expect(db.prepare('SELECT status FROM users WHERE username = ?').pluck().get('sales1')).toBe('disabled');
    expect(await pc.router.dispatch({ senderId: 'sales-again' }, 'session.login', { username: 'sales1', password: PASSWORD })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(verifyAudit(db).ok).toBe(true);
    pc.core.close();
  }, 300_000);

  it('the known limit: no side file and no newer backup, so the person is back, and the restore says so', async () => {
    const { w, folder, file } = await erasedAfterBackup('anonymise');
    const vaultId = w.core.vault.backupMaterial().vaultId;
    w.core.close();
    withoutSideFiles(w.profileDir, folder, vaultId);
    const pc = await newComputer(folder, file);
    const done = await pc.router.dispatch(pc.me, 'setup.restoreFromBackup', { recoveryKey: w.recoveryKey });
    expect(done, JSON.stringify(done)).toMatchObject({ ok: true, value: { ledger: { reapplied: 0, sideFile: 'missing', ledgerSource: 'none', ledgerSourceAt: null } } });
    const db = pc.core.vault.db();
    expect(present(db)).toBe(1);
    const rows = db.prepare("SELECT action, outcome, reason FROM audit_log WHERE action IN ('ledger.sideFile', 'ledger.reapply') ORDER BY id").all();
    expect(rows).toEqual([
      { action: 'ledger.sideFile', outcome: 'failed', reason: 'missing' },
      { action: 'ledger.reapply', outcome: 'ok', reason: '0 re-applied; 0 already in effect; 0 held back; side file missing; no newer backup could be read either: people erased and users disabled after this backup may be back' },
    ]);
    // No personal data in what the restore wrote about itself.
    expect(JSON.stringify(rows)).not.toMatch(new RegExp(`${PERSON.name}|${PERSON.mobile}|${PERSON.email}`));
    expect(verifyAudit(db).ok).toBe(true);
    pc.core.close();
  }, 240_000);
});

/**
 * A second backup, made after the decision. Retention keeps one backup a day, so the first one (made
 * seconds earlier) would be pruned by it: it is put back, as a backup from an earlier day would be there.
 */
async function laterBackup(w: AccessWorld, folder: string, older: string): Promise<string> {
  const kept = path.join(tempDir(), older);
  fs.copyFileSync(path.join(folder, older), kept);
  const later = await w.router.dispatch(w.caller('owner'), 'backup.run', {});
  expect(later.ok, JSON.stringify(later)).toBe(true);
  await w.core.backups.settled(); // the pruning after it
  expect(fs.existsSync(path.join(folder, older))).toBe(false);
  fs.copyFileSync(kept, path.join(folder, older));
  return (later as { ok: true; value: { fileName: string } }).value.fileName;
}

/** Both side files gone: the old computer's profile (lost with it) and the copy beside the backups. */
function withoutSideFiles(oldProfile: string, folder: string, vaultId: string): void {
  for (const f of [path.join(oldProfile, SIDE_FILE), path.join(folder, folderSideFile(vaultId))]) {
    expect(fs.existsSync(f), f).toBe(true);
    fs.rmSync(f);
  }
}

async function newComputer(folder: string, file: string) {
  const { createCore } = await import('../../electron/core');
  const { createAppRouter } = await import('../../electron/ipc');
  const profileDir = path.join(tempDir(), 'profile');
  const core = createCore({ profileDir, appVersion: 'test', osLocales: ['en'], keychain: testKeychain().keychain, pickBackupFile: async () => path.join(folder, file) });
  const router = createAppRouter(core);
  const me = { senderId: 'new-laptop' };
  expect(await router.dispatch(me, 'setup.pickBackupFile', {})).toMatchObject({ ok: true });
  return { core, router, me, profileDir };
}
