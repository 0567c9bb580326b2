import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core';
import { createAppRouter } from '../../electron/ipc';
import type { Router } from '../../electron/ipc/router';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { OWNER, newProfile, testKeychain } from './vault-helpers';

const WINDOW = { senderId: 'webContents:1' };
const OTHER_WINDOW = { senderId: 'webContents:2' };

function appFor(profileDir: string, keychain = testKeychain().keychain, backupDir?: string): { core: Core; router: Router } {
  const core = createCore({
    profileDir,
    appVersion: 'test',
    osLocales: ['en'],
    keychain,
    ...(backupDir ? { pickFolder: async () => backupDir } : {}),
  });
  return { core, router: createAppRouter(core) };
}

async function setUp(router: Router): Promise<string> {
  const begun = await router.dispatch(WINDOW, 'setup.begin', { owner: OWNER });
  if (!begun.ok) throw new Error(begun.error.code);
  const { recoveryKey } = begun.value as { recoveryKey: string };
  const done = await router.dispatch(WINDOW, 'setup.complete', { recoveryKeyEnding: recoveryKey.slice(-9), confirmedStored: true });
  expect(done).toMatchObject({ ok: true, value: { user: { username: OWNER.username, role: 'owner' } } });
  return recoveryKey;
}

describeKeychain('vault channels through the router', () => {
  it('setup is two-step: nothing is written until the end of the key is typed back', async () => {
    const profile = newProfile();
    const { core, router } = appFor(profile);
    const weak = await router.dispatch(WINDOW, 'setup.begin', { owner: { ...OWNER, password: 'short' } });
    expect(weak).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { 'owner.password': 'too-short' } } });

    const begun = await router.dispatch(WINDOW, 'setup.begin', { owner: OWNER });
    expect(begun.ok).toBe(true);
    expect(fs.existsSync(profile)).toBe(false);
    const wrong = await router.dispatch(WINDOW, 'setup.complete', { recoveryKeyEnding: 'AAAA-AAAA', confirmedStored: true });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { recoveryKeyEnding: 'mismatch' } } });
    expect(core.vault.state()).toBe('needs-setup');
    // Another window cannot finish a setup it did not begin.
    expect(await router.dispatch(OTHER_WINDOW, 'setup.complete', { recoveryKeyEnding: 'AAAA-AAAA', confirmedStored: true })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    const unconfirmed = await router.dispatch(WINDOW, 'setup.complete', { recoveryKeyEnding: 'x', confirmedStored: false });
    expect(unconfirmed).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    core.close();
  });

  it('sessions belong to the window: the other window must sign in, and wrong or unknown users get one answer', async () => {
    const profile = newProfile();
    const backupDir = tempDir();
    const { core, router } = appFor(profile, undefined, backupDir);
    await setUp(router);
    expect(await router.dispatch(WINDOW, 'app.status', {})).toMatchObject({ ok: true, value: { vault: 'unlocked', session: { role: 'owner' }, backupFolderChosen: false } });
    expect(await router.dispatch(WINDOW, 'settings.chooseBackupFolder', {})).toEqual({ ok: true, value: { folder: backupDir } });
    expect(await router.dispatch(WINDOW, 'app.status', {})).toMatchObject({ ok: true, value: { backupFolderChosen: true } });

    expect(await router.dispatch(OTHER_WINDOW, 'app.status', {})).toMatchObject({ ok: true, value: { session: null, backupFolderChosen: null } });
    expect(await router.dispatch(OTHER_WINDOW, 'settings.chooseBackupFolder', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });

    const wrongPassword = await router.dispatch(OTHER_WINDOW, 'session.login', { username: OWNER.username, password: 'Not the password 1' });
    const unknownUser = await router.dispatch(OTHER_WINDOW, 'session.login', { username: 'nobody', password: 'Not the password 1' });
    expect(wrongPassword).toEqual(unknownUser);
    expect(wrongPassword).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });

    expect(await router.dispatch(OTHER_WINDOW, 'session.login', { username: OWNER.username.toUpperCase(), password: OWNER.password })).toMatchObject({ ok: true });
    expect(await router.dispatch(WINDOW, 'session.logout', {})).toEqual({ ok: true, value: { ended: true } });
    expect(await router.dispatch(WINDOW, 'settings.chooseBackupFolder', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await router.dispatch(OTHER_WINDOW, 'app.status', {})).toMatchObject({ ok: true, value: { session: { username: OWNER.username } } });
    expect(await router.dispatch(WINDOW, 'setup.begin', { owner: OWNER })).toMatchObject({ ok: false, error: { code: 'VAULT_ALREADY_SET_UP' } });
    core.close();
  });

  it('a later start opens from the keychain; without the entry the recovery key opens it; rotation needs the password', async () => {
    const profile = newProfile();
    const { keychain } = testKeychain();
    const first = appFor(profile, keychain);
    const recoveryKey = await setUp(first.router);
    expect(await first.router.dispatch(WINDOW, 'vault.rotateKey', { password: 'Not the password 1' })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED', fields: { password: 'wrong' } },
    });
    const keyIdBefore = (JSON.parse(fs.readFileSync(path.join(profile, 'vault.json'), 'utf8')) as { keys: { current: { keyId: string } } }).keys.current.keyId;
    expect(await first.router.dispatch(WINDOW, 'vault.rotateKey', { password: OWNER.password })).toEqual({ ok: true, value: { rotated: true } });
    const descriptor = JSON.parse(fs.readFileSync(path.join(profile, 'vault.json'), 'utf8')) as { vaultId: string; keys: { current: { keyId: string } } };
    expect(descriptor.keys.current.keyId).not.toBe(keyIdBefore);
    expect(first.core.vault.db().prepare("SELECT username, outcome FROM audit_log WHERE action = 'vault.rotateKey'").all()).toEqual([{ username: OWNER.username, outcome: 'ok' }]);
    first.core.close();

    const second = appFor(profile, keychain);
    await second.core.start();
    expect(await second.router.dispatch(WINDOW, 'app.status', {})).toMatchObject({ ok: true, value: { vault: 'unlocked', session: null } });
    second.core.close();

    await keychain.delete(`vault-${descriptor.vaultId}`);
    const third = appFor(profile, keychain);
    await third.core.start();
    expect(await third.router.dispatch(WINDOW, 'app.status', {})).toMatchObject({ ok: true, value: { vault: 'locked', lockedReason: 'recovery-key-required' } });
    expect(await third.router.dispatch(WINDOW, 'session.login', { username: OWNER.username, password: OWNER.password })).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(await third.router.dispatch(WINDOW, 'vault.unlockWithRecoveryKey', { recoveryKey })).toEqual({ ok: true, value: { vault: 'unlocked' } });
    expect(await third.router.dispatch(WINDOW, 'session.login', { username: OWNER.username, password: OWNER.password })).toMatchObject({ ok: true });
    third.core.close();
  });
});
