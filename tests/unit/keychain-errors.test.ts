import { describe, expect, it } from 'vitest';
import { createKeytarKeychain, mapKeychainError, type KeytarModule } from '../../electron/core/keychain/keychain';

// The exact strings libsecret/keytar produce on Linux (TOOLCHAIN.md).
const NO_BUS = 'Cannot autolaunch D-Bus without X11 $DISPLAY';
const NO_PROVIDER = 'The name org.freedesktop.secrets was not provided by any .service files';
const LOCKED = 'Cannot create an item in a locked collection';

/** Stands in for keytar only to fail the way the real one does; working paths use the real keychain. */
function failingKeytar(message: string): KeytarModule {
  const fail = (): Promise<never> => Promise.reject(new Error(message));
  return { getPassword: fail, setPassword: fail, deletePassword: fail };
}

describe('keychain failures', () => {
  it.each([
    [NO_BUS, /no desktop session bus/],
    [NO_PROVIDER, /No keychain service/],
    [LOCKED, /keychain is locked/],
    ['something unexpected', /did not respond/],
  ])('maps "%s" to KEYCHAIN_UNAVAILABLE with advice', (raw, advice) => {
    const error = mapKeychainError(new Error(raw));
    expect(error.code).toBe('KEYCHAIN_UNAVAILABLE');
    expect(error.message).toMatch(advice);
    expect(error.message).toMatch(/recovery key/);
  });

  it('never puts the secret in the error, whatever the OS said', async () => {
    const secret = 'deadbeef'.repeat(8);
    const chatty: KeytarModule = {
      getPassword: () => Promise.reject(new Error(`${LOCKED}: ${secret}`)),
      setPassword: (_s, _a, value) => Promise.reject(new Error(`${LOCKED} while storing ${value}`)),
      deletePassword: () => Promise.reject(new Error(LOCKED)),
    };
    const keychain = createKeytarKeychain('Coffer-test', () => Promise.resolve(chatty));
    const error = await keychain.set('acct', secret).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' });
    expect(JSON.stringify(error) + String((error as Error).message) + String((error as Error).stack)).not.toContain(secret);
    await expect(keychain.get('acct')).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' });
  });

  it('probe() reports unavailable instead of throwing', async () => {
    for (const message of [NO_BUS, NO_PROVIDER]) {
      const keychain = createKeytarKeychain('Coffer-test', () => Promise.resolve(failingKeytar(message)));
      await expect(keychain.probe()).resolves.toBe('unavailable');
    }
  });

  it('a keytar that cannot load (no libsecret) is reported, and retried on the next call', async () => {
    let loads = 0;
    const keychain = createKeytarKeychain('Coffer-test', () => {
      loads += 1;
      return loads === 1
        ? Promise.reject(new Error('libsecret-1.so.0: cannot open shared object file'))
        : Promise.resolve({ getPassword: () => Promise.resolve('x'), setPassword: () => Promise.resolve(), deletePassword: () => Promise.resolve(true) });
    });
    await expect(keychain.get('a')).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE', message: expect.stringMatching(/libsecret/) });
    await expect(keychain.get('a')).resolves.toBe('x');
    expect(loads).toBe(2);
  });
});
