import fs from 'node:fs';
import type { Router } from '../../electron/ipc/router';
import { OWNER, call, mb } from './common';
import type { Row } from './measure';
import { sampleRss } from './stats';

/**
 * Exporting every customer (the owner's view, all columns) through the router: CSV in UTF-8 and
 * GBK, and xlsx. One run each, as a person would; rows per second, the growth of the process's
 * peak RSS (maxRSS only rises, so a 0 means the export stayed under an earlier peak), and the RSS
 * and V8 heap just after the export against just before (what the export still holds on to).
 * xlsx goes first: it is the one that used to build the whole workbook in memory (+612 MB at
 * 100,000 rows with SheetJS), and after the csv runs an earlier peak could hide its growth.
 */
export async function measureExport(input: { router: Router; target: (format: string) => string; rows: Row[]; notes: string[]; say: (line: string) => void }): Promise<void> {
  const { router, target, rows, notes, say } = input;
  const columns = ['name', 'level', 'ownerUsername', 'tags', 'mobile', 'phone', 'email', 'province', 'city', 'addressDetail', 'company', 'notes', 'createdAt'];
  for (const [label, request] of [
    ['xlsx', { format: 'xlsx', columns }],
    ['csv UTF-8', { format: 'csv', encoding: 'utf8', columns }],
    ['csv GBK', { format: 'csv', encoding: 'gbk', columns }],
  ] as const) {
    say(`export, ${label}`);
    const peakBefore = process.resourceUsage().maxRSS * 1024;
    const before = process.memoryUsage();
    const started = performance.now();
    const result = await call<{ rows: number }>(router, OWNER, 'customers.export', request);
    const ms = performance.now() - started;
    const grew = process.resourceUsage().maxRSS * 1024 - peakBefore;
    const after = process.memoryUsage();
    sampleRss();
    const bytes = fs.statSync(target(request.format)).size;
    fs.rmSync(target(request.format), { force: true });
    rows.push({ operation: `export all customers, ${label}, owner, via router (1 run)`, coffer: { n: 1, median: ms, p95: ms, max: ms }, plain: null, unit: 'ms' });
    notes.push(`Export ${label}: ${result.rows} rows in ${(ms / 1000).toFixed(2)} s = ${Math.round(result.rows / (ms / 1000))} rows/s, file ${mb(bytes).toFixed(1)} MB, peak RSS grew by ${mb(Math.max(0, grew)).toFixed(0)} MB; RSS after - before ${mb(after.rss - before.rss).toFixed(0)} MB, heap ${mb(after.heapUsed - before.heapUsed).toFixed(0)} MB.`);
  }
}
