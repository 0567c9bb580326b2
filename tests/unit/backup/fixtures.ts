import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { CofferError } from '../../../shared/errors';
import type { BackupManifest, WriteContainerOptions } from '../../../electron/core/backup/container';
import { deriveRecoveryKeyPair, newKdfParams, wrapKey, type KdfParams } from '../../../electron/core/vault/key-wrap';
import { generateRecoveryKey } from '../../../electron/core/vault/recovery-key';

export const SNAPSHOT_MARKER = 'SNAPSHOT-PLAINTEXT-MARKER-7f3a';
export const MANIFEST_MARKER = 'MANIFESTMARKER9c1d';

/** The cheapest scrypt that assertSaneKdf accepts: the real cost only slows the tests down. */
export function cheapKdf(): KdfParams {
  return { ...newKdfParams(), logN: 14, r: 1, p: 1 };
}

export interface Fixture {
  opts: WriteContainerOptions & { manifest: BackupManifest };
  snapshot: Buffer;
  recoverySecret: Buffer;
}

/** A random snapshot with markers in it, its manifest, and a real recovery key sealing dbKey. */
export async function makeFixture(dir: string, bytes = 3 * 1024 * 1024): Promise<Fixture> {
  const snapshot = randomBytes(bytes);
  if (bytes >= 2000) {
    snapshot.write(SNAPSHOT_MARKER, 1000, 'latin1');
    snapshot.write(SNAPSHOT_MARKER, bytes - 100, 'latin1');
  }
  const snapshotPath = path.join(dir, 'snapshot.db');
  fs.writeFileSync(snapshotPath, snapshot);
  const sha256 = createHash('sha256').update(snapshot).digest('hex');
  const size = snapshot.length;
  const deviceId = randomBytes(4).toString('hex');
  const vaultId = randomBytes(16).toString('hex');
  const keyId = randomBytes(8).toString('hex');
  const dbKey = randomBytes(32);
  const recovery = generateRecoveryKey();
  const kdf = cheapKdf();
  const pair = await deriveRecoveryKeyPair(recovery.secret, kdf);
  const manifest: BackupManifest = {
    format: 1,
    createdAt: new Date('2024-05-06T07:08:09.000Z').toISOString(),
    app: 'Coffer 0.1.0',
    schema: 7,
    sqlite: '3.46.1',
    tables: { customers: 1200, [MANIFEST_MARKER]: 3 },
    snapshotSha256: sha256,
    snapshotBytes: size,
    auditHead: { seq: 42, hash: 'ab'.repeat(32) },
    deviceId,
  };
  return {
    snapshot,
    recoverySecret: recovery.secret,
    opts: {
      snapshotPath,
      dbKey,
      deviceId,
      vaultId,
      keyId,
      recoveryKdf: kdf,
      recoveryPublicKey: pair.publicKey.toString('base64'),
      wrappedKey: wrapKey(dbKey, pair.publicKey, vaultId, keyId),
      manifest,
    },
  };
}

/** The CofferError a promise rejects with; anything else (or success) fails the test. */
export async function failure(work: Promise<unknown>): Promise<CofferError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof CofferError) return error;
    throw error;
  }
  throw new Error('expected a CofferError, but it succeeded');
}

export function errnoError(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated`), { code });
}
