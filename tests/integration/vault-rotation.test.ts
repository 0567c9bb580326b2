import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { currentAccount, pendingAccount } from '../../electron/core/vault/key-store';
import { ROTATION_STEPS } from '../../electron/core/vault/rotation';
import { bundleChild } from '../support/child-bundle';
import { describeKeychain } from '../support/keyring';
import { OWNER, newProfile, testKeychain, vaultFor } from './vault-helpers';

let child: { file: string; remove(): void };
beforeAll(async () => {
  child = await bundleChild(path.join(__dirname, 'vault-rotation.child.ts'), 'rotation-child');
}, 60_000);
afterAll(() => child.remove());

function runChild(profile: string, serviceName: string, faultAt?: string): ReturnType<typeof spawnSync> {
  const env = { ...process.env };
  if (faultAt) env.COFFER_FAULT_AT = faultAt;
  else delete env.COFFER_FAULT_AT;
  return spawnSync(process.execPath, [child.file, profile, serviceName], { env, encoding: 'utf8', timeout: 30_000 });
}

function readDescriptor(profile: string): { vaultId: string; keys: { current: { keyId: string }; pending?: unknown } } {
  return JSON.parse(fs.readFileSync(path.join(profile, 'vault.json'), 'utf8')) as never;
}

describeKeychain('key rotation', () => {
  it('rotates in-process: new key in keychain and descriptor, data kept, old key no longer opens it', async () => {
    const profile = newProfile();
    const { keychain } = testKeychain();
    const vault = vaultFor(profile, keychain);
    const { recoveryKey } = await vault.setup({ owner: OWNER });
    vault.db().prepare("INSERT INTO meta (key, value) VALUES ('marker', 'before-rotation')").run();
    const before = readDescriptor(profile);
    const oldEntry = await keychain.get(currentAccount(before.vaultId));
    await vault.rotateKey();
    expect(vault.db().pragma('journal_mode', { simple: true })).toBe('wal');
    vault.close();

    const after = readDescriptor(profile);
    expect(after.keys.current.keyId).not.toBe(before.keys.current.keyId);
    expect(after.keys.pending).toBeUndefined();
    const newEntry = await keychain.get(currentAccount(after.vaultId));
    expect(newEntry).not.toBe(oldEntry);
    expect(newEntry?.startsWith(`${after.keys.current.keyId}:`)).toBe(true);
    expect(await keychain.get(pendingAccount(after.vaultId))).toBeNull();

    // Put the old key back as if the keychain were stale: it must no longer open the vault.
    await keychain.set(currentAccount(after.vaultId), oldEntry!);
    const stale = vaultFor(profile, keychain);
    await expect(stale.unlockFromKeychain()).rejects.toMatchObject({ code: 'RECOVERY_KEY_REQUIRED' });
    await stale.unlockWithRecoveryKey(recoveryKey);
    expect(stale.db().prepare("SELECT value FROM meta WHERE key = 'marker'").get()).toEqual({ value: 'before-rotation' });
    stale.close();
    expect(await keychain.get(currentAccount(after.vaultId))).toBe(newEntry);
  });

  it('the child process rotates cleanly when no fault is injected', async () => {
    const profile = newProfile();
    const { keychain, serviceName } = testKeychain();
    const vault = vaultFor(profile, keychain);
    await vault.setup({ owner: OWNER });
    vault.close();
    const keyId = readDescriptor(profile).keys.current.keyId;
    const result = runChild(profile, serviceName);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('rotated\n');
    expect(readDescriptor(profile).keys.current.keyId).not.toBe(keyId);
  });

  it.each(ROTATION_STEPS.map((step) => [step]))('a SIGKILL at %s leaves a vault that opens, by keychain and by recovery key', async (step) => {
    const profile = newProfile();
    const { keychain, serviceName } = testKeychain();
    const vault = vaultFor(profile, keychain);
    const { recoveryKey } = await vault.setup({ owner: OWNER });
    vault.db().prepare("INSERT INTO meta (key, value) VALUES ('marker', 'survives')").run();
    vault.close();
    const { vaultId, keys } = readDescriptor(profile);
    const oldKeyId = keys.current.keyId;

    const result = runChild(profile, serviceName, step);
    expect(result.signal).toBe('SIGKILL'); // a real crash, not an orderly exit

    const afterCrash = readDescriptor(profile);
    const reopened = vaultFor(profile, keychain);
    await reopened.unlockFromKeychain();
    const read = (db: ReturnType<typeof reopened.db>): unknown => db.prepare("SELECT key, value FROM meta WHERE key IN ('marker', 'child-was-here') ORDER BY key").all();
    expect(read(reopened.db())).toEqual([{ key: 'child-was-here', value: 'yes' }, { key: 'marker', value: 'survives' }]);
    expect(reopened.db().pragma('integrity_check', { simple: true })).toBe('ok');
    expect(reopened.db().pragma('journal_mode', { simple: true })).toBe('wal');
    reopened.close();

    // Settled: no pending key left, descriptor and keychain agree on one key.
    const settled = readDescriptor(profile);
    expect(settled.keys.pending).toBeUndefined();
    expect([oldKeyId, (afterCrash.keys.pending as { keyId?: string } | undefined)?.keyId, afterCrash.keys.current.keyId]).toContain(settled.keys.current.keyId);
    expect(await keychain.get(currentAccount(vaultId))).toMatch(new RegExp(`^${settled.keys.current.keyId}:`));
    expect(await keychain.get(pendingAccount(vaultId))).toBeNull();

    // The recovery key still opens it, and a later rotation works.
    const viaRecovery = vaultFor(profile, keychain);
    await viaRecovery.unlockWithRecoveryKey(recoveryKey);
    expect(read(viaRecovery.db())).toHaveLength(2);
    await viaRecovery.rotateKey();
    viaRecovery.close();
    const last = vaultFor(profile, keychain);
    await last.unlockFromKeychain();
    last.close();
  });
});
