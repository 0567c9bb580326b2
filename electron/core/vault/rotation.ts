import { randomBytes } from 'node:crypto';
import { CofferError } from '../../../shared/errors';
import { mapSqliteError, openDatabase } from '../db/open-database';
import type { VaultContext } from './context';
import { readDescriptor, writeDescriptor } from './descriptor';
import { faultPoint } from './fault';
import { wrapKey } from './key-wrap';
import { currentAccount, encodeEntry, pendingAccount, type CandidateKey } from './key-store';
import { openVault, type OpenSession } from './open-vault';

/** The named crash points, in order; the tests SIGKILL the process at each. */
export const ROTATION_STEPS = [
  'rotate:start',
  'rotate:after-pending-keychain',
  'rotate:after-pending-descriptor',
  'rotate:after-checkpoint',
  'rotate:after-leave-wal',
  'rotate:after-rekey',
  'rotate:after-reopen',
  'rotate:after-promote-descriptor',
  'rotate:after-promote-keychain',
  'rotate:done',
] as const;

/**
 * Replaces the database key. Crash-safe by construction: the new key is recorded as "pending"
 * (keychain and descriptor, sealed to the recovery key) before the rekey, and opening tries the
 * current key, then the pending one, then settles whichever worked (open-vault.ts). So a crash
 * at any point leaves a vault that opens with the old key or the new one, by keychain or by
 * recovery key. The rekey itself runs in rollback-journal mode (SQLite3MC cannot rekey a WAL
 * database), where a crash mid-way is undone from the journal with the old key.
 */
export async function rotateKey(
  ctx: VaultContext,
  session: OpenSession,
  /** Told of the session after a failed rotation (undefined if the vault could not reopen). */
  onFailure: (reopened: OpenSession | undefined) => void,
): Promise<OpenSession> {
  const { vaultId } = session.descriptor;
  const next: CandidateKey = { keyId: randomBytes(8).toString('hex'), key: randomBytes(32) };
  const old: CandidateKey = { keyId: session.keyId, key: session.key };
  const recoveryPublic = Buffer.from(session.descriptor.recovery.publicKey, 'base64');
  const useKeychain = ctx.keychainState !== 'unavailable';
  faultPoint('rotate:start');

  if (useKeychain) {
    // Refuse to rotate if the keychain cannot take the new key: afterwards it would hold only a
    // dead key and every start would need the recovery key.
    await ctx.keychain.set(pendingAccount(vaultId), encodeEntry(next));
  }
  faultPoint('rotate:after-pending-keychain');
  let db = session.db;
  try {
    const descriptor = { ...session.descriptor, keys: { current: session.descriptor.keys.current, pending: wrapKey(next.key, recoveryPublic, vaultId, next.keyId) } };
    writeDescriptor(ctx.vfs, ctx.descriptorFile, descriptor);
    faultPoint('rotate:after-pending-descriptor');

    const [checkpoint] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    if (checkpoint?.busy !== 0) throw new CofferError('CONFLICT', 'The vault is busy. Try rotating the key again in a moment.');
    faultPoint('rotate:after-checkpoint');
    if (db.pragma('journal_mode=DELETE', { simple: true }) !== 'delete') {
      throw new CofferError('CONFLICT', 'The vault is busy. Try rotating the key again in a moment.');
    }
    faultPoint('rotate:after-leave-wal');
    db.pragma(`rekey="x'${next.key.toString('hex')}'"`);
    faultPoint('rotate:after-rekey');
    db.close();
    db = openDatabase(ctx.dbFile, next.key, { nativeBinding: ctx.nativeBinding });
    faultPoint('rotate:after-reopen');

    const promoted = { ...descriptor, keys: { current: descriptor.keys.pending } };
    writeDescriptor(ctx.vfs, ctx.descriptorFile, promoted);
    faultPoint('rotate:after-promote-descriptor');
    if (useKeychain) {
      await ctx.keychain.set(currentAccount(vaultId), encodeEntry(next));
      faultPoint('rotate:after-promote-keychain');
      await ctx.keychain.delete(pendingAccount(vaultId));
    }
    faultPoint('rotate:done');
    old.key.fill(0);
    return { db, key: next.key, keyId: next.keyId, descriptor: promoted };
  } catch (error) {
    // Whatever failed, reopen the way a restart would, with both keys, and let open-vault settle
    // descriptor and keychain on the one that works. Then report the original failure.
    if (db.open) db.close();
    let reopened: OpenSession | undefined;
    try {
      reopened = await openVault(ctx, readDescriptor(ctx.vfs, ctx.descriptorFile), [old, next]);
    } catch {
      reopened = undefined; // The original error is the one worth reporting; a restart retries.
    }
    onFailure(reopened);
    throw mapSqliteError(error);
  }
}
