import zlib from 'node:zlib';
import * as XLSX from '@e965/xlsx';
import iconv from 'iconv-lite';
import { CofferError } from '../../../shared/errors';

/**
 * The same customer table in every shape a shop hands over: real files written by SheetJS and
 * iconv-lite, as Excel, WPS and Notepad would write them.
 */
export const HEADERS = ['姓名', '手机', '公司', '身份证号'];
export const ROWS = [
  ['王镕', '01012345678', '北京甲公司', '110101199003071234'],
  ['李堃', '13800138000', '乙公司', '11010119900307002X'],
  ['张喆', '13912345678', '丙公司', '010101199001010012'],
];
export const TABLE = [HEADERS, ...ROWS];

/** Hong Kong / Taiwan: traditional headers and names Big5 can hold. */
export const BIG5_TABLE = [
  ['姓名', '手機', '公司', '身份證號'],
  ['陳大文', '01012345678', '北京甲公司', '110101199003071234'],
  ['黃小明', '13800138000', '乙公司', '11010119900307002X'],
];

/** A workbook of string cells (what a careful person types as text), one sheet per entry. */
export function workbook(sheets: Record<string, (string | number | null)[][]>, bookType: XLSX.BookType = 'xlsx'): Buffer {
  const book = XLSX.utils.book_new();
  for (const [name, aoa] of Object.entries(sheets)) XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(aoa), name);
  return XLSX.write(book, { type: 'buffer', bookType, compression: true }) as Buffer;
}

/** A workbook from a prepared sheet (formulas, number formats set by hand). */
export function workbookOf(sheet: XLSX.WorkSheet, bookType: XLSX.BookType = 'xlsx'): Buffer {
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, 'Sheet1');
  return XLSX.write(book, { type: 'buffer', bookType, compression: true }) as Buffer;
}

/** RFC 4180 text: fields with the delimiter, quotes or line breaks quoted. */
export function delimited(table: string[][], delimiter = ',', eol = '\r\n'): string {
  const quote = (cell: string) => (/[",\r\n;\t|]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  return table.map((row) => row.map(quote).join(delimiter)).join(eol) + eol;
}

export const encode = (text: string, encoding: string, bom = false): Buffer => iconv.encode(text, encoding, { addBOM: bom });

/** A data table of n customers (for the row cap and the timing run). */
export function manyRows(n: number): string[][] {
  const rows: string[][] = [HEADERS];
  for (let i = 0; i < n; i++) rows.push([`客户${i}`, `138${String(i).padStart(8, '0')}`, `公司${i % 97}`, `1101011990${String(i).padStart(8, '0')}`]);
  return rows;
}

/** An OLE2 container as Office writes an encrypted .xlsx: no workbook, only the encrypted package. */
export function encryptedOfficeFile(): Buffer {
  const container = XLSX.CFB.utils.cfb_new();
  XLSX.CFB.utils.cfb_add(container, '/EncryptionInfo', Buffer.from([4, 0, 4, 0, 0x40, 0, 0, 0]));
  XLSX.CFB.utils.cfb_add(container, '/EncryptedPackage', Buffer.alloc(4096, 0x5a));
  return XLSX.CFB.write(container, { type: 'buffer' }) as Buffer;
}

/** A real .xls with a FILEPASS record (RC4) inserted after the BOF of its workbook globals. */
export function xlsWithFilePass(): Buffer {
  const container = XLSX.CFB.read(workbook({ Sheet1: TABLE }, 'biff8'), { type: 'buffer' });
  const entry = XLSX.CFB.find(container, 'Workbook')!;
  const stream = Buffer.from(entry.content as Uint8Array);
  const bofLength = stream.readUInt16LE(2);
  const filePass = Buffer.alloc(4 + 54);
  filePass.writeUInt16LE(0x002f, 0);
  filePass.writeUInt16LE(54, 2);
  filePass.writeUInt16LE(1, 4);
  const patched = Buffer.concat([stream.subarray(0, 4 + bofLength), filePass, stream.subarray(4 + bofLength)]);
  XLSX.CFB.utils.cfb_del(container, '/Workbook');
  XLSX.CFB.utils.cfb_add(container, '/Workbook', patched);
  return XLSX.CFB.write(container, { type: 'buffer' }) as Buffer;
}

/**
 * The xlsx with its central directory claiming `unpacked` bytes for every entry (what a zip
 * bomb declares); the data itself is untouched.
 */
export function zipClaiming(xlsx: Buffer, unpacked: number): Buffer {
  const out = Buffer.from(xlsx);
  const eocd = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = out.readUInt32LE(eocd + 16);
  for (let i = 0; i < out.readUInt16LE(eocd + 10); i++) {
    out.writeUInt32LE(unpacked, at + 24);
    at += 46 + out.readUInt16LE(at + 28) + out.readUInt16LE(at + 30) + out.readUInt16LE(at + 32);
  }
  return out;
}

/** Deterministic noise (no magic bytes, not text). */
export function randomBytes(n: number): Buffer {
  const out = Buffer.alloc(n);
  let x = 0x12345678;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  out[0] = 0x8f;
  return out;
}

/** A minimal real ZIP (deflated entries, central directory, EOCD), as any zip tool writes it. */
export function zipOf(entries: { name: string; data: Buffer }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const packed = zlib.deflateRawSync(data);
    const nameBytes = Buffer.from(name);
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + packed.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

/** The refusal's code and its machine-readable reason. */
export function refusalOf(run: () => unknown): { code: string; reason: string | undefined } {
  try {
    run();
  } catch (error) {
    if (error instanceof CofferError) return { code: error.code, reason: error.fields?.file };
    throw error;
  }
  throw new Error('expected a refusal');
}
