import * as XLSX from '@e965/xlsx';
import type { ImportFormat } from '../../../shared/import';
import { parseFailure, type Limits } from './parse-limits';
import { checkZip } from './zip-check';

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
 * The container checked before SheetJS unpacks anything: a ZIP's declared and real sizes (zip
 * bomb, zip-check.ts), an
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
