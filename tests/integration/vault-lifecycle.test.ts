import { LATEST_SCHEMA_VERSION } from '../../electron/core/db/migrations';
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { findUserByUsername } from '../../electron/core/users/user-repository';
import { verifyPassword } from '../../electron/core/users/password-hash';
import { currentAccount } from '../../electron/core/vault/key-store';
import { describeKeychain } from '../support/keyring';
import { OWNER, errorOf, newProfile, testKeychain, vaultFor } from './vault-helpers';

function descriptorOf(profile: string): { vaultId: string; keys: { current: { keyId: string } } } {
  return JSON.parse(fs.readFileSync(path.join(profile, 'vault.json'), 'utf8')) as never;
}

describeKeychain('vault on the real keychain', () => {
  it('first run: creates a private profile, the owner, a keychain entry and a descriptor', async () => {
    const profile = newProfile();
    const { keychain } = testKeychain();
    const vault = vaultFor(profile, keychain);
    expect(vault.state()).toBe('needs-setup');
    const { recoveryKey } = await vault.setup({ owner: OWNER });
    expect(recoveryKey).toMatch(/^([0-9A-Z]{4}-){8}[0-9A-Z]{4}$/);
    expect(vault.state()).toBe('unlocked');
    expect(vault.keychainState()).toBe('available');
    expect(vault.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
    expect(fs.statSync(profile).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(profile, 'vault.json')).mode & 0o777).toBe(0o600);
    // Only the database (and its WAL companions) and the descriptor: no setup leftovers, no key file.
    expect(fs.readdirSync(profile).filter((name) => !/^(coffer\.db(-wal|-shm)?|vault\.json)$/.test(name))).toEqual([]);
    expect(fs.readdirSync(profile)).toEqual(expect.arrayContaining(['coffer.db', 'vault.json']));

    const owner = findUserByUsername(vault.db(), 'ANNA');
    expect(owner).toMatchObject({ username: 'anna', displayName: 'Anna Example', role: 'owner', status: 'active' });
    await expect(verifyPassword(OWNER.password, owner!.passwordHash)).resolves.toBe(true);

    const descriptor = descriptorOf(profile);
    const entry = await keychain.get(currentAccount(descriptor.vaultId));
    expect(entry).toMatch(new RegExp(`^${descriptor.keys.current.keyId}:[0-9a-f]{64}$`));
    const text = fs.readFileSync(path.join(profile, 'vault.json'), 'utf8');
    for (const secretish of [entry!.split(':')[1]!, recoveryKey, recoveryKey.replace(/-/g, ''), 'anna', 'Anna Example']) {
      expect(text).not.toContain(secretish);
    }
    await expect(vault.setup({ owner: OWNER })).rejects.toMatchObject({ code: 'VAULT_ALREADY_SET_UP' });
    vault.close();
    await expect(vaultFor(profile, keychain).setup({ owner: OWNER })).rejects.toMatchObject({ code: 'VAULT_ALREADY_SET_UP' });
  });

  it('rejects a weak owner password with reason codes before creating anything', async () => {
    const profile = newProfile();
    const { keychain } = testKeychain();
    const error = await errorOf(vaultFor(profile, keychain).setup({ owner: { ...OWNER, password: 'short' } }));
    expect(error).toMatchObject({ code: 'INVALID_INPUT', fields: { 'owner.password': 'too-short' } });
    expect(fs.existsSync(profile)).toBe(false);
  });

  it('normal reopen: locked after restart, unlocked from the keychain, data kept', async () => {
    const profile = newProfile();
    const { keychain } = testKeychain();
    const first = vaultFor(profile, keychain);
    await first.setup({ owner: OWNER });
    first.db().prepare("INSERT INTO meta (key, value) VALUES ('note', 'kept')").run();
    first.close();

    const second = vaultFor(profile, keychain);
    expect(second.state()).toBe('locked');
    expect(() => second.db()).toThrow(expect.objectContaining({ code: 'LOCKED' }));
    await second.unlockFromKeychain();
    expect(second.state()).toBe('unlocked');
    expect(second.db().prepare("SELECT value FROM meta WHERE key = 'note'").get()).toEqual({ value: 'kept' });
    second.lock();
    expect(second.state()).toBe('locked');
  });

  it('lost keychain entry: asks for the recovery key, opens with it, and puts the key back', async () => {
    const profile = newProfile();
    const { keychain } = testKeychain();
    const first = vaultFor(profile, keychain);
    const { recoveryKey } = await first.setup({ owner: OWNER });
    first.close();
    const account = currentAccount(descriptorOf(profile).vaultId);
    const stored = await keychain.get(account);
    expect(await keychain.delete(account)).toBe(true);

    const vault = vaultFor(profile, keychain);
    const missing = await errorOf(vault.unlockFromKeychain());
    expect(missing).toMatchObject({ code: 'RECOVERY_KEY_REQUIRED', message: expect.stringMatching(/recovery key/) });
    await vault.unlockWithRecoveryKey(recoveryKey.toLowerCase().replace(/-/g, ' '));
    expect(vault.state()).toBe('unlocked');
    expect(await keychain.get(account)).toBe(stored);
    vault.close();

    const next = vaultFor(profile, keychain);
    await next.unlockFromKeychain();
    expect(next.state()).toBe('unlocked');
    next.close();
  });

  it('wrong recovery keys: a typo is named as such; a valid key of another vault is WRONG_KEY', async () => {
    const { keychain } = testKeychain();
    const profileA = newProfile();
    const profileB = newProfile();
    const a = vaultFor(profileA, keychain);
    const { recoveryKey: keyA } = await a.setup({ owner: OWNER });
    a.close();
    const b = vaultFor(profileB, keychain);
    const { recoveryKey: keyB } = await b.setup({ owner: OWNER });
    b.close();

    const vault = vaultFor(profileA, keychain);
    const typo = keyA.slice(0, 5) + (keyA[5] === 'A' ? 'B' : 'A') + keyA.slice(6);
    const typoError = await errorOf(vault.unlockWithRecoveryKey(typo));
    expect(typoError).toMatchObject({ code: 'RECOVERY_KEY_TYPO', message: expect.stringMatching(/typo/) });
    const wrong = await errorOf(vault.unlockWithRecoveryKey(keyB));
    expect(wrong).toMatchObject({ code: 'WRONG_KEY', message: expect.stringMatching(/does not open this vault/) });
    expect(vault.state()).toBe('locked');
    await vault.unlockWithRecoveryKey(keyA);
    expect(vault.state()).toBe('unlocked');
    vault.close();
  });

  it.each([
    ['page 1 overwritten', (file: string) => {
      const fd = fs.openSync(file, 'r+');
      fs.writeSync(fd, Buffer.alloc(256, 0x41), 0, 256, 100);
      fs.closeSync(fd);
    }],
    ['truncated', (file: string) => fs.truncateSync(file, 1000)],
    ['emptied', (file: string) => fs.truncateSync(file, 0)],
  ])('corrupted database (%s): VAULT_UNREADABLE, file left exactly as it was', async (_name, damage) => {
    const profile = newProfile();
    const { keychain } = testKeychain();
    const first = vaultFor(profile, keychain);
    const { recoveryKey } = await first.setup({ owner: OWNER });
    first.close();
    const file = path.join(profile, 'coffer.db');
    damage(file);
    const damaged = fs.readFileSync(file);

    const vault = vaultFor(profile, keychain);
    const viaKeychain = await errorOf(vault.unlockFromKeychain());
    expect(viaKeychain).toMatchObject({ code: 'VAULT_UNREADABLE', message: expect.stringMatching(/backup/) });
    expect(viaKeychain.message).not.toMatch(/\b(delete|remove) (it|the|this|your)|start over|set up again/i);
    const viaRecovery = await errorOf(vault.unlockWithRecoveryKey(recoveryKey));
    expect(viaRecovery).toMatchObject({ code: 'VAULT_UNREADABLE' });
    expect(fs.readFileSync(file).equals(damaged)).toBe(true);
    expect(vault.state()).toBe('locked');
  });

  it('a damaged or missing vault.json is VAULT_UNREADABLE, never "needs setup"', async () => {
    const profile = newProfile();
    const { keychain } = testKeychain();
    const first = vaultFor(profile, keychain);
    await first.setup({ owner: OWNER });
    first.close();
    const descriptorFile = path.join(profile, 'vault.json');
    fs.writeFileSync(descriptorFile, '{"format": 1, "vault');
    const vault = vaultFor(profile, keychain);
    expect(vault.state()).toBe('locked');
    await expect(vault.unlockFromKeychain()).rejects.toMatchObject({ code: 'VAULT_UNREADABLE', message: expect.stringMatching(/restore vault.json/) });
    fs.rmSync(descriptorFile);
    await expect(vault.unlockFromKeychain()).rejects.toMatchObject({ code: 'VAULT_UNREADABLE', message: expect.stringMatching(/missing/) });
    await expect(vault.setup({ owner: OWNER })).rejects.toMatchObject({ code: 'VAULT_ALREADY_SET_UP' });
  });
});
