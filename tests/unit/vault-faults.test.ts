import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createKeytarKeychain, type KeytarModule } from '../../electron/core/keychain/keychain';
import { nodeVaultFs, type VaultFs } from '../../electron/core/vault/vault-fs';
import { createVaultService } from '../../electron/core/vault/vault-service';
import { tempDir } from '../support/tmp';

const OWNER = { username: 'anna', displayName: 'Anna Example', password: 'Correct horse 9' };

/** keytar failing exactly as libsecret does; used only to simulate a broken keychain. */
function brokenKeychain(message: string): ReturnType<typeof createKeytarKeychain> {
  const fail = (): Promise<never> => Promise.reject(new Error(message));
  const keytar: KeytarModule = { getPassword: fail, setPassword: fail, deletePassword: fail };
  return createKeytarKeychain('Coffer-test', () => Promise.resolve(keytar));
}

function errnoError(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

/** The real file system, except the operations named fail with the given errno. */
function failingFs(code: string, failing: (keyof VaultFs)[]): VaultFs {
  const fail = (): never => {
    throw errnoError(code);
  };
  return { ...nodeVaultFs, ...Object.fromEntries(failing.map((name) => [name, fail])) };
}

describe('vault without a working keychain', () => {
  it.each([
    ['Cannot create an item in a locked collection', /locked/],
    ['The name org.freedesktop.secrets was not provided by any .service files', /No keychain service/],
    ['Cannot autolaunch D-Bus without X11 $DISPLAY', /session bus/],
  ])('%s: setup still works, the key is not stored in clear, each start needs the recovery key', async (raw, advice) => {
    const profile = path.join(tempDir(), 'profile');
    const vault = createVaultService({ profileDir: profile, keychain: brokenKeychain(raw) });
    const { recoveryKey } = await vault.setup({ owner: OWNER });
    expect(vault.keychainState()).toBe('unavailable');
    // No stand-in key file appeared: only the database and the descriptor.
    expect(fs.readdirSync(profile).filter((name) => !/^(coffer\.db(-wal|-shm)?|vault\.json)$/.test(name))).toEqual([]);
    expect(fs.readdirSync(profile)).toContain('vault.json');
    vault.db().prepare("INSERT INTO meta (key, value) VALUES ('note', 'kept')").run();
    vault.close();

    const next = createVaultService({ profileDir: profile, keychain: brokenKeychain(raw) });
    await expect(next.probeKeychain()).resolves.toBe('unavailable');
    await expect(next.unlockFromKeychain()).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE', message: expect.stringMatching(advice) });
    await next.unlockWithRecoveryKey(recoveryKey);
    expect(next.db().prepare("SELECT value FROM meta WHERE key = 'note'").get()).toEqual({ value: 'kept' });
    // Rotation works without a keychain too: the new key is sealed to the recovery key only.
    await next.rotateKey();
    next.close();
    const third = createVaultService({ profileDir: profile, keychain: brokenKeychain(raw) });
    await third.unlockWithRecoveryKey(recoveryKey);
    third.close();
  });
});

describe('disk faults', () => {
  it('a full disk during setup: STORAGE_UNAVAILABLE, still "needs setup", nothing half-made left', async () => {
    const profile = path.join(tempDir(), 'profile');
    const vault = createVaultService({ profileDir: profile, keychain: brokenKeychain('locked collection'), fs: failingFs('ENOSPC', ['writeAtomic']) });
    await expect(vault.setup({ owner: OWNER })).rejects.toMatchObject({ code: 'STORAGE_UNAVAILABLE', message: expect.stringMatching(/disk is full.*free some space/i) });
    expect(vault.state()).toBe('needs-setup');
    expect(fs.readdirSync(profile)).toEqual([]);
  });

  it.each(['EROFS', 'EACCES'])('a read-only profile folder (%s): STORAGE_UNAVAILABLE that says to make it writable', async (code) => {
    // Simulated: the tests run as root, for whom chmod does not make a folder read-only.
    const profile = path.join(tempDir(), 'profile');
    const vault = createVaultService({ profileDir: profile, keychain: brokenKeychain('locked collection'), fs: failingFs(code, ['mkdirPrivate']) });
    await expect(vault.setup({ owner: OWNER })).rejects.toMatchObject({ code: 'STORAGE_UNAVAILABLE', message: expect.stringMatching(/writable/) });
    expect(vault.state()).toBe('needs-setup');
  });

  it('a full disk during key rotation: the rotation fails clearly and the vault keeps working on the old key', async () => {
    const profile = path.join(tempDir(), 'profile');
    let full = false;
    const fsLayer: VaultFs = {
      ...nodeVaultFs,
      writeAtomic: (file, text) => (full ? (() => { throw errnoError('ENOSPC'); })() : nodeVaultFs.writeAtomic(file, text)),
    };
    const vault = createVaultService({ profileDir: profile, keychain: brokenKeychain('locked collection'), fs: fsLayer });
    const { recoveryKey } = await vault.setup({ owner: OWNER });
    const before = fs.readFileSync(path.join(profile, 'vault.json'), 'utf8');
    full = true;
    await expect(vault.rotateKey()).rejects.toMatchObject({ code: 'STORAGE_UNAVAILABLE', message: expect.stringMatching(/disk is full/) });
    expect(vault.state()).toBe('unlocked');
    vault.db().prepare("INSERT INTO meta (key, value) VALUES ('after', 'yes')").run();
    expect(fs.readFileSync(path.join(profile, 'vault.json'), 'utf8')).toBe(before);
    full = false;
    vault.close();
    const again = createVaultService({ profileDir: profile, keychain: brokenKeychain('locked collection') });
    await again.unlockWithRecoveryKey(recoveryKey);
    expect(again.db().prepare("SELECT value FROM meta WHERE key = 'after'").get()).toEqual({ value: 'yes' });
    again.close();
  });

  it('refuses to set up in a synced folder before creating anything', async () => {
    const profile = path.join(tempDir(), 'Dropbox', 'Coffer');
    const vault = createVaultService({ profileDir: profile, keychain: brokenKeychain('locked collection') });
    await expect(vault.setup({ owner: OWNER })).rejects.toMatchObject({ code: 'UNSAFE_LOCATION' });
    expect(fs.existsSync(profile)).toBe(false);
  });
});
