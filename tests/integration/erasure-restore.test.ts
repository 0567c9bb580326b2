import path from 'node:path';
import { expect, it } from 'vitest';
import { verifyAudit } from '../../electron/core/audit/audit-log';
import type { Db } from '../../electron/core/db/open-database';
import type { ChannelOutput } from '../../shared/contract';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { accessWorld, type AccessWorld } from './access-helpers';
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
});
