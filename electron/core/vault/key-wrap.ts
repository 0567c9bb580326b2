import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  scrypt,
  type KeyObject,
} from 'node:crypto';
import { CofferError } from '../../../shared/errors';

/**
 * How the database key is wrapped by the recovery key.
 *
 * recovery secret --scrypt(salt)--> X25519 private key; the descriptor keeps only its public
 * key. Each database key is sealed to that public key (ephemeral X25519, HKDF-SHA256,
 * AES-256-GCM with the vault and key ids as associated data).
 *
 * Why a key pair instead of a symmetric wrapping key: key rotation must re-wrap a new database
 * key while the user is not typing the recovery key, and nothing derived from the recovery key
 * may be kept (not even inside the encrypted database: a leaked old database key plus an old
 * backup would then unwrap every future key). Sealing to a public key needs no secret at all.
 *
 * scrypt on an already-random 160-bit secret is defence in depth, not a necessity: it makes a
 * partially-remembered key expensive to brute-force. N=2^17, r=8, p=1 (128 MiB, well under a
 * second), the same as password hashing.
 */
export interface KdfParams {
  name: 'scrypt';
  logN: number;
  r: number;
  p: number;
  salt: string; // base64
}

export interface WrappedKey {
  keyId: string;
  ephemeralPublicKey: string; // base64, raw 32 bytes
  nonce: string; // base64, 12 bytes
  ciphertext: string; // base64
  tag: string; // base64, 16 bytes
}

export const RECOVERY_KDF = { logN: 17, r: 8, p: 1, saltBytes: 16 } as const;

// DER prefixes for raw 32-byte X25519 keys (RFC 8410): Node imports keys only in DER/PEM/JWK.
const PKCS8_X25519 = Buffer.from('302e020100300506032b656e04220420', 'hex');
const SPKI_X25519 = Buffer.from('302a300506032b656e032100', 'hex');
const INFO = Buffer.from('coffer vault key wrap v1');

export function newKdfParams(): KdfParams {
  const { logN, r, p, saltBytes } = RECOVERY_KDF;
  return { name: 'scrypt', logN, r, p, salt: randomBytes(saltBytes).toString('base64') };
}

export function assertSaneKdf(kdf: KdfParams): void {
  // A tampered descriptor must not make unlocking allocate gigabytes or skip the KDF.
  const ok = kdf.name === 'scrypt' && kdf.logN >= 14 && kdf.logN <= 20 && kdf.r >= 1 && kdf.r <= 16 && kdf.p >= 1 && kdf.p <= 4;
  if (!ok) throw new CofferError('VAULT_UNREADABLE', 'The vault descriptor (vault.json) has invalid settings. Restore it from a backup; nothing was changed.');
}

export async function deriveRecoveryKeyPair(secret: Uint8Array, kdf: KdfParams): Promise<{ privateKey: KeyObject; publicKey: Buffer }> {
  assertSaneKdf(kdf);
  const N = 2 ** kdf.logN;
  const seed = await new Promise<Buffer>((resolve, reject) => {
    // Node's default maxmem (32 MiB) is below what N=2^17, r=8 needs.
    scrypt(secret, Buffer.from(kdf.salt, 'base64'), 32, { N, r: kdf.r, p: kdf.p, maxmem: 256 * N * kdf.r }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_X25519, seed]), format: 'der', type: 'pkcs8' });
  seed.fill(0);
  return { privateKey, publicKey: rawPublicKey(createPublicKey(privateKey)) };
}

function rawPublicKey(key: KeyObject): Buffer {
  return (key.export({ format: 'der', type: 'spki' }) as Buffer).subarray(-32);
}

function importPublicKey(raw: Buffer): KeyObject {
  return createPublicKey({ key: Buffer.concat([SPKI_X25519, raw]), format: 'der', type: 'spki' });
}

function wrappingKey(shared: Buffer, ephemeralPublic: Buffer, recipientPublic: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, Buffer.concat([ephemeralPublic, recipientPublic]), INFO, 32));
}

function aad(vaultId: string, keyId: string): Buffer {
  return Buffer.from(`coffer-vault:${vaultId}:${keyId}`);
}

export function wrapKey(dbKey: Uint8Array, recoveryPublicKey: Buffer, vaultId: string, keyId: string): WrappedKey {
  const ephemeral = generateKeyPairSync('x25519');
  const ephemeralPublic = rawPublicKey(ephemeral.publicKey);
  const shared = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: importPublicKey(recoveryPublicKey) });
  const kek = wrappingKey(shared, ephemeralPublic, recoveryPublicKey);
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, nonce);
  cipher.setAAD(aad(vaultId, keyId));
  const ciphertext = Buffer.concat([cipher.update(dbKey), cipher.final()]);
  kek.fill(0);
  shared.fill(0);
  return {
    keyId,
    ephemeralPublicKey: ephemeralPublic.toString('base64'),
    nonce: nonce.toString('base64'),
    ciphertext: ciphertext.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
}

/** Returns the database key, or throws WRONG_KEY if this recovery key did not seal it. */
export function unwrapKey(wrapped: WrappedKey, recovery: { privateKey: KeyObject; publicKey: Buffer }, vaultId: string): Buffer {
  try {
    const ephemeralPublic = Buffer.from(wrapped.ephemeralPublicKey, 'base64');
    const shared = diffieHellman({ privateKey: recovery.privateKey, publicKey: importPublicKey(ephemeralPublic) });
    const kek = wrappingKey(shared, ephemeralPublic, recovery.publicKey);
    const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(wrapped.nonce, 'base64'));
    decipher.setAAD(aad(vaultId, wrapped.keyId));
    decipher.setAuthTag(Buffer.from(wrapped.tag, 'base64'));
    const key = Buffer.concat([decipher.update(Buffer.from(wrapped.ciphertext, 'base64')), decipher.final()]);
    kek.fill(0);
    shared.fill(0);
    return key;
  } catch {
    throw wrongRecoveryKey();
  }
}

export function wrongRecoveryKey(): CofferError {
  return new CofferError('WRONG_KEY', 'This recovery key does not open this vault. It is a valid key, so it may belong to another Coffer vault: check that you are using the key printed for this one.');
}
