import { randomInt } from 'node:crypto';
import { forceText } from '../export/force-text';
import * as XLSX from '@e965/xlsx';
import { Uint8ArrayReader, Uint8ArrayWriter, ZipWriter } from '@zip.js/zip.js';
import { guardFormula } from '../export/formula-guard';
import type { PackageRow } from './access-package-repository';

/**
 * The bytes of an access package: one .xlsx (a cover sheet, then one sheet per section), the same
 * data as JSON (machine-readable, for portability), and a short README, in a WinZip-AES-256 zip
 * (zip.js) that 7-Zip, WinRAR, Bandizip and macOS's Archive Utility-with-a-helper open.
 */
export interface PackageSection {
  key: string;
  rows: PackageRow[];
}

export interface PackageInfo {
  shopName: string;
  generatedAt: Date;
  requestId: number | null;
  sections: PackageSection[];
}

export const XLSX_NAME = 'access-package.xlsx';
export const JSON_NAME = 'access-package.json';
export const README_NAME = 'README.txt';

// No 0/O, 1/I/L: read aloud or typed from a note, no two characters look alike. 31^16 ≈ 2^79.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A one-time password a customer can type: four groups of four, dashes included. */
export function oneTimePassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < 4; g += 1) {
    let group = '';
    for (let i = 0; i < 4; i += 1) group += ALPHABET[randomInt(ALPHABET.length)];
    groups.push(group);
  }
  return groups.join('-');
}

const text = (value: PackageRow[string] | undefined): string => (value === null || value === undefined ? '' : guardFormula(String(value)));

/** One sheet of a section: the union of its rows' keys as the header, every cell text. */
function sectionSheet(rows: PackageRow[]): XLSX.WorkSheet {
  const headers = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const table = rows.length === 0 ? [['(none / 无)']] : [headers.map(guardFormula), ...rows.map((r) => headers.map((h) => text(r[h])))];
  const sheet = XLSX.utils.aoa_to_sheet(table, { dense: true });
  forceText(sheet);
  return sheet;
}


function coverRows(info: PackageInfo): string[][] {
  return [
    ['个人信息副本 / Personal data copy', ''],
    ['店铺 / Shop', info.shopName.trim() || '-'],
    ['生成时间 / Generated at (UTC)', info.generatedAt.toISOString()],
    ['申请编号 / Request', info.requestId === null ? '-' : String(info.requestId)],
    ['内容 / Contents', 'One sheet per section below; the same data is in access-package.json. 以下每一部分一张工作表；同样的数据另见 access-package.json。'],
    ['', ''],
    ['部分 / Section', '行数 / Rows'],
    ...info.sections.map((s) => [s.key, String(s.rows.length)]),
  ].map((row) => row.map(guardFormula));
}

export function packageWorkbook(info: PackageInfo): Uint8Array {
  const book = XLSX.utils.book_new();
  const cover = XLSX.utils.aoa_to_sheet(coverRows(info), { dense: true });
  forceText(cover);
  cover['!cols'] = [{ wch: 34 }, { wch: 60 }];
  XLSX.utils.book_append_sheet(book, cover, 'About 说明');
  // Sheet names: the section keys (31 characters at most in Excel; keys are short identifiers).
  for (const section of info.sections) XLSX.utils.book_append_sheet(book, sectionSheet(section.rows), section.key.slice(0, 31));
  return new Uint8Array(XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer);
}

export function packageJson(info: PackageInfo): Uint8Array {
  const body = {
    format: 'coffer-access-package',
    version: 1,
    shop: info.shopName,
    generatedAt: info.generatedAt.toISOString(),
    requestId: info.requestId,
    contents: info.sections.map((s) => ({ section: s.key, rows: s.rows.length })),
    sections: Object.fromEntries(info.sections.map((s) => [s.key, s.rows])),
  };
  return new TextEncoder().encode(`${JSON.stringify(body, null, 2)}\n`);
}

function readme(info: PackageInfo): Uint8Array {
  // A shop that never named itself (Settings) still gets a sentence that reads.
  const shop = info.shopName.trim();
  const lines = [
    `Personal data held about you by ${shop || 'the shop'}, generated ${info.generatedAt.toISOString()} (UTC).`,
    `${XLSX_NAME}: for reading (Excel, WPS). ${JSON_NAME}: the same data, machine-readable (to take it elsewhere).`,
    '',
    `这是${shop || '本店'}保存的您的个人信息，生成于 ${info.generatedAt.toISOString()}（UTC）。`,
    `${XLSX_NAME}：便于阅读（Excel、WPS）。${JSON_NAME}：同样的数据，机器可读（便于转移）。`,
    '',
  ];
  return new TextEncoder().encode(lines.join('\r\n'));
}

/** The encrypted zip: AES-256 (WinZip AE-2), every entry under the same one-time password. */
export async function packageZip(info: PackageInfo, password: string, onStep?: (step: 'workbook' | 'json' | 'encrypt') => void): Promise<Uint8Array> {
  onStep?.('workbook');
  const workbook = packageWorkbook(info);
  onStep?.('json');
  const json = packageJson(info);
  onStep?.('encrypt');
  // No web workers in main; zipCrypto off: the legacy ZipCrypto is broken, AES only.
  const writer = new ZipWriter(new Uint8ArrayWriter(), { password, encryptionStrength: 3, zipCrypto: false, useWebWorkers: false, lastModDate: info.generatedAt });
  await writer.add(README_NAME, new Uint8ArrayReader(readme(info)));
  await writer.add(XLSX_NAME, new Uint8ArrayReader(workbook));
  await writer.add(JSON_NAME, new Uint8ArrayReader(json));
  return writer.close();
}
