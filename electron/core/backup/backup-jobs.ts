import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DRILL_CHECK_NAMES } from '../../../shared/backup';
import { CofferError } from '../../../shared/errors';
import { drilledAnchors, type AuditAnchor } from '../audit/audit-anchors';
import { auditHead, verifyAudit } from '../audit/audit-log';
import { openDatabase } from '../db/open-database';
import { faultPoint } from '../vault/fault';
import { rekeyFile } from '../vault/replace-database';
import type { BackupMaterial } from '../vault/vault-service';
import { checkWritten, extractContainer, keyFromRecovery, readHeader, writeContainer, type BackupManifest, type ManifestInput } from './container';
import { erasedAbsentCheck, type DrillLedger } from '../privacy/ledger-drill';
import { publishBackup } from './publish';
import { failingCipherPages, openSnapshot, tableCounts } from './snapshot';

/** The vault's material (file, key, sealed key) plus where and how to back up. */
export interface BackupJobInput extends Omit<BackupMaterial, 'profileDir' | 'key'> {
  key: Uint8Array;
  folder: string;
  deviceId: string;
  scratchDir: string;
  app: string;
  now: string;
}

export interface BackupJobResult {
  fileName: string;
  bytes: number;
  manifest: BackupManifest;
}

/** A step's name and, where it can be measured, how far it is (0 to 100). */
export type Progress = (step: string, percent?: number) => void;

function scratchFile(dir: string, prefix: string): string {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  return path.join(dir, `${prefix}-${randomBytes(6).toString('hex')}.db`);
}

/** Reports whole percents only, each once: a 300 MB snapshot is 300 chunks, not 300 messages. */
function percentReporter(total: number, report: (percent: number) => void): (done: number) => void {
  let last = 0;
  return (done) => {
    const percent = total > 0 ? Math.min(100, Math.floor((done * 100) / total)) : 100;
    if (percent > last) report((last = percent));
  };
}

function removeScratch(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true });
}

/**
 * One backup: a consistent online snapshot on this job's own connection (VACUUM INTO reads one
 * snapshot of the WAL database while the app keeps writing; better-sqlite3's backup() refuses
 * encrypted databases, and copying the live file would catch half a transaction), then the
 * encrypted container, read back and published atomically. Pruning old backups is the backup
 * service's, after it has reported this one done.
 */
export async function takeBackup(
  input: BackupJobInput,
  progress: Progress = () => {},
  options: {
    /** The worker counts on a second thread while this one encrypts; inline otherwise. */
    countRows?: (snapshotPath: string) => Promise<SnapshotFacts>;
    /** The worker reads each piece back on a second thread while this one writes the next. */
    readBack?: (partialPath: string) => ReadBack;
    /** Tests only: what a failing disk does to the file between the write and the read-back. */
    afterWrite?: (partialPath: string) => Promise<void>;
  } = {},
): Promise<BackupJobResult> {
  const countRows = options.countRows ?? (async (file: string) => snapshotFacts({ file, key: input.key, nativeBinding: input.nativeBinding }));
  const snapshot = scratchFile(input.scratchDir, 'snapshot');
  let facts: Promise<SnapshotFacts> | undefined;
  try {
    progress('snapshot');
    const source = openDatabase(input.dbFile, input.key, { nativeBinding: input.nativeBinding });
    try {
      source.prepare('VACUUM INTO ?').run(snapshot);
    } finally {
      source.close();
    }
    faultPoint('backup:after-snapshot');
    progress('encrypt', 0);
    const encryptedPercent = percentReporter(fs.statSync(snapshot).size, (percent) => progress('encrypt', percent));
    // Rows are counted (for the manifest) while the snapshot is encrypted and hashed: the
    // manifest is sealed last (container.ts), so neither waits for the other.
    facts = countRows(snapshot);
    facts.catch(() => undefined); // if encrypting fails first, that error is the one reported
    const counted: Promise<ManifestInput> = facts.then((f) => ({
      format: 1,
      createdAt: input.now,
      app: input.app,
      schema: f.schema,
      sqlite: f.sqlite,
      tables: f.tables,
      auditHead: f.auditHead,
      deviceId: input.deviceId,
    }));
    let manifest: BackupManifest | undefined;
    const finalPath = await publishBackup(input.folder, input.deviceId, new Date(input.now), async (partial) => {
      const readBack = options.readBack?.(partial);
      let done;
      try {
        done = await writeContainer(partial, {
          snapshotPath: snapshot,
          dbKey: input.key,
          deviceId: input.deviceId,
          vaultId: input.vaultId,
          keyId: input.keyId,
          recoveryKdf: input.recoveryKdf,
          recoveryPublicKey: input.recoveryPublicKey,
          wrappedKey: input.wrappedKey,
          manifest: counted,
          onWritten: readBack ? (position, bytes) => readBack.piece(position, bytes) : undefined,
          onEncrypted: encryptedPercent,
        });
      } catch (error) {
        readBack?.abort();
        throw error;
      }
      manifest = done.manifest;
      // Read back before it gets its final name: every piece as written, byte for byte (by
      // SHA-256; the manifest's checksum was taken from the very bytes encrypted), so a file
      // named as complete was verified once it was written (the
      // status's "newest verified backup"), and a bad write to a USB stick or NAS is caught now.
      await options.afterWrite?.(partial);
      progress('verify');
      await (readBack ? readBack.finish(done.size) : checkWritten(partial, done.written)).catch((error: unknown) => {
        throw error instanceof CofferError && error.code === 'BACKUP_CORRUPT'
          ? new CofferError('BACKUP_CORRUPT', 'The backup did not read back as it was written, so it was not kept: the backup disk may be failing. Earlier backups were not touched; try again or choose another backup folder.')
          : error;
      });
    });
    const published = fs.statSync(finalPath).size;
    if (!manifest) throw new CofferError('INTERNAL', 'The backup could not be prepared. Nothing was saved: back up again.');
    faultPoint('backup:before-prune');
    return { fileName: path.basename(finalPath), bytes: published, manifest };
  } finally {
    await facts?.catch(() => undefined); // the counting thread lets go of the snapshot first (Windows)
    removeScratch(snapshot);
  }
}

