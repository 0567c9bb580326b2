import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../../electron/core/import/parse-limits';
import { checkContainer, hasFilePass, sniffFormat } from '../../../electron/core/import/sniff';
import { zipDeclaredSizes } from '../../../electron/core/import/zip-check';
import { delimited, encode, encryptedOfficeFile, refusalOf, TABLE, workbook, xlsWithFilePass, zipClaiming, zipOf } from './fixtures';

describe('format from the bytes', () => {
  it('ZIP is xlsx (xlsx, xlsm, new .et), OLE2 is xls (xls, old .et), anything else text', () => {
    expect(sniffFormat(workbook({ S: TABLE }, 'xlsx'))).toBe('xlsx');
    expect(sniffFormat(workbook({ S: TABLE }, 'xlsm'))).toBe('xlsx');
    expect(sniffFormat(workbook({ S: TABLE }, 'biff8'))).toBe('xls');
    expect(sniffFormat(encryptedOfficeFile())).toBe('xls');
    expect(sniffFormat(encode(delimited(TABLE), 'utf8'))).toBe('text');
    expect(sniffFormat(encode(delimited(TABLE), 'gbk'))).toBe('text');
    expect(sniffFormat(new Uint8Array([0x50, 0x4b]))).toBe('text');
  });
});

describe('the container, before SheetJS unpacks it', () => {
  it('reads the declared sizes from a real xlsx central directory', () => {
    const xlsx = workbook({ S: TABLE });
    const sizes = zipDeclaredSizes(xlsx)!;
    expect(sizes.entries).toBeGreaterThan(3);
    expect(sizes.packed).toBeLessThan(xlsx.length);
    expect(sizes.unpacked).toBeGreaterThan(sizes.packed);
    expect(() => checkContainer(xlsx, 'xlsx', DEFAULT_LIMITS)).not.toThrow();
  });

  it('refuses a zip that declares more than the unpacked cap (zip bomb)', () => {
    const bomb = zipClaiming(workbook({ S: TABLE }), 0xfffffff0);
    expect(refusalOf(() => checkContainer(bomb, 'xlsx', DEFAULT_LIMITS))).toEqual({ code: 'INVALID_INPUT', reason: 'zip_bomb' });
  });

  it('refuses a zip whose data packs more than 200 to 1 (a real deflated run of zeros)', () => {
    const bomb = zipOf([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(40 * 1024 * 1024) }]);
    expect(bomb.length).toBeLessThan(100 * 1024);
    expect(refusalOf(() => checkContainer(bomb, 'xlsx', DEFAULT_LIMITS))).toEqual({ code: 'INVALID_INPUT', reason: 'zip_bomb' });
    // The same archive is fine under a looser ratio: it is the ratio that refused it.
    expect(() => checkContainer(bomb, 'xlsx', { ...DEFAULT_LIMITS, maxCompressionRatio: 10_000 })).not.toThrow();
  });

  it('refuses a zip whose entry inflates to more than it declares (SheetJS would unpack it all)', () => {
    const lying = zipClaiming(zipOf([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(30 * 1024 * 1024) }]), 1000);
    expect(zipDeclaredSizes(lying)!.unpacked).toBe(1000);
    expect(refusalOf(() => checkContainer(lying, 'xlsx', DEFAULT_LIMITS))).toEqual({ code: 'INVALID_INPUT', reason: 'zip_bomb' });
  });

  it('refuses a zip whose deflate data is damaged, or whose entry points nowhere', () => {
    const xlsx = zipOf([{ name: 'a.xml', data: Buffer.from('<a>'.repeat(1000)) }]);
    const damaged = Buffer.from(xlsx);
    damaged.fill(0xff, 40, 60);
    expect(refusalOf(() => checkContainer(damaged, 'xlsx', DEFAULT_LIMITS))).toEqual({ code: 'INVALID_INPUT', reason: 'corrupt' });
    const nowhere = Buffer.from(xlsx);
    nowhere.writeUInt32LE(0xffff, nowhere.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 42);
    expect(refusalOf(() => checkContainer(nowhere, 'xlsx', DEFAULT_LIMITS))).toEqual({ code: 'INVALID_INPUT', reason: 'corrupt' });
  });

  it('refuses a truncated zip (no central directory) as damaged', () => {
    const xlsx = workbook({ S: TABLE });
    expect(refusalOf(() => checkContainer(xlsx.subarray(0, xlsx.length - 200), 'xlsx', DEFAULT_LIMITS))).toEqual({ code: 'INVALID_INPUT', reason: 'corrupt' });
    expect(zipDeclaredSizes(xlsx.subarray(0, 40))).toBeNull();
  });

  it('refuses an encrypted Office file (OLE2 with EncryptionInfo / EncryptedPackage)', () => {
    expect(refusalOf(() => checkContainer(encryptedOfficeFile(), 'xls', DEFAULT_LIMITS))).toEqual({ code: 'INVALID_INPUT', reason: 'password_protected' });
  });

  it('refuses an .xls whose globals hold a FILEPASS record, and passes the same file without it', () => {
    expect(refusalOf(() => checkContainer(xlsWithFilePass(), 'xls', DEFAULT_LIMITS))).toEqual({ code: 'INVALID_INPUT', reason: 'password_protected' });
    expect(() => checkContainer(workbook({ S: TABLE }, 'biff8'), 'xls', DEFAULT_LIMITS)).not.toThrow();
  });

  it('refuses an OLE2 file that holds no workbook (a .doc renamed .xls) and a broken one', () => {
    const container = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(container, '/WordDocument', Buffer.alloc(1024, 1));
    const doc = XLSX.CFB.write(container, { type: 'buffer' }) as Buffer;
    expect(refusalOf(() => checkContainer(doc, 'xls', DEFAULT_LIMITS))).toEqual({ code: 'INVALID_INPUT', reason: 'corrupt' });
    const broken = Buffer.concat([doc.subarray(0, 8), Buffer.alloc(600, 0xff)]);
    expect(refusalOf(() => checkContainer(broken, 'xls', DEFAULT_LIMITS))).toEqual({ code: 'INVALID_INPUT', reason: 'corrupt' });
  });

  it('finds FILEPASS only among the globals records, up to their EOF', () => {
    const record = (type: number, length: number) => [type & 0xff, type >> 8, length & 0xff, length >> 8, ...new Array<number>(length).fill(0)];
    expect(hasFilePass(new Uint8Array([...record(0x0809, 16), ...record(0x002f, 6), ...record(0x000a, 0)]))).toBe(true);
    expect(hasFilePass(new Uint8Array([...record(0x0809, 16), ...record(0x000a, 0), ...record(0x002f, 6)]))).toBe(false);
    expect(hasFilePass(new Uint8Array([...record(0x0809, 16), ...record(0x00e1, 2)]))).toBe(false);
  });
});
