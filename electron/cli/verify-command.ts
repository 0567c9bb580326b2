import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CofferError } from '../../shared/errors';
import { drillBackup, type DrillReport } from '../core/backup/backup-jobs';
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
    const report = await drillBackup({ file, recoverySecret: secret, nativeBinding: undefined, scratchDir: scratch, now: new Date().toISOString() });
    for (const line of formatReport(report)) out(line);
    return report.passed ? 0 : 1;
  } finally {
    secret.fill(0);
    fs.rmSync(scratch, { recursive: true, force: true });
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
