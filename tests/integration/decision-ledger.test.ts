import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import type { ChannelOutput } from '../../shared/contract';
import { verifyAudit } from '../../electron/core/audit/audit-log';
import { folderSideFile, SIDE_FILE } from '../../electron/core/privacy/ledger-side-file';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { accessWorld, PASSWORD, type AccessWorld } from './access-helpers';
import { OWNER, approvalsOff, testKeychain } from './vault-helpers';

type Restored = ChannelOutput<'backup.restore'>;
const NEW_PASSWORD = 'Fresh lantern 42';

/** A vault with a backup folder, a backup taken, then three account decisions made after it. */
async function decisionsAfterBackup(): Promise<{ w: AccessWorld; folder: string; file: string }> {
  const folder = tempDir('coffer-backups-');
  const w = await accessWorld({ pickFolder: async () => folder });
  approvalsOff(w.core, w.core.sessions.current('owner')!);
  const o = w.caller('owner');
  await w.router.dispatch(o, 'settings.chooseBackupFolder', {});
  const run = await w.router.dispatch(o, 'backup.run', {});
  if (!run.ok) throw new Error(run.error.code);
  const file = (run.value as { fileName: string }).fileName;

  expect(await w.router.dispatch(o, 'users.setStatus', { username: 'sales1', status: 'disabled' })).toMatchObject({ ok: true });
  expect(await w.router.dispatch(o, 'users.setRole', { username: 'manager1', role: 'support', ownerPassword: OWNER.password })).toMatchObject({ ok: true });
  expect(await w.router.dispatch(o, 'users.resetPassword', { username: 'auditor1', newPassword: NEW_PASSWORD })).toMatchObject({ ok: true });
  // Disabled and enabled again: the later decision gives it back, so a restore must not take it away.
  expect(await w.router.dispatch(o, 'users.setStatus', { username: 'support1', status: 'disabled' })).toMatchObject({ ok: true });
  expect(await w.router.dispatch(o, 'users.setStatus', { username: 'support1', status: 'active' })).toMatchObject({ ok: true });
  await w.core.ledger.settled();
  return { w, folder, file };
}

const userRow = (w: AccessWorld, username: string) => w.core.vault.db().prepare('SELECT role, status FROM users WHERE username = ?').get(username) as { role: string; status: string };
const login = (w: AccessWorld, username: string, password: string) => w.router.dispatch({ senderId: `login-${username}-${password.length}` }, 'session.login', { username, password });
const ledgerAudit = (w: AccessWorld) =>
  w.core.vault.db().prepare("SELECT action, outcome, reason FROM audit_log WHERE action IN ('ledger.reapply', 'ledger.sideFile') ORDER BY id").all() as { action: string; outcome: string; reason: string }[];

