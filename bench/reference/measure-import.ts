import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import iconv from 'iconv-lite';
import type { Router } from '../../electron/ipc/router';
import { OWNER, call, mb } from './common';
import type { Row } from './measure';
import { sampleRss } from './stats';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳'];
const CITIES = ['上海', '北京', '杭州', '广州', '深圳', '成都'];
const HEADERS = ['姓名', '手机', '邮箱', '公司', '城市', '标签', '备注'];

/** A customer list as a shop would keep it: unique mobiles (prefix per file), Chinese text, tags. */
function sheetRows(n: number, prefix: number): string[][] {
  return Array.from({ length: n }, (_, i) => [
    `${SURNAMES[i % 10]}${GIVEN[(i >> 3) % 12]}${i}`,
    `1${prefix}${String(i).padStart(8, '0')}`,
    `c${prefix}-${i}@example.com`,
    `${CITIES[i % 6]}示例贸易有限公司${i % 500}`,
    CITIES[i % 6]!,
    i % 3 === 0 ? '老客户，批发' : '零售',
    i % 7 === 0 ? '喜欢绿茶，周末联系' : '',
  ]);
}

export function writeImportFiles(dir: string, n: number, prefix: number): { xlsx: string; csv: string } {
  const rows = sheetRows(n, prefix);
  const xlsx = path.join(dir, `bench-import-${n}.xlsx`);
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([HEADERS, ...rows]), '客户');
  fs.writeFileSync(xlsx, XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer);
  const csvRows = sheetRows(n, prefix + 1);
  const csv = path.join(dir, `bench-import-${n}-gbk.csv`);
  fs.writeFileSync(csv, iconv.encode([HEADERS, ...csvRows].map((r) => r.join(',')).join('\r\n'), 'gbk'));
  return { xlsx, csv };
}

/**
 * Importing a file through the router as the owner: open (read, hash, parse in the worker), dry
 * run, and the commit in 500-row transactions until done; then the whole batch undone again so
 * the vault is as it was. One run each; rows per second and the growth of the peak RSS.
 */
export async function measureImport(input: { router: Router; dir: string; sizes: number[]; setFile: (file: string) => void; rows: Row[]; notes: string[]; say: (line: string) => void }): Promise<void> {
  const { router, dir, rows, notes, say } = input;
  const mapping = ['name', 'mobile', 'email', 'company', 'city', 'tags', 'notes'].map((target, i) => ({ letter: String.fromCharCode(65 + i), target }));
  let prefix = 30;
  for (const n of input.sizes) {
    const files = writeImportFiles(dir, n, prefix);
    prefix += 2;
    for (const [label, file] of [['xlsx', files.xlsx], ['csv GBK', files.csv]] as const) {
      say(`import ${n.toLocaleString('en')} rows, ${label}`);
      input.setFile(file);
      const peakBefore = process.resourceUsage().maxRSS * 1024;
      const t0 = performance.now();
      const opened = await call<{ status: string; preview: { importId: string; rows: number } }>(router, OWNER, 'import.open', {});
      const importId = opened.preview.importId;
      const t1 = performance.now();
      // 'new' for duplicates: random phones in 100,000 generated rows meet the vault's now and then
      // (a birthday collision), and every row must be written for the figures to compare.
      const dry = await call<{ counts: { new: number; error: number } }>(router, OWNER, 'import.dryRun', { importId, mapping, choice: 'new', rememberMapping: false });
      const t2 = performance.now();
      const { batchId } = await call<{ batchId: string }>(router, OWNER, 'import.commit', { importId, confirmRepeat: true });
      let progress: { state: string; done: number };
      do {
        await new Promise((resolve) => setTimeout(resolve, 20));
        progress = await call(router, OWNER, 'import.progress', { importId });
      } while (progress.state === 'running');
      const t3 = performance.now();
      const grew = process.resourceUsage().maxRSS * 1024 - peakBefore;
      sampleRss();
      if (progress.state !== 'done' || dry.counts.new !== n) throw new Error(`import ${label} ${n}: ${progress.state}, ${dry.counts.new} new of ${n}`);
      const t4 = performance.now();
      await call(router, OWNER, 'import.undo', { batchId, force: true });
      const t5 = performance.now();
      await call(router, OWNER, 'import.close', { importId });
      const size = fs.statSync(file).size;
      fs.rmSync(file, { force: true });
      for (const [step, ms] of [['open + parse', t1 - t0], ['dry run', t2 - t1], ['commit', t3 - t2], ['undo', t5 - t4]] as const) {
        rows.push({ operation: `import ${n.toLocaleString('en')} rows ${label}: ${step}, owner, via router (1 run)`, coffer: { n: 1, median: ms, p95: ms, max: ms }, plain: null, unit: 'ms' });
      }
      const rate = (ms: number) => Math.round(n / (ms / 1000)).toLocaleString('en');
      notes.push(
        `Import ${n.toLocaleString('en')} rows ${label} (${mb(size).toFixed(1)} MB): open+parse ${((t1 - t0) / 1000).toFixed(2)} s, dry run ${((t2 - t1) / 1000).toFixed(2)} s (${rate(t2 - t1)} rows/s), ` +
          `commit ${((t3 - t2) / 1000).toFixed(2)} s (${rate(t3 - t2)} rows/s), undo ${((t5 - t4) / 1000).toFixed(2)} s; peak RSS grew by ${mb(Math.max(0, grew)).toFixed(0)} MB.`,
      );
    }
  }
}