/** Compares each piece of a container, as the file now reads, with the bytes written there. */
export interface ReadBack {
  piece(position: number, bytes: Buffer): void;
  /** Rejects with BACKUP_CORRUPT if any piece or the file's size differs. */
  finish(size: number): Promise<void>;
  abort(): void;
}

export interface SnapshotFacts {
  tables: Record<string, number>;
  auditHead: { seq: number; hash: string } | null;
  schema: number;
  sqlite: string;
}

/** What the manifest says about a snapshot besides its checksum: row counts, audit head, versions. */
export function snapshotFacts(input: { file: string; key: Uint8Array; nativeBinding: string | undefined }): SnapshotFacts {
  const copy = openSnapshot(input.file, input.key, input.nativeBinding);
  try {
    const head = auditHead(copy);
    return {
      tables: tableCounts(copy),
      auditHead: head ? { seq: head.id, hash: head.hash } : null,
      schema: copy.pragma('user_version', { simple: true }) as number,
      sqlite: (copy.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v,
    };
  } finally {
    copy.close();
  }
}

export const DRILL_CHECKS = DRILL_CHECK_NAMES;
export type DrillCheckName = (typeof DRILL_CHECKS)[number];

export interface DrillReport {
  backup: string;
  backupCreatedAt: string | null;
  /** How old the backup was when drilled: the recovery point. */
  recoveryPointMs: number | null;
  /** Decrypt + open + checks: the recovery time. */
  restoreMs: number;
  passed: boolean;
  firstFailure: DrillCheckName | null;
  checks: { name: DrillCheckName; ok: boolean; detail: string }[];
}

export interface DrillJobInput {
  file: string;
  /** The vault's current key and its id; used when the backup was made under it. */
  key?: { keyId: string; key: Uint8Array } | undefined;
  /** Otherwise the recovery key's secret opens it (the CLI, or a backup from before a rotation). */
  recoverySecret?: Uint8Array | undefined;
  nativeBinding: string | undefined;
  scratchDir: string;
  now: string;
  /**
   * The audit heads recorded in the other backups in the folder: the drilled copy's log must hold
   * those of the backups made before it. With `ok` and `detail`: the live log against them all,
   * worked out by the app before the drill (anchored-verify.ts); the CLI has no live vault.
   */
  anchors?: { anchors: AuditAnchor[]; live?: { ok: boolean; detail: string } | undefined } | undefined;
  /** The live vault's decision ledger (Backups > drill); a restore's own drill has none: it re-applies for real. */
  ledger?: DrillLedger | undefined;
}

/**
 * The restore drill: decrypt into a scratch folder, open with SQLCipher and check everything a
 * restore relies on, then wipe the scratch copy. It never opens the live vault.
 */
export async function drillBackup(input: DrillJobInput, progress: Progress = () => {}): Promise<DrillReport> {
  const started = Date.now();
  const checks: DrillReport['checks'] = [];
  const check = (name: DrillCheckName, ok: boolean, detail = '') => {
    checks.push({ name, ok, detail });
    return ok;
  };
  const target = scratchFile(input.scratchDir, 'drill');
  let manifest: BackupManifest | null = null;
  try {
    progress('key');
    const header = await readHeader(input.file).catch((error: unknown) => {
      check('key', false, error instanceof CofferError ? error.code : 'unreadable');
      return null;
    });
    if (!header) return report();
    let key: Buffer | null = null;
    let refusal = 'RECOVERY_KEY_REQUIRED';
    if (input.key && input.key.keyId === header.keyId) key = Buffer.from(input.key.key);
    else if (input.recoverySecret) {
      key = await keyFromRecovery(header, Buffer.from(input.recoverySecret)).catch((error: unknown) => {
        // WRONG_KEY only when it is the key; a damaged sealed key is BACKUP_CORRUPT.
        refusal = error instanceof CofferError ? error.code : 'WRONG_KEY';
        return null;
      });
    }
    if (!check('key', key !== null, key ? '' : refusal) || !key) return report();
    progress('decrypt');
    manifest = await extractContainer(input.file, key, target).catch(() => null);
    if (!check('authenticate', manifest !== null, manifest ? '' : 'BACKUP_CORRUPT') || !manifest) return report();
    progress('checks');
    let db;
    try {
      db = openSnapshot(target, key, input.nativeBinding);
    } catch {
      check('open', false, 'does not open');
      return report();
    }
    try {
      check('open', true);
      const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
      if (!check('integrity', integrity.length === 1 && integrity[0] === 'ok', integrity.slice(0, 3).join('; '))) return report();
      const failing = await failingCipherPages(target, key);
      if (!check('cipher-integrity', failing.length === 0, failing.length ? `page(s) ${failing.join(', ')}` : '')) return report();
      const orphans = db.pragma('foreign_key_check') as unknown[];
      if (!check('foreign-keys', orphans.length === 0, orphans.length ? `${orphans.length} row(s)` : '')) return report();
      const counts = tableCounts(db);
      const differing = Object.keys({ ...counts, ...manifest.tables }).filter((t) => counts[t] !== manifest!.tables[t]);
      if (!check('row-counts', differing.length === 0, differing.slice(0, 5).join(', '))) return report();
      const verdict = verifyAudit(db);
      const head = manifest.auditHead;
      const chainOk = verdict.ok && (head === null ? verdict.head === null : verdict.head?.id === head.seq && verdict.head.hash === head.hash);
      if (!check('audit-chain', chainOk, verdict.ok ? (chainOk ? `${verdict.rows} rows` : 'head differs from the manifest') : `${verdict.problem} at row ${verdict.firstBrokenId}`)) return report();
      const anchors = drilledAnchors(db, input.anchors, path.basename(input.file), manifest.createdAt);
      if (!check('audit-anchors', anchors.ok, anchors.detail)) return report();
    } finally {
      db.close();
    }
    // Last: it restores the scratch copy as a restore would (migrate, re-apply the ledger), so it writes to it.
    progress('ledger');
    let erased: { ok: boolean; detail: string };
    try {
      erased = erasedAbsentCheck(target, key, input.nativeBinding, input.ledger);
    } catch (error) {
      erased = { ok: false, detail: error instanceof CofferError ? error.code : 'does not restore' };
    }
    check('erased-absent', erased.ok, erased.detail);
    return report();
  } finally {
    removeScratch(target);
  }

  function report(): DrillReport {
    const failed = checks.find((c) => !c.ok);
    const createdAt = manifest?.createdAt ?? null;
    return {
      backup: path.basename(input.file),
      backupCreatedAt: createdAt,
      recoveryPointMs: createdAt ? Date.parse(input.now) - Date.parse(createdAt) : null,
      restoreMs: Date.now() - started,
      passed: !failed && checks.length === DRILL_CHECKS.length,
      firstFailure: failed?.name ?? null,
      checks,
    };
  }
}


export interface ExtractJobInput {
  file: string;
  /** The key the backup was made with (a verified drill has just proved it). */
  key: Uint8Array;
  /** The vault's current key, when it differs from the backup's (a rotation since). */
  rekeyTo?: Uint8Array | undefined;
  dest: string;
  nativeBinding: string | undefined;
}

/**
 * Restore's heavy part, off the main thread: authenticate and decrypt the container into `dest`
 * (a file beside the live vault, so the swap is a same-disk rename), flushed before returning.
 */
export async function extractBackup(input: ExtractJobInput, progress: Progress = () => {}): Promise<{ bytes: number }> {
  fs.rmSync(input.dest, { force: true });
  try {
    progress('decrypt');
    await extractContainer(input.file, Buffer.from(input.key), input.dest);
    if (input.rekeyTo) {
      progress('rekey');
      rekeyFile(input.dest, input.key, input.rekeyTo, input.nativeBinding);
    }
    const fd = fs.openSync(input.dest, 'r+');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    return { bytes: fs.statSync(input.dest).size };
  } catch (error) {
    removeScratch(input.dest);
    throw error;
  }
}
