import type { VaultState } from '../../../shared/contract';
import { databaseEngineError, type EngineProblem } from '../db/database-engine';
import { CofferError } from '../../../shared/errors';
import { schemaVersion } from '../db/migrate';
import type { Db } from '../db/open-database';
import { createKeytarKeychain, type Keychain } from '../keychain/keychain';
import { makeContext, type KeychainState } from './context';
import { readDescriptor } from './descriptor';
import { deriveRecoveryKeyPair, unwrapKey, wrongRecoveryKey, type KdfParams, type WrappedKey } from './key-wrap';
import { readKeychainEntries, type CandidateKey } from './key-store';
import { openVault, type OpenSession } from './open-vault';
import { parseRecoveryKey } from './recovery-key';
import { previousFile, swapDatabaseFile, undoSwap } from './replace-database';
import { rotateKey } from './rotation';
import { runSetup, type SetupInput } from './setup';
import { nodeVaultFs, type VaultFs } from './vault-fs';

export type { KeychainState } from './context';
export type { SetupInput } from './setup';

export interface VaultServiceOptions {
  profileDir: string;
  /** Defaults to the OS keychain (keytar) under the service name "Coffer". */
  keychain?: Keychain;
  nativeBinding?: string | undefined;
  /** What core's start-up test-load of the database module found (database-engine.ts); null = it loads. */
  engineProblem?: EngineProblem | null;
  /** Tests only: simulates disk failures the test machine cannot produce. */
  fs?: VaultFs;
  /** Called each time a database is opened (setup, either unlock, a restore): background upkeep starts here. */
  onOpened?: () => void;
}

export interface VaultService {
  state(): VaultState;
  /** Last known keychain health; 'unavailable' means every start needs the recovery key. */
  keychainState(): KeychainState;
  probeKeychain(): Promise<KeychainState>;
  /** Whether the database module loaded at start; setup and unlock are refused until it does. */
  engine(): 'ok' | 'missing';
  /** Throws DATABASE_ENGINE_MISSING unless the module loaded: before anything is shown or written. */
  requireEngine(): void;
  /** First run. Returns the recovery key text: show it once, it is stored nowhere. */
  setup(input: SetupInput): Promise<{ recoveryKey: string }>;
  unlockFromKeychain(): Promise<void>;
  unlockWithRecoveryKey(text: string): Promise<void>;
  rotateKey(): Promise<void>;
  /** The open database; throws LOCKED unless unlocked. */
  db(): Db;
  schemaVersion(): number;
  /** What a backup job needs: the database file, a copy of its key and the sealed key for the container. */
  backupMaterial(): BackupMaterial;
  /**
   * Restore: closes the open vault, puts `incoming` (encrypted with the current key) in its place
   * and reopens it with the key already in memory. If it does not open, the previous file goes
   * back and the vault reopens as it was; the error is rethrown.
   */
  replaceDatabase(incoming: string): Promise<void>;
  lock(): void;
  close(): void;
}

export interface BackupMaterial {
  profileDir: string;
  dbFile: string;
  key: Buffer;
  keyId: string;
  vaultId: string;
  recoveryKdf: KdfParams;
  recoveryPublicKey: string;
  wrappedKey: WrappedKey;
  nativeBinding: string | undefined;
}

