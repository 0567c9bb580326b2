import * as XLSX from '@e965/xlsx';
import type { ImportFormat } from '../../../shared/import';
import { parseFailure, type Limits } from './parse-limits';

/**
 * The format from the bytes, never the name: .xlsx/.xlsm and new WPS .et are ZIP, .xls and old
 * .et are OLE2 compound files, and an xlsx renamed to .csv is still an xlsx.
 */
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

export function sniffFormat(bytes: Uint8Array): ImportFormat {
  if (startsWith(bytes, ZIP)) return 'xlsx';
  if (startsWith(bytes, OLE2)) return 'xls';
  return 'text';
}

/**
 * The container checked before SheetJS unpacks anything: a ZIP's declared sizes (zip bomb), an
 * OLE2 file's encryption (an encrypted .xlsx is OLE2 holding EncryptionInfo/EncryptedPackage, an
 * encrypted .xls has a FILEPASS record) and whether it holds a workbook at all.
 */
export function checkContainer(bytes: Uint8Array, format: ImportFormat, limits: Limits): void {
  if (format === 'xlsx') checkZip(bytes, limits);
  if (format === 'xls') checkOle2(bytes, limits);
}

function checkOle2(bytes: Uint8Array, limits: Limits): void {
  let container: ReturnType<typeof XLSX.CFB.read>;
  try {
    container = XLSX.CFB.read(bytes, { type: 'buffer' });
  } catch {
    throw parseFailure('corrupt', limits);
  }
  const names = new Set(container.FileIndex.map((entry: { name: string }) => entry.name));
  if (names.has('EncryptionInfo') || names.has('EncryptedPackage')) throw parseFailure('password_protected', limits);
  const stream = XLSX.CFB.find(container, 'Workbook') ?? XLSX.CFB.find(container, 'Book');
  if (!stream?.content) throw parseFailure('corrupt', limits);
  if (hasFilePass(stream.content as Uint8Array)) throw parseFailure('password_protected', limits);
}

const FILEPASS = 0x002f;
const EOF = 0x000a;

/** BIFF records of the workbook globals (type, length, data) up to their EOF: FILEPASS sits near the top. */
export function hasFilePass(stream: Uint8Array): boolean {
  let at = 0;
  while (at + 4 <= stream.length) {
    const type = stream[at]! | (stream[at + 1]! << 8);
    const length = stream[at + 2]! | (stream[at + 3]! << 8);
    if (type === FILEPASS) return true;
    if (type === EOF) return false;
    at += 4 + length;
  }
  return false;
}

const u16 = (view: DataView, at: number) => view.getUint16(at, true);
const u32 = (view: DataView, at: number) => view.getUint32(at, true);
const u64 = (view: DataView, at: number) => Number(view.getBigUint64(at, true));

/** Sizes the ZIP declares, from its central directory (what an unzipper allocates for). */
export function zipDeclaredSizes(bytes: Uint8Array): { packed: number; unpacked: number; entries: number } | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (u32(view, at) === 0x06054b50) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) return null;
  let entries = u16(view, eocd + 10);
  let cdOffset = u32(view, eocd + 16);
  if (entries === 0xffff || cdOffset === 0xffffffff) {
    // ZIP64: the locator just before the EOCD points at the 64-bit record with the real numbers.
    const locator = eocd - 20;
    if (locator < 0 || u32(view, locator) !== 0x07064b50) return null;
    const record = u64(view, locator + 8);
    if (record + 56 > bytes.length || u32(view, record) !== 0x06064b50) return null;
    entries = u64(view, record + 32);
    cdOffset = u64(view, record + 48);
  }
  let packed = 0;
  let unpacked = 0;
  let at = cdOffset;
  for (let i = 0; i < entries; i++) {
    if (at + 46 > bytes.length || u32(view, at) !== 0x02014b50) return null;
    let size = { packed: u32(view, at + 20), unpacked: u32(view, at + 24) };
    const nameLength = u16(view, at + 28);
    const extraLength = u16(view, at + 30);
    const commentLength = u16(view, at + 32);
    const extraStart = at + 46 + nameLength;
    if (extraStart + extraLength + commentLength > bytes.length) return null;
    if (size.packed === 0xffffffff || size.unpacked === 0xffffffff) size = zip64Sizes(view, extraStart, extraLength, size);
    packed += size.packed;
    unpacked += size.unpacked;
    at = extraStart + extraLength + commentLength;
  }
  return { packed, unpacked, entries };
}

/** The ZIP64 extra field (id 1) carries the sizes the 32-bit fields marked with 0xFFFFFFFF. */
function zip64Sizes(view: DataView, start: number, length: number, size: { packed: number; unpacked: number }) {
  for (let at = start; at + 4 <= start + length; ) {
    const id = u16(view, at);
    const fieldLength = u16(view, at + 2);
    if (id === 1) {
      const end = at + 4 + fieldLength;
      let field = at + 4;
      let { packed, unpacked } = size;
      if (unpacked === 0xffffffff && field + 8 <= end) {
        unpacked = u64(view, field);
        field += 8;
      }
      if (packed === 0xffffffff && field + 8 <= end) packed = u64(view, field);
      return { packed, unpacked };
    }
    at += 4 + fieldLength;
  }
  // Marked as 64-bit without saying the size: treat it as the most it could be.
  return { packed: size.packed, unpacked: Number.MAX_SAFE_INTEGER };
}

// Below this much unpacked data the ratio says nothing useful: a small, very regular sheet packs well.
const RATIO_FLOOR = 10 * 1024 * 1024;

function checkZip(bytes: Uint8Array, limits: Limits): void {
  const sizes = zipDeclaredSizes(bytes);
  if (!sizes || sizes.entries === 0) throw parseFailure('corrupt', limits);
  if (sizes.unpacked > limits.maxUncompressedBytes) throw parseFailure('zip_bomb', limits);
  if (sizes.unpacked > RATIO_FLOOR && sizes.unpacked > sizes.packed * limits.maxCompressionRatio) throw parseFailure('zip_bomb', limits);
}
