import zlib from 'node:zlib';
import { parseFailure, type Limits } from './parse-limits';

/**
 * A ZIP (xlsx) checked before SheetJS opens it. SheetJS inflates every entry in full, whatever
 * the archive declares, into Buffers that live outside the worker's V8 heap limit: a bomb would
 * take the whole app's memory. So the declared sizes are capped first, and then every entry is
 * inflated here with its declared size as a hard ceiling, so no entry can produce more than the
 * archive admitted to.
 */
const u16 = (view: DataView, at: number) => view.getUint16(at, true);
const u32 = (view: DataView, at: number) => view.getUint32(at, true);
const u64 = (view: DataView, at: number) => Number(view.getBigUint64(at, true));

export interface ZipEntry {
  method: number;
  packed: number;
  unpacked: number;
  /** Where the entry's local header starts. */
  offset: number;
}

/** The central directory's entries, or null when there is none to read (truncated, not a ZIP). */
export function zipEntries(bytes: Uint8Array): ZipEntry[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (u32(view, at) === 0x06054b50) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) return null;
  let count = u16(view, eocd + 10);
  let at = u32(view, eocd + 16);
  if (count === 0xffff || at === 0xffffffff) {
    // ZIP64: the locator just before the EOCD points at the 64-bit record with the real numbers.
    const locator = eocd - 20;
    if (locator < 0 || u32(view, locator) !== 0x07064b50) return null;
    const record = u64(view, locator + 8);
    if (record + 56 > bytes.length || u32(view, record) !== 0x06064b50) return null;
    count = u64(view, record + 32);
    at = u64(view, record + 48);
  }
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || u32(view, at) !== 0x02014b50) return null;
    const method = u16(view, at + 10);
    let size = { packed: u32(view, at + 20), unpacked: u32(view, at + 24) };
    let offset = u32(view, at + 42);
    const nameLength = u16(view, at + 28);
    const extraLength = u16(view, at + 30);
    const commentLength = u16(view, at + 32);
    const extraStart = at + 46 + nameLength;
    if (extraStart + extraLength + commentLength > bytes.length) return null;
    if (size.packed === 0xffffffff || size.unpacked === 0xffffffff || offset === 0xffffffff) {
      ({ size, offset } = zip64Fields(view, extraStart, extraLength, size, offset));
    }
    entries.push({ method, ...size, offset });
    at = extraStart + extraLength + commentLength;
  }
  return entries;
}

/** The ZIP64 extra field (id 1) carries, in order, the values the 32-bit fields marked 0xFFFFFFFF. */
function zip64Fields(view: DataView, start: number, length: number, size: { packed: number; unpacked: number }, offset: number) {
  for (let at = start; at + 4 <= start + length; ) {
    const id = u16(view, at);
    const fieldLength = u16(view, at + 2);
    if (id === 1) {
      const end = at + 4 + fieldLength;
      let field = at + 4;
      const next = (current: number) => {
        if (current !== 0xffffffff || field + 8 > end) return current;
        field += 8;
        return u64(view, field - 8);
      };
      const unpacked = next(size.unpacked);
      const packed = next(size.packed);
      return { size: { packed, unpacked }, offset: next(offset) };
    }
    at += 4 + fieldLength;
  }
  // Marked as 64-bit without saying the size: treat it as the most it could be.
  return { size: { packed: size.packed, unpacked: Number.MAX_SAFE_INTEGER }, offset };
}

/** Sizes the ZIP declares, summed over its central directory. */
export function zipDeclaredSizes(bytes: Uint8Array): { packed: number; unpacked: number; entries: number } | null {
  const entries = zipEntries(bytes);
  if (!entries) return null;
  return {
    packed: entries.reduce((sum, e) => sum + e.packed, 0),
    unpacked: entries.reduce((sum, e) => sum + e.unpacked, 0),
    entries: entries.length,
  };
}

// Below this much unpacked data the ratio says nothing useful: a small, very regular sheet packs well.
const RATIO_FLOOR = 10 * 1024 * 1024;
const STORED = 0;
const DEFLATED = 8;

export function checkZip(bytes: Uint8Array, limits: Limits): void {
  const entries = zipEntries(bytes);
  if (!entries || entries.length === 0) throw parseFailure('corrupt', limits);
  const packed = entries.reduce((sum, e) => sum + e.packed, 0);
  const unpacked = entries.reduce((sum, e) => sum + e.unpacked, 0);
  if (unpacked > limits.maxUncompressedBytes) throw parseFailure('zip_bomb', limits);
  if (unpacked > RATIO_FLOOR && unpacked > packed * limits.maxCompressionRatio) throw parseFailure('zip_bomb', limits);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const entry of entries) {
    if (entry.offset + 30 > bytes.length || u32(view, entry.offset) !== 0x04034b50) throw parseFailure('corrupt', limits);
    if (entry.method === STORED) continue;
    if (entry.method !== DEFLATED) throw parseFailure('corrupt', limits);
    const dataStart = entry.offset + 30 + u16(view, entry.offset + 26) + u16(view, entry.offset + 28);
    // Inflation stops at the end of the entry's deflate stream, as SheetJS's does, whatever follows.
    try {
      zlib.inflateRawSync(bytes.subarray(dataStart), { maxOutputLength: Math.max(entry.unpacked, 1) });
    } catch (error) {
      throw parseFailure((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? 'zip_bomb' : 'corrupt', limits);
    }
  }
}
