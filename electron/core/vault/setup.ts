import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { CofferError } from '../../../shared/errors';
import { checkPasswordStrength } from '../../../shared/password-strength';
import { setMeta } from '../db/meta-repository';
import { migrate } from '../db/migrate';
import { mapSqliteError, openDatabase, type Db } from '../db/open-database';
import { mapFsError } from '../db/storage-errors';
import { fsyncDirectory } from '../platform/atomic-file';
import { hashPassword } from '../users/password-hash';
import { insertUser } from '../users/user-repository';
import type { VaultContext } from './context';
import { writeDescriptor, type VaultDescriptor } from './descriptor';
import { deriveRecoveryKeyPair, newKdfParams, wrapKey } from './key-wrap';
import { currentAccount, encodeEntry, tryKeychain } from './key-store';
import { assertSafeVaultLocation } from './location';
import { generateRecoveryKey } from './recovery-key';

export interface SetupInput {
  owner: { username: string; displayName: string; password: string };
  /**
   * A recovery key made earlier (two-step setup: shown first, vault created once the owner
   * confirmed it). Its secret is wiped here after use.
   */
  recovery?: { secret: Buffer; text: string };
}

export function validateSetupInput(input: SetupInput): void {
  const fields: Record<string, string> = {};
  const username = input.owner.username.trim();
  if (username.length < 1 || username.length > 64 || /[\p{Cc}\s]/u.test(username)) fields['owner.username'] = 'invalid';
  const displayName = input.owner.displayName.trim();
  if (displayName.length < 1 || displayName.length > 100 || /\p{Cc}/u.test(displayName)) fields['owner.displayName'] = 'invalid';
  const problems = checkPasswordStrength(input.owner.password, { username });
  if (problems[0]) fields['owner.password'] = problems[0];
  if (Object.keys(fields).length > 0) throw new CofferError('INVALID_INPUT', 'Some setup fields need attention.', fields);
}

/**
 * First run. The database is built under a temporary name and renamed into place last, after
 * the descriptor and keychain entry exist: a crash anywhere before leaves "needs setup", never a
 * database that nothing can open.
 */
export async function runSetup(ctx: VaultContext, input: SetupInput): Promise<{ db: Db; key: Buffer; keyId: string; descriptor: VaultDescriptor; recoveryKey: string }> {
  validateSetupInput(input);
  if (ctx.vfs.exists(ctx.dbFile)) {
    throw new CofferError('VAULT_ALREADY_SET_UP', 'This profile already has a vault. Unlock it instead; setting up again is not possible.');
  }
  assertSafeVaultLocation(ctx.profileDir);
  try {
    ctx.vfs.mkdirPrivate(ctx.profileDir);
  } catch (error) {
    throw mapFsError(error);
  }

  const vaultId = randomBytes(16).toString('hex');
  const keyId = randomBytes(8).toString('hex');
  const key = randomBytes(32);
  const recovery = input.recovery ?? generateRecoveryKey();
  const kdf = newKdfParams();
  const [pair, passwordHash] = await Promise.all([deriveRecoveryKeyPair(recovery.secret, kdf), hashPassword(input.owner.password)]);
  recovery.secret.fill(0);
  const descriptor: VaultDescriptor = {
    format: 1,
    vaultId,
    recovery: { kdf, scheme: 'x25519-hkdf-sha256-aes-256-gcm', publicKey: pair.publicKey.toString('base64') },
    keys: { current: wrapKey(key, pair.publicKey, vaultId, keyId) },
  };

  const tempFile = path.join(ctx.profileDir, `.coffer-setup-${randomBytes(6).toString('hex')}.db`);
  try {
    buildDatabase(ctx, tempFile, key, vaultId, input, passwordHash);
    // No keychain is not fatal: the key then lives only sealed to the recovery key, and every
    // start asks for it. Never fall back to storing it in the clear.
    await tryKeychain(ctx, () => ctx.keychain.set(currentAccount(vaultId), encodeEntry({ keyId, key })));
    setAsideOrphanDescriptor(ctx);
    writeDescriptor(ctx.vfs, ctx.descriptorFile, descriptor);
    ctx.vfs.rename(tempFile, ctx.dbFile);
    fsyncDirectory(ctx.profileDir);
  } catch (error) {
    removeQuietly(ctx, tempFile);
    throw mapFsError(error);
  }
  const db = openDatabase(ctx.dbFile, key, { nativeBinding: ctx.nativeBinding });
  return { db, key, keyId, descriptor, recoveryKey: recovery.text };
}

function buildDatabase(ctx: VaultContext, file: string, key: Buffer, vaultId: string, input: SetupInput, passwordHash: string): void {
  const db = openDatabase(file, key, { nativeBinding: ctx.nativeBinding, create: true });
  try {
    migrate(db);
    db.transaction(() => {
      setMeta(db, 'vault_id', vaultId);
      setMeta(db, 'created_at', new Date().toISOString());
      insertUser(db, {
        username: input.owner.username.trim(),
        displayName: input.owner.displayName.trim(),
        role: 'owner',
        passwordHash,
      });
    })();
    // Out of WAL before the rename: a closed DELETE-mode database is one self-contained file.
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('journal_mode=DELETE');
  } catch (error) {
    throw mapSqliteError(error);
  } finally {
    db.close();
  }
}

function setAsideOrphanDescriptor(ctx: VaultContext): void {
  // A vault.json without a database: an interrupted setup, or a database that was moved away.
  // It may be the only way into that database, so keep it under another name.
  if (ctx.vfs.exists(ctx.descriptorFile)) {
    ctx.vfs.rename(ctx.descriptorFile, `${ctx.descriptorFile}.orphaned-${Date.now()}`);
  }
}

function removeQuietly(ctx: VaultContext, tempFile: string): void {
  // Only the half-built setup database (an owner account, no customer data) is removed.
  for (const suffix of ['', '-wal', '-shm', '-journal']) {
    try {
      ctx.vfs.remove(tempFile + suffix);
    } catch {
      // Leftovers are harmless: encrypted, and never mistaken for the vault.
    }
  }
}
