// Run as a separate process by backup-crash.test.ts (bundled first). Takes one backup from the
// job input in the file named by argv; COFFER_FAULT_AT makes it SIGKILL itself at that step.
import fs from 'node:fs';
import { takeBackup, type BackupJobInput } from '../../electron/core/backup/backup-jobs';

const input = JSON.parse(fs.readFileSync(process.argv[2]!, 'utf8')) as BackupJobInput & { key: string };
takeBackup({ ...input, key: Buffer.from(input.key, 'hex') }).then(
  (result) => process.stdout.write(`${result.fileName}\n`),
  (error: unknown) => {
    process.stderr.write(`${(error as { code?: string }).code ?? 'ERROR'}\n`);
    process.exit(1);
  },
);