/** The three decisions hold in the restored vault, and the one given back stays given back. */
async function expectDecisionsHold(w: AccessWorld): Promise<void> {
  expect(userRow(w, 'sales1').status).toBe('disabled');
  expect(await login(w, 'sales1', PASSWORD)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  expect(userRow(w, 'manager1').role).toBe('support');
  // The reset password is not in the ledger (no secrets there); the old one no longer works either.
  expect(await login(w, 'auditor1', PASSWORD)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  expect(userRow(w, 'support1').status).toBe('active');
  expect(await login(w, 'support1', PASSWORD)).toMatchObject({ ok: true });
  expect(verifyAudit(w.core.vault.db()).ok).toBe(true);
}

async function newComputer(w: AccessWorld, offer: string) {
  const { createCore } = await import('../../electron/core');
  const { createAppRouter } = await import('../../electron/ipc');
  const core = createCore({ profileDir: path.join(tempDir(), 'profile'), appVersion: 'test', osLocales: ['en'], keychain: testKeychain().keychain, pickBackupFile: async () => offer });
  const router = createAppRouter(core);
  const me = { senderId: 'new-laptop' };
  expect(await router.dispatch(me, 'setup.pickBackupFile', {})).toMatchObject({ ok: true });
  const world: AccessWorld = { ...w, core, router };
  return { core, router, me, world };
}

function tamper(file: string): void {
  const bytes = fs.readFileSync(file);
  bytes[bytes.length - 5]! ^= 0x40;
  fs.writeFileSync(file, bytes);
}

describeKeychain('decision ledger: account decisions survive a restore of an older backup', () => {
  it('in place: the side file is written after each decision, and the restore re-applies them before anyone signs in, audited with the count', async () => {
    const { w, folder, file } = await decisionsAfterBackup();
    const inProfile = path.join(w.profileDir, SIDE_FILE);
    const inFolder = path.join(folder, folderSideFile(w.core.vault.backupMaterial().vaultId));
    expect(fs.existsSync(inProfile) && fs.existsSync(inFolder)).toBe(true);
    // No personal data or user names in the side file, even in its clear header.
    for (const f of [inProfile, inFolder]) expect(fs.readFileSync(f).toString('latin1')).not.toMatch(/sales1|manager1|auditor1|support/);
    const entries = w.core.vault.db().prepare('SELECT kind, role, superseded_at IS NOT NULL AS superseded FROM decision_ledger ORDER BY at, kind').all();
    expect(entries).toEqual(
      expect.arrayContaining([
        { kind: 'user.disable', role: null, superseded: 0 },
        { kind: 'user.role', role: 'support', superseded: 0 },
        { kind: 'user.password', role: null, superseded: 0 },
        { kind: 'user.disable', role: null, superseded: 1 },
      ]),
    );

    const done = await w.router.dispatch(w.caller('owner'), 'backup.restore', { fileName: file, password: OWNER.password });
    expect(done.ok, JSON.stringify(done)).toBe(true);
    expect((done as { ok: true; value: Restored }).value.ledger).toEqual({ reapplied: 3, alreadyInEffect: 0, heldBack: 0, sideFile: 'ok', ledgerSource: 'live-vault', ledgerSourceAt: null });
    await expectDecisionsHold(w);
    expect(ledgerAudit(w)).toEqual([{ action: 'ledger.reapply', outcome: 'ok', reason: '3 re-applied; 0 already in effect; 0 held back; side file ok' }]);
    // The restored vault's ledger now has every entry (it travels in the next backup), and the owner resets the password again.
    expect((w.core.vault.db().prepare('SELECT count(*) AS n FROM decision_ledger').get() as { n: number }).n).toBe(4);
    await login(w, OWNER.username, OWNER.password).then((r) => expect(r.ok).toBe(true));

    // Idempotent: restoring the same backup again re-applies the same three, no more, nothing doubled.
    const again = await w.router.dispatch({ senderId: `login-${OWNER.username}-${OWNER.password.length}` }, 'backup.restore', { fileName: file, password: OWNER.password });
    expect(again.ok, JSON.stringify(again)).toBe(true);
    expect((again as { ok: true; value: Restored }).value.ledger.reapplied).toBe(3);
    await expectDecisionsHold(w);
    w.core.close();
  }, 180_000);

  it('in place with a tampered side file: the live vault\'s own ledger still re-applies everything; the warning and an audit row say so, and the file is set aside', async () => {
    const { w, file } = await decisionsAfterBackup();
    const inProfile = path.join(w.profileDir, SIDE_FILE);
    tamper(inProfile);
    const done = await w.router.dispatch(w.caller('owner'), 'backup.restore', { fileName: file, password: OWNER.password });
    expect(done.ok, JSON.stringify(done)).toBe(true);
    expect((done as { ok: true; value: Restored }).value.ledger).toMatchObject({ reapplied: 3, sideFile: 'tampered' });
    await expectDecisionsHold(w);
    expect(ledgerAudit(w)).toEqual([
      { action: 'ledger.sideFile', outcome: 'failed', reason: 'tampered' },
      { action: 'ledger.reapply', outcome: 'ok', reason: '3 re-applied; 0 already in effect; 0 held back; side file tampered' },
    ]);
    expect(fs.readdirSync(w.profileDir).some((f) => f.startsWith(`${SIDE_FILE}.tampered-`))).toBe(true);
    // A fresh, authentic side file is written from the restored vault's ledger.
    await w.core.ledger.settled();
    w.core.ledger.sync();
    const { decodeSideFile } = await import('../../electron/core/privacy/ledger-side-file');
    const material = w.core.vault.backupMaterial();
    expect(decodeSideFile(fs.readFileSync(inProfile), material.key).body.entries).toHaveLength(4);
    w.core.close();
  }, 180_000);

  it('new computer with the side file in the backup folder: the decisions hold; without it: restored as the backup was, with a warning and an audit row', async () => {
    const { w, folder, file } = await decisionsAfterBackup();
    w.core.close();
    const first = await newComputer(w, path.join(folder, file));
    const done = await first.router.dispatch(first.me, 'setup.restoreFromBackup', { recoveryKey: w.recoveryKey });
    expect(done, JSON.stringify(done)).toMatchObject({ ok: true, value: { restored: true, ledger: { reapplied: 3, heldBack: 0, sideFile: 'ok' } } });
    await expectDecisionsHold(first.world);
    expect(ledgerAudit(first.world)).toEqual([{ action: 'ledger.reapply', outcome: 'ok', reason: '3 re-applied; 0 already in effect; 0 held back; side file ok' }]);
    first.core.close();

    // Without the side file nothing outside the backup knows of the decisions: the restore goes
    // ahead (the owner has nothing better), and says so loudly.
    fs.rmSync(path.join(folder, folderSideFile(readVaultId(folder, file))));
    const second = await newComputer(w, path.join(folder, file));
    const bare = await second.router.dispatch(second.me, 'setup.restoreFromBackup', { recoveryKey: w.recoveryKey });
    expect(bare).toMatchObject({ ok: true, value: { ledger: { reapplied: 0, sideFile: 'missing', ledgerSource: 'none' } } });
    expect(userRow(second.world, 'sales1').status).toBe('active');
    expect(ledgerAudit(second.world)).toEqual([
      { action: 'ledger.sideFile', outcome: 'failed', reason: 'missing' },
      { action: 'ledger.reapply', outcome: 'ok', reason: '0 re-applied; 0 already in effect; 0 held back; side file missing; no newer backup could be read either: people erased and users disabled after this backup may be back' },
    ]);
    second.core.close();
  }, 240_000);

  it('new computer with a tampered side file: refused with LEDGER_TAMPERED and nothing restored, until the owner acknowledges', async () => {
    const { w, folder, file } = await decisionsAfterBackup();
    w.core.close();
    const beside = path.join(folder, folderSideFile(readVaultId(folder, file)));
    tamper(beside);
    const pc = await newComputer(w, path.join(folder, file));
    const refused = await pc.router.dispatch(pc.me, 'setup.restoreFromBackup', { recoveryKey: w.recoveryKey });
    expect(refused).toMatchObject({ ok: false, error: { code: 'LEDGER_TAMPERED' } });
    expect(pc.core.vault.state()).toBe('needs-setup');
    expect(fs.existsSync(beside)).toBe(true); // left as evidence until the owner decides

    const anyway = await pc.router.dispatch(pc.me, 'setup.restoreFromBackup', { recoveryKey: w.recoveryKey, acknowledgeLedgerProblem: true });
    expect(anyway).toMatchObject({ ok: true, value: { ledger: { reapplied: 0, sideFile: 'tampered' } } });
    expect(ledgerAudit(pc.world)[0]).toEqual({ action: 'ledger.sideFile', outcome: 'failed', reason: 'tampered; restored anyway, acknowledged' });
    expect(fs.readdirSync(folder).some((f) => f.includes('.tampered-'))).toBe(true);
    pc.core.close();
  }, 240_000);
});

function readVaultId(folder: string, file: string): string {
  // The container header is clear JSON after an 14-byte prefix; the vault id is not secret.
  const text = fs.readFileSync(path.join(folder, file)).subarray(0, 4096).toString('latin1');
  return /"vaultId":"([^"]+)"/.exec(text)![1]!;
}
