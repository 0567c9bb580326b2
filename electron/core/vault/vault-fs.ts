import fs from 'node:fs';
import { writeFileAtomic } from '../platform/atomic-file';

/**
 * The few file operations the vault does outside SQLite. Tests replace it to simulate a full or
 * read-only disk, which cannot be produced for real here (the tests run as root).
 */
export interface VaultFs {
  mkdirPrivate(dir: string): void;
  exists(file: string): boolean;
  readText(file: string): string;
  writeAtomic(file: string, text: string): void;
  rename(from: string, to: string): void;
  remove(file: string): void;
}

export const nodeVaultFs: VaultFs = {
  mkdirPrivate(dir) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    // mkdir's mode is filtered by umask and ignored for an existing folder; the profile holds
    // the only copy of the customer data, so make sure other accounts cannot list it.
    if (process.platform !== 'win32') fs.chmodSync(dir, 0o700);
  },
  exists: (file) => fs.existsSync(file),
  readText: (file) => fs.readFileSync(file, 'utf8'),
  writeAtomic: (file, text) => writeFileAtomic(file, text, 0o600),
  rename: (from, to) => fs.renameSync(from, to),
  remove: (file) => fs.rmSync(file, { force: true }),
};
