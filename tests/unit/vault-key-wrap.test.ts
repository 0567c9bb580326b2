import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CofferError } from '../../shared/errors';
import { assertSaneKdf, deriveRecoveryKeyPair, newKdfParams, unwrapKey, wrapKey } from '../../electron/core/vault/key-wrap';

async function code(promise: Promise<unknown> | (() => unknown)): Promise<string | undefined> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    return error instanceof CofferError ? error.code : 'other';
  }
  return undefined;
}

describe('database key sealed to the recovery key', () => {
  it('unwraps only with the right recovery secret and the right vault and key ids', async () => {
    const kdf = newKdfParams();
    expect(kdf).toMatchObject({ name: 'scrypt', logN: 17, r: 8, p: 1 });
    const secret = randomBytes(20);
    const pair = await deriveRecoveryKeyPair(secret, kdf);
    const again = await deriveRecoveryKeyPair(secret, kdf);
    expect(again.publicKey.equals(pair.publicKey)).toBe(true);

    const dbKey = randomBytes(32);
    const wrapped = wrapKey(dbKey, pair.publicKey, 'aa'.repeat(16), 'bb'.repeat(8));
    expect(JSON.stringify(wrapped)).not.toContain(dbKey.toString('base64'));
    expect(unwrapKey(wrapped, pair, 'aa'.repeat(16)).equals(dbKey)).toBe(true);

    const other = await deriveRecoveryKeyPair(randomBytes(20), kdf);
    expect(await code(() => unwrapKey(wrapped, other, 'aa'.repeat(16)))).toBe('WRONG_KEY');
    expect(await code(() => unwrapKey(wrapped, pair, 'cc'.repeat(16)))).toBe('WRONG_KEY');
    expect(await code(() => unwrapKey({ ...wrapped, keyId: 'dd'.repeat(8) }, pair, 'aa'.repeat(16)))).toBe('WRONG_KEY');
    const flipped = Buffer.from(wrapped.ciphertext, 'base64');
    flipped[0]! ^= 1;
    expect(await code(() => unwrapKey({ ...wrapped, ciphertext: flipped.toString('base64') }, pair, 'aa'.repeat(16)))).toBe('WRONG_KEY');
  });

  it('refuses KDF settings a tampered descriptor could use to hang or weaken unlocking', () => {
    const kdf = newKdfParams();
    expect(() => assertSaneKdf(kdf)).not.toThrow();
    for (const bad of [{ logN: 30 }, { logN: 4 }, { r: 0 }, { p: 99 }]) {
      expect(() => assertSaneKdf({ ...kdf, ...bad })).toThrow(expect.objectContaining({ code: 'VAULT_UNREADABLE' }));
    }
  });
});
