import { CofferError } from '../../../shared/errors';
import { getMeta } from '../db/meta-repository';
import { migrate, schemaVersion } from '../db/migrate';
import { openDatabase, type Db } from '../db/open-database';
import type { VaultContext } from './context';
import { writeDescriptor, type VaultDescriptor } from './descriptor';
import { wrapKey } from './key-wrap';
import { currentAccount, encodeEntry, pendingAccount, tryKeychain, type CandidateKey } from './key-store';

export interface OpenSession {
  db: Db;
  key: Buffer;
  keyId: string;
  descriptor: VaultDescriptor;
}

export const unreadable = (): CofferError =>
  new CofferError('VAULT_UNREADABLE', 'The vault file is damaged or incomplete: the correct key does not open it. Nothing was changed or deleted. Restore the profile folder from your most recent backup, or contact support and leave the file in place.');

/**
 * Tries the candidate keys in order and leaves descriptor and keychain consistent with the key
 * that worked. Order matters after a crash during rekey: the old key must be tried first, since
 * opening with it rolls back the half-written rekey from the journal.
 *
 * `authentic` says the candidates are known to be this vault's keys (unwrapped by the recovery
 * key, or keychain entries whose ids the descriptor lists), so a refusal means a damaged file,
 * not a wrong key.
 */
export async function openVault(
  ctx: VaultContext,
  descriptor: VaultDescriptor,
  candidates: CandidateKey[],
  keychainHolds?: { current?: string | undefined; pending?: boolean },
): Promise<OpenSession> {
  let opened: { db: Db; candidate: CandidateKey } | undefined;
  for (const candidate of candidates) {
    try {
      opened = { db: openDatabase(ctx.dbFile, candidate.key, { nativeBinding: ctx.nativeBinding }), candidate };
      break;
    } catch (error) {
      if (!(error instanceof CofferError && error.code === 'WRONG_KEY')) throw error;
    }
  }
  if (!opened) {
    const known = new Set([descriptor.keys.current.keyId, descriptor.keys.pending?.keyId]);
    if (candidates.some((c) => known.has(c.keyId))) throw unreadable();
    throw new CofferError('RECOVERY_KEY_REQUIRED', 'The key stored in this computer\'s keychain does not match this vault. Unlock with your recovery key; Coffer will then store the right key again.');
  }
  const { db, candidate } = opened;
  try {
    // A vault always has schema; an empty database here is not ours and must not be migrated.
    if (schemaVersion(db) === 0) throw unreadable();
    migrate(db);
    if (getMeta(db, 'vault_id') !== descriptor.vaultId) {
      throw new CofferError('VAULT_UNREADABLE', 'The vault file and its descriptor (vault.json) belong to different vaults. Nothing was changed: restore the pair together from the same backup.');
    }
    const settled = settleDescriptor(ctx, descriptor, candidate);
    // Skip the keychain write in the common case (it already holds exactly this key): on some
    // systems every write can raise a permission prompt.
    if (keychainHolds?.current !== candidate.keyId || keychainHolds.pending) {
      await settleKeychain(ctx, descriptor.vaultId, candidate);
    }
    return { db, key: candidate.key, keyId: candidate.keyId, descriptor: settled };
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Finishes or abandons an interrupted rotation, depending on which key opened the database. */
function settleDescriptor(ctx: VaultContext, descriptor: VaultDescriptor, opened: CandidateKey): VaultDescriptor {
  const { current, pending } = descriptor.keys;
  let next: VaultDescriptor;
  if (opened.keyId === current.keyId) {
    if (!pending) return descriptor;
    next = { ...descriptor, keys: { current } }; // rekey never committed: drop the pending key
  } else if (pending && opened.keyId === pending.keyId) {
    next = { ...descriptor, keys: { current: pending } }; // rekey committed: promote it
  } else {
    // Opened by a keychain key the descriptor does not list: seal it to the recovery key now, or
    // the recovery key would stop opening this vault.
    const publicKey = Buffer.from(descriptor.recovery.publicKey, 'base64');
    next = { ...descriptor, keys: { current: wrapKey(opened.key, publicKey, descriptor.vaultId, opened.keyId) } };
  }
  writeDescriptor(ctx.vfs, ctx.descriptorFile, next);
  return next;
}

async function settleKeychain(ctx: VaultContext, vaultId: string, opened: CandidateKey): Promise<void> {
  // Best effort: a keychain that fails here only means the next start asks for the recovery key.
  if (ctx.keychainState === 'unavailable') return;
  const stored = await tryKeychain(ctx, () => ctx.keychain.set(currentAccount(vaultId), encodeEntry(opened)));
  if (stored) await tryKeychain(ctx, () => ctx.keychain.delete(pendingAccount(vaultId)));
}
