import { createHmac, pbkdf2Sync, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import { CofferError } from '../../../shared/errors';
import { openVaultReader, type Db } from '../db/open-database';

/**
 * Opens a snapshot (a VACUUM INTO copy, still SQLCipher-encrypted with the vault key) read-only:
 * the same cipher settings as the vault, but no WAL switch or any other write, so the file's
 * bytes (and its checksum) stay exactly as they were taken.
 */
export function openSnapshot(file: string, key: Uint8Array, nativeBinding: string | undefined): Db {
  return openVaultReader(file, key, nativeBinding, (error, phase) =>
    phase === 'open' ? error : new CofferError('BACKUP_CORRUPT', 'The database inside this backup does not open with its key. Use another backup.'),
  );
}

/** Row counts of every table, in name order: what the manifest records and the drill compares. */
export function tableCounts(db: Db): Record<string, number> {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
  const counts: Record<string, number> = {};
  for (const { name } of tables) counts[name] = (db.prepare(`SELECT count(*) AS n FROM "${name.replace(/"/g, '""')}"`).get() as { n: number }).n;
  return counts;
}

// SQLCipher 4 page layout (legacy=4, the vault's settings): 4096-byte pages, each ending in a
// 16-byte IV and a 64-byte HMAC-SHA512 over the page's ciphertext, IV and page number (LE).
const PAGE = 4096;
const HMAC_BYTES = 64;
const SALT_BYTES = 16;

/**
 * The cipher-level check: every page's HMAC, including free pages that integrity_check never
 * reads. SQLite3MultipleCiphers has no `PRAGMA cipher_integrity_check` (it answers nothing even
 * for a damaged file: measured), so the check is done here. With a raw key the HMAC key is
 * PBKDF2-HMAC-SHA512(key, salt XOR 0x3a, 2 rounds, 32 bytes), as SQLCipher 4 derives it.
 * Returns the numbers of the pages that fail, at most `limit` of them.
 */
export async function failingCipherPages(file: string, key: Uint8Array, limit = 10): Promise<number[]> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const size = (await handle.stat()).size;
    if (size === 0 || size % PAGE !== 0) return [0];
    const salt = Buffer.alloc(SALT_BYTES);
    await handle.read(salt, 0, SALT_BYTES, 0);
    const hmacKey = pbkdf2Sync(key, Buffer.from(salt.map((b) => b ^ 0x3a)), 2, 32, 'sha512');
    const failing: number[] = [];
    const block = Buffer.alloc(PAGE * 256);
    const pageNo = Buffer.alloc(4);
    for (let offset = 0; offset < size && failing.length < limit; offset += block.length) {
      const { bytesRead } = await handle.read(block, 0, block.length, offset);
      for (let at = 0; at + PAGE <= bytesRead; at += PAGE) {
        const number = (offset + at) / PAGE + 1;
        const page = block.subarray(at, at + PAGE);
        pageNo.writeUInt32LE(number);
        const mac = createHmac('sha512', hmacKey).update(page.subarray(number === 1 ? SALT_BYTES : 0, PAGE - HMAC_BYTES)).update(pageNo).digest();
        if (!timingSafeEqual(mac, page.subarray(PAGE - HMAC_BYTES))) failing.push(number);
      }
    }
    return failing;
  } finally {
    await handle.close();
  }
}
