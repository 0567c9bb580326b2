import { CofferError } from '../../../shared/errors';
import { mapFsError } from '../db/storage-errors';
import type { KdfParams, WrappedKey } from './key-wrap';
import type { VaultFs } from './vault-fs';

/**
 * vault.json, beside the database. It holds nothing usable without the recovery key and no
 * personal data: ids, KDF parameters, the recovery public key and the sealed database key(s).
 * `pending` exists only during a key rotation (see rotation.ts).
 */
export interface VaultDescriptor {
  format: 1;
  vaultId: string;
  recovery: { kdf: KdfParams; scheme: 'x25519-hkdf-sha256-aes-256-gcm'; publicKey: string };
  keys: { current: WrappedKey; pending?: WrappedKey };
}

export const DESCRIPTOR_FILE = 'vault.json';

const damaged = (): CofferError =>
  new CofferError('VAULT_UNREADABLE', 'The vault descriptor (vault.json) is damaged. Nothing was changed or deleted: restore vault.json from your most recent backup of this profile folder.');

export function readDescriptor(vfs: VaultFs, file: string): VaultDescriptor {
  let text: string;
  try {
    text = vfs.readText(file);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') {
      throw new CofferError('VAULT_UNREADABLE', 'The vault descriptor (vault.json) is missing from the profile folder. Nothing was deleted: restore it from your most recent backup of this profile folder.');
    }
    throw mapFsError(error);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw damaged();
  }
  if (!isDescriptor(parsed)) throw damaged();
  return parsed;
}

export function writeDescriptor(vfs: VaultFs, file: string, descriptor: VaultDescriptor): void {
  try {
    vfs.writeAtomic(file, `${JSON.stringify(descriptor, null, 2)}\n`);
  } catch (error) {
    throw mapFsError(error);
  }
}

const b64 = (v: unknown): boolean => typeof v === 'string' && /^[A-Za-z0-9+/]+={0,2}$/.test(v);
const hex = (v: unknown): boolean => typeof v === 'string' && /^[0-9a-f]{16,64}$/.test(v);

function isWrapped(v: unknown): v is WrappedKey {
  const w = v as Partial<WrappedKey> | null;
  return !!w && hex(w.keyId) && b64(w.ephemeralPublicKey) && b64(w.nonce) && b64(w.ciphertext) && b64(w.tag);
}

function isDescriptor(v: unknown): v is VaultDescriptor {
  const d = v as Partial<VaultDescriptor> | null;
  if (!d || d.format !== 1 || !hex(d.vaultId)) return false;
  const r = d.recovery;
  if (!r || r.scheme !== 'x25519-hkdf-sha256-aes-256-gcm' || !b64(r.publicKey)) return false;
  const k = r.kdf as Partial<KdfParams> | undefined;
  if (!k || k.name !== 'scrypt' || !Number.isInteger(k.logN) || !Number.isInteger(k.r) || !Number.isInteger(k.p) || !b64(k.salt)) return false;
  return !!d.keys && isWrapped(d.keys.current) && (d.keys.pending === undefined || isWrapped(d.keys.pending));
}
