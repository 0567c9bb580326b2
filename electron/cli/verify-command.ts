import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CofferError } from '../../shared/errors';
import type { AuditAnchor } from '../core/audit/audit-anchors';
import { folderAnchors } from '../core/backup/backup-anchors';
import { drillBackup, type DrillReport } from '../core/backup/backup-jobs';
import { keyFromRecovery, readHeader, type BackupHeader } from '../core/backup/container';
import { parseRecoveryKey } from '../core/vault/recovery-key';

/**
 * `coffer backup verify <file> --recovery-key-file F`: the restore drill on one backup file, with
 * the recovery key only (no vault, no keychain), for the NAS or a spare computer. Prints the
 * report; the exit code is 0 only when every check passed.
 */
export async function runVerify(file: string, recoveryKeyFile: string | undefined, out: (line: string) => void): Promise<number> {
  if (!recoveryKeyFile) {
    out('Give the recovery key in a file: --recovery-key-file <file> (it is never read from the command line, which shells keep in their history).');
    return 2;
  }
  let secret: Buffer;
  try {
    secret = keyFromFile(fs.readFileSync(recoveryKeyFile, 'utf8'));
  } catch (error) {
    out(error instanceof CofferError ? error.message : 'The recovery key file could not be read.');
    return 2;
  }
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-verify-'));
  try {
    const anchors = await anchorsBeside(file, secret);
    const report = await drillBackup({ file, recoverySecret: secret, nativeBinding: undefined, scratchDir: scratch, now: new Date().toISOString(), anchors });
    for (const line of formatReport(report)) out(line);
    return report.passed ? 0 : 1;
  } finally {
    secret.fill(0);
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * The audit heads recorded in the other backups of the same vault in the file's folder, opened
 * with the recovery key: the drilled copy's log must hold those of the backups made before it.
 * A folder that cannot be listed only means nothing to compare.
 */
async function anchorsBeside(file: string, secret: Buffer): Promise<{ anchors: AuditAnchor[] } | undefined> {
  const keys = new Map<string, Promise<Buffer | null>>();
  try {
    const own = await readHeader(file);
    const keyFor = (header: BackupHeader) => {
      if (!keys.has(header.keyId)) keys.set(header.keyId, keyFromRecovery(header, secret).catch(() => null));
      return keys.get(header.keyId)!;
    };
    return { anchors: (await folderAnchors(path.dirname(path.resolve(file)), own.vaultId, keyFor)).anchors };
  } catch {
    return undefined; // the drill itself reports an unreadable file
  } finally {
    for (const key of keys.values()) void key.then((k) => k?.fill(0));
  }
}

/** The file the setup screen saves has a heading line above the key: use the line that is a key. */
function keyFromFile(text: string): Buffer {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  for (const line of lines.reverse()) {
    try {
      return parseRecoveryKey(line);
    } catch {
      /* a heading or note line */
    }
  }
  return parseRecoveryKey(text); // reports what is wrong with it
}

export function formatReport(report: DrillReport): string[] {
  const hours = report.recoveryPointMs === null ? 'unknown' : `${(report.recoveryPointMs / 3_600_000).toFixed(1)} h`;
  return [
    `Backup:         ${report.backup}`,
    `Made at:        ${report.backupCreatedAt ?? 'unknown'} (age ${hours})`,
    `Restore time:   ${report.restoreMs} ms`,
    ...report.checks.map((c) => `  ${c.ok ? 'PASS' : 'FAIL'}  ${c.name}${c.detail ? ` (${c.detail})` : ''}`),
    report.passed ? 'Result: PASSED' : `Result: FAILED at ${report.firstFailure ?? 'an unfinished check'}`,
  ];
}
