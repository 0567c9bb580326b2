import fs from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { CofferError } from '../../../shared/errors';

/**
 * The SQLCipher module is native code built for one runtime. When the Electron build is missing
 * or was built for another version, every open fails, and without this check the failure read
 * as "the vault could not be read": a person might then restore an old backup over good data.
 * So core test-loads the module once when it starts; if that fails, setup and unlock are refused
 * with DATABASE_ENGINE_MISSING and nothing is written.
 */
export type EngineProblem = 'missing' | 'not-a-library' | 'wrong-runtime';

/** Smaller than any library's headers: an empty or all-but-empty copy. */
const MIN_LIBRARY_BYTES = 1024;

export function databaseEngineError(): CofferError {
  return new CofferError(
    'DATABASE_ENGINE_MISSING',
    'The database engine for this version of Coffer is missing or was built for another version. Your data is untouched. Run "npm run native:electron" (or reinstall Coffer), then start Coffer again.',
  );
}

/**
 * Test-loads the module (the Electron build at `nativeBinding`, or Node's own when undefined).
 * The file is read before it is loaded: a truncated shared library can crash the process with
 * SIGBUS inside dlopen, which no try/catch survives.
 */
export function checkDatabaseEngine(nativeBinding: string | undefined): EngineProblem | null {
  if (nativeBinding !== undefined) {
    const problem = inspectLibraryFile(nativeBinding);
    if (problem) return problem;
  }
  try {
    const db = new Database(':memory:', nativeBinding ? { nativeBinding } : {});
    try {
      db.prepare('SELECT 1').get();
    } finally {
      db.close();
    }
    return null;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT' || code === 'MODULE_NOT_FOUND') return 'missing';
    // ERR_DLOPEN_FAILED: another NODE_MODULE_VERSION, another architecture, missing symbols,
    // or a shared library that is not a Node addon at all ("did not self-register").
    return 'wrong-runtime';
  }
}

/** Reads the file's header: present, a shared library this platform could map, and whole. */
export function inspectLibraryFile(file: string): EngineProblem | null {
  let bytes: Buffer;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) return 'missing';
    if (stat.size < MIN_LIBRARY_BYTES) return 'not-a-library';
    bytes = fs.readFileSync(file);
  } catch {
    return 'missing';
  }
  try {
    return libraryIsWhole(bytes) ? null : 'not-a-library';
  } catch {
    return 'not-a-library'; // a header field pointing past the end of the buffer
  }
}

function libraryIsWhole(bytes: Buffer): boolean {
  if (bytes.subarray(0, 4).equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46]))) return elfIsWhole(bytes);
  if (bytes.readUInt16LE(0) === 0x5a4d) return peIsWhole(bytes); // "MZ"
  return machOIsWhole(bytes);
}

/** A universal file's slices, or a thin file's segments, must lie inside the file. */
function machOIsWhole(b: Buffer): boolean {
  const magic = b.readUInt32BE(0);
  if (magic === 0xcafebabe) {
    const count = b.readUInt32BE(4);
    if (count === 0 || 8 + count * 20 > b.length) return false;
    for (let i = 0; i < count; i += 1) {
      const at = 8 + i * 20;
      if (b.readUInt32BE(at + 8) + b.readUInt32BE(at + 12) > b.length) return false;
    }
    return true;
  }
  // Thin files: feedfacf/cffaedfe are 64-bit (big/little endian), feedface/cefaedfe 32-bit.
  const little = magic === 0xcffaedfe || magic === 0xcefaedfe;
  const is64 = magic === 0xfeedfacf || magic === 0xcffaedfe;
  if (!little && !is64 && magic !== 0xfeedface) return false;
  const u32 = (at: number) => (little ? b.readUInt32LE(at) : b.readUInt32BE(at));
  const u64 = (at: number) => Number(little ? b.readBigUInt64LE(at) : b.readBigUInt64BE(at));
  let at = is64 ? 32 : 28;
  const end = at + u32(20);
  if (end > b.length) return false;
  for (let i = u32(16); i > 0; i -= 1) {
    if (at + 8 > end) return false;
    const [command, size] = [u32(at), u32(at + 4)];
    if (size < 8) return false;
    // LC_SEGMENT_64 (0x19) and LC_SEGMENT (0x1): fileoff + filesize.
    if (command === 0x19 && u64(at + 40) + u64(at + 48) > b.length) return false;
    if (command === 0x1 && u32(at + 32) + u32(at + 36) > b.length) return false;
    at += size;
  }
  return true;
}

/** Every section table entry and every loadable segment must lie inside the file. */
function elfIsWhole(b: Buffer): boolean {
  const is64 = b[4] === 2;
  const little = b[5] === 1;
  if ((b[4] !== 1 && !is64) || (b[5] !== 1 && b[5] !== 2)) return false;
  const u16 = (at: number) => (little ? b.readUInt16LE(at) : b.readUInt16BE(at));
  const u32 = (at: number) => (little ? b.readUInt32LE(at) : b.readUInt32BE(at));
  const word = (at: number) => (is64 ? Number(little ? b.readBigUInt64LE(at) : b.readBigUInt64BE(at)) : u32(at));
  const headerSize = is64 ? 64 : 52;
  if (b.length < headerSize) return false;
  const phoff = word(is64 ? 0x20 : 0x1c);
  const shoff = word(is64 ? 0x28 : 0x20);
  const [phentsize, phnum, shentsize, shnum] = is64 ? [u16(0x36), u16(0x38), u16(0x3a), u16(0x3c)] : [u16(0x2a), u16(0x2c), u16(0x2e), u16(0x30)];
  if (phoff + phentsize * phnum > b.length || shoff + shentsize * shnum > b.length) return false;
  for (let i = 0; i < phnum; i += 1) {
    const at = phoff + i * phentsize;
    const offset = is64 ? word(at + 8) : u32(at + 4);
    const fileSize = is64 ? word(at + 32) : u32(at + 16);
    if (offset + fileSize > b.length) return false;
  }
  return true;
}

/** The PE header and the raw data of every section must lie inside the file. */
function peIsWhole(b: Buffer): boolean {
  if (b.length < 0x40) return false;
  const pe = b.readUInt32LE(0x3c);
  if (pe + 24 > b.length || b.readUInt32LE(pe) !== 0x00004550) return false;
  const sections = b.readUInt16LE(pe + 6);
  const table = pe + 24 + b.readUInt16LE(pe + 20);
  if (table + sections * 40 > b.length) return false;
  for (let i = 0; i < sections; i += 1) {
    const at = table + i * 40;
    if (b.readUInt32LE(at + 20) + b.readUInt32LE(at + 16) > b.length) return false;
  }
  return true;
}
