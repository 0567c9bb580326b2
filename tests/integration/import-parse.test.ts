import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import { beforeAll, describe, expect, it } from 'vitest';
import { CofferError } from '../../shared/errors';
import { parseImportFile, parseInProcess } from '../../electron/core/import/parse-file';
import { delimited, encode, encryptedOfficeFile, HEADERS, manyRows, randomBytes, ROWS, TABLE, workbook, workbookOf, zipClaiming } from '../unit/import/fixtures';

// The built worker, as the app runs it: build first with `npx electron-vite build`.
const WORKER = path.resolve('out/main/import-worker.js');

async function refusal(run: Promise<unknown>): Promise<{ code: string; fields: Record<string, string> | undefined; message: string }> {
  try {
    await run;
  } catch (error) {
    if (error instanceof CofferError) return { code: error.code, fields: error.fields, message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('parsing on a worker thread', () => {
  beforeAll(() => {
    if (!fs.existsSync(WORKER)) throw new Error('No built import worker: run "npx electron-vite build" first.');
  });

  it('gives the same table as the in-process parse, for xlsx, xls and GBK text', async () => {
    for (const bytes of [workbook({ 客户: TABLE }), workbook({ 客户: TABLE }, 'biff8'), encode(delimited(TABLE), 'gbk')]) {
      const table = await parseImportFile(bytes, { workerScript: WORKER });
      expect(table).toEqual(parseInProcess(bytes));
      expect(table.headers).toEqual(HEADERS);
      expect(table.rows.map((r) => r.cells)).toEqual(ROWS);
    }
  });

  it('passes the options through (encoding override, header row, sheet)', async () => {
    const gbk = encode(delimited([['说明'], ...TABLE]), 'gbk');
    const table = await parseImportFile(gbk, { workerScript: WORKER, encoding: 'gb18030', headerRow: 2 });
    expect(table).toMatchObject({ encoding: 'gb18030', headerRow: 2, headers: HEADERS });
    const other = await parseImportFile(workbook({ A: TABLE, B: [['姓名'], ['赵六']] }), { workerScript: WORKER, sheet: 'B' });
    expect(other.rows).toEqual([{ row: 2, cells: ['赵六'] }]);
    expect((await refusal(parseImportFile(workbook({ A: TABLE }), { workerScript: WORKER, sheet: 'Z' }))).fields).toEqual({ sheet: 'unknown' });
    const sheet = XLSX.utils.aoa_to_sheet([['公司', '姓名'], ['甲公司', '王镕'], [null, '李堃']]);
    sheet['!merges'] = [XLSX.utils.decode_range('A2:A3')];
    const merged = await parseImportFile(workbookOf(sheet), { workerScript: WORKER, fillMerged: true });
    expect(merged.rows.map((r) => r.cells)).toEqual([['甲公司', '王镕'], ['甲公司', '李堃']]);
  });

  it('brings a refusal back with its code, reason and message, and nothing else', async () => {
    expect(await refusal(parseImportFile(encryptedOfficeFile(), { workerScript: WORKER }))).toEqual({
      code: 'INVALID_INPUT',
      fields: { file: 'password_protected' },
      message: 'The workbook is password-protected: remove the password in Excel (File > Info) and import again.',
    });
    expect((await refusal(parseImportFile(zipClaiming(workbook({ S: TABLE }), 0x7ffffff0), { workerScript: WORKER }))).fields).toEqual({ file: 'zip_bomb' });
    expect((await refusal(parseImportFile(randomBytes(10_000), { workerScript: WORKER }))).fields).toEqual({ file: 'corrupt' });
    expect((await refusal(parseImportFile(encode(delimited(manyRows(30)), 'gbk'), { workerScript: WORKER, limits: { maxRows: 20 } }))).fields).toEqual({ file: 'too_many_rows' });
  });

  it('refuses an empty or oversized file before starting a worker at all', async () => {
    const noWorker = { workerScript: path.resolve('out/main/no-such-worker.js') };
    expect((await refusal(parseImportFile(new Uint8Array(0), noWorker))).fields).toEqual({ file: 'empty' });
    expect((await refusal(parseImportFile(workbook({ S: TABLE }), { ...noWorker, limits: { maxBytes: 1000 } }))).fields).toEqual({ file: 'too_large' });
    expect((await refusal(parseImportFile(workbook({ S: TABLE }), noWorker))).code).toBe('INTERNAL');
  });

  it('stops a worker that runs past its time', async () => {
    const big = workbook({ S: manyRows(20_000) });
    const started = Date.now();
    expect(await refusal(parseImportFile(big, { workerScript: WORKER, limits: { timeoutMs: 50 } }))).toMatchObject({ code: 'INVALID_INPUT', fields: { file: 'timeout' } });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('refuses, as too large, a file that needs more memory than the worker may take', async () => {
    const big = workbook({ S: manyRows(100_000) });
    expect(await refusal(parseImportFile(big, { workerScript: WORKER, limits: { maxMemoryMb: 24 } }))).toMatchObject({ code: 'INVALID_INPUT', fields: { file: 'too_large' } });
  });

  it('reads 100,000 rows of xlsx and of GBK csv (timed for the record, no bound asserted)', async () => {
    const rows = manyRows(100_000);
    for (const [kind, bytes] of [
      ['xlsx', workbook({ S: rows })],
      ['gbk csv', encode(delimited(rows), 'gbk')],
    ] as const) {
      const started = Date.now();
      const table = await parseImportFile(bytes, { workerScript: WORKER });
      console.log(`import parse of 100,000 rows, ${kind} (${(bytes.length / 1024 / 1024).toFixed(1)} MB): ${Date.now() - started} ms`);
      expect(table.rows.length).toBe(100_000);
      expect(table.rows[99_999]).toEqual({ row: 100_001, cells: rows[100_000] });
    }
  }, 180_000);
});