export function createVaultService(options: VaultServiceOptions): VaultService {
  const ctx = makeContext(options.profileDir, options.keychain ?? createKeytarKeychain(), options.fs ?? nodeVaultFs, options.nativeBinding);
  let session: OpenSession | undefined;
  let busy = false;
  const requireEngine = (): void => {
    if (options.engineProblem) throw databaseEngineError();
  };

  // One operation at a time: two unlocks racing would open two connections and settle the
  // descriptor twice.
  async function exclusive<T>(action: () => Promise<T>): Promise<T> {
    if (busy) throw new CofferError('CONFLICT', 'Another vault operation is still running. Wait for it to finish and try again.');
    busy = true;
    try {
      return await action();
    } finally {
      busy = false;
    }
  }

  function requireLocked(): void {
    if (session) throw new CofferError('CONFLICT', 'The vault is already unlocked.');
    if (!ctx.vfs.exists(ctx.dbFile)) throw new CofferError('VAULT_NOT_SET_UP', 'This profile has no vault yet. Set one up first.');
  }

  /** Runs an opening step, then tells the owner of background work that a database is open. */
  const opening = <T>(step: Promise<T>): Promise<T> =>
    step.finally(() => {
      if (session) options.onOpened?.();
    });

  function end(): void {
    if (!session) return;
    session.db.close();
    session.key.fill(0);
    session = undefined;
  }

  return {
    state: () => (session ? 'unlocked' : ctx.vfs.exists(ctx.dbFile) ? 'locked' : 'needs-setup'),
    keychainState: () => ctx.keychainState,
    engine: () => (options.engineProblem ? 'missing' : 'ok'),
    requireEngine,
    async probeKeychain() {
      ctx.keychainState = await ctx.keychain.probe();
      return ctx.keychainState;
    },
    setup: (input) =>
      opening(exclusive(async () => {
        requireEngine();
        if (session) throw new CofferError('VAULT_ALREADY_SET_UP', 'This profile already has a vault.');
        const made = await runSetup(ctx, input);
        session = made;
        return { recoveryKey: made.recoveryKey };
      })),
    unlockFromKeychain: () =>
      opening(exclusive(async () => {
        requireEngine();
        requireLocked();
        const descriptor = readDescriptor(ctx.vfs, ctx.descriptorFile);
        const { current, pending } = await readKeychainEntries(ctx, descriptor.vaultId);
        // Current first: after a crash during rekey, only the old key replays the journal.
        const candidates = [current, pending].filter((c): c is CandidateKey => c !== undefined);
        if (candidates.length === 0) {
          throw new CofferError('RECOVERY_KEY_REQUIRED', 'This computer\'s keychain has no key for this vault (a new computer, or a reset keychain). Unlock with your recovery key; Coffer will then store the key in the keychain again.');
        }
        session = await openVault(ctx, descriptor, candidates, { current: current?.keyId, pending: pending !== undefined });
      })),
    unlockWithRecoveryKey: (text) =>
      opening(exclusive(async () => {
        requireEngine();
        const secret = parseRecoveryKey(text); // a typo is reported before any slow work
        requireLocked();
        const descriptor = readDescriptor(ctx.vfs, ctx.descriptorFile);
        const pair = await deriveRecoveryKeyPair(secret, descriptor.recovery.kdf);
        secret.fill(0);
        if (!pair.publicKey.equals(Buffer.from(descriptor.recovery.publicKey, 'base64'))) throw wrongRecoveryKey();
        const { current, pending } = descriptor.keys;
        const candidates: CandidateKey[] = [current, ...(pending ? [pending] : [])].map((w) => ({ keyId: w.keyId, key: unwrapKey(w, pair, descriptor.vaultId) }));
        // The keychain may work again (or for the first time on this computer): find out, so
        // the key is put back and the next start does not ask for the recovery key.
        if (ctx.keychainState !== 'available') await ctx.keychain.probe().then((s) => (ctx.keychainState = s));
        session = await openVault(ctx, descriptor, candidates);
      })),
    rotateKey: () =>
      exclusive(async () => {
        if (!session) throw new CofferError('LOCKED', 'Unlock the vault before changing its key.');
        session = await rotateKey(ctx, session, (reopened) => {
          session = reopened;
        });
      }),
    db() {
      if (!session) throw new CofferError('LOCKED', 'The vault is locked. Unlock it first.');
      return session.db;
    },
    schemaVersion: () => (session ? schemaVersion(session.db) : 0),
    backupMaterial() {
      if (!session) throw new CofferError('LOCKED', 'The vault is locked. Unlock it first.');
      const { descriptor, keyId } = session;
      // Mid-rotation the sealed key and the open key differ: a backup then would not restore.
      if (descriptor.keys.current.keyId !== keyId || descriptor.keys.pending) throw new CofferError('CONFLICT', 'The database key is being changed. Back up again in a moment.');
      return {
        profileDir: ctx.profileDir,
        dbFile: ctx.dbFile,
        key: Buffer.from(session.key),
        keyId,
        vaultId: descriptor.vaultId,
        recoveryKdf: descriptor.recovery.kdf,
        recoveryPublicKey: descriptor.recovery.publicKey,
        wrappedKey: descriptor.keys.current,
        nativeBinding: ctx.nativeBinding,
      };
    },
    replaceDatabase: (incoming) =>
      opening(exclusive(async () => {
        if (!session) throw new CofferError('LOCKED', 'The vault is locked. Unlock it first.');
        const { descriptor } = session;
        const candidate: CandidateKey = { keyId: session.keyId, key: Buffer.from(session.key) };
        end();
        swapDatabaseFile(ctx, incoming);
        try {
          session = await openVault(ctx, descriptor, [candidate], { current: candidate.keyId });
        } catch (error) {
          undoSwap(ctx);
          session = await openVault(ctx, descriptor, [candidate], { current: candidate.keyId });
          throw error;
        }
        ctx.vfs.remove(previousFile(ctx));
      })),
    lock: end,
    close: end,
  };
}
