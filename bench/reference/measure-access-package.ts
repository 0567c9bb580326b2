import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../electron/core/db/open-database';
import { insertInteractions, insertPurchase } from '../../electron/core/customers/timeline-repository';
import type { Router } from '../../electron/ipc/router';
import { OWNER, call, mb } from './common';
import type { Row } from './measure';
import { sampleRss } from './stats';

const INTERACTIONS = 5_000;
const PURCHASES = 2_000;

/**
 * A customer's access package (issue 16) for a long-standing customer: 5,000 interactions and
 * 2,000 purchases added to one customer of the reference vault, then the package built through
 * the router (read, .xlsx, JSON, AES-256 zip, fsync'd write, audit row) a few times. Figures, not a
 * test; the package files are removed after each run. Runs after the page and heavy rows: the added rows do not touch them.
 */
export async function measureAccessPackage(input: { router: Router; vault: Db; folder: string; runs: number; rows: Row[]; notes: string[]; say: (line: string) => void }): Promise<void> {
  const { router, vault, folder, runs, rows, notes, say } = input;
  say(`access package, one customer with ${INTERACTIONS.toLocaleString('en')} interactions and ${PURCHASES.toLocaleString('en')} purchases`);
  const customer = vault.prepare('SELECT id, owner_id AS ownerId FROM customers WHERE deleted_at IS NULL ORDER BY id LIMIT 1').get() as { id: number; ownerId: number };
  const now = new Date().toISOString();
  vault.transaction(() => {
    const day = (i: number) => new Date(Date.UTC(2020, 0, 1) + i * 3_600_000).toISOString();
    insertInteractions(vault, customer.id, customer.ownerId, Array.from({ length: INTERACTIONS }, (_, i) => ({ kind: 'call' as const, at: day(i), summary: `第 ${i + 1} 次回访：询问春茶价格和送货时间 follow-up about the spring order` })), now);
    for (let i = 0; i < PURCHASES; i += 1) insertPurchase(vault, { customerId: customer.id, date: day(i * 5).slice(0, 10), item: `龙井茶 250g #${i + 1}`, amountMinor: 12_800 + i, currency: 'CNY', note: '礼盒包装', userId: customer.ownerId }, now);
  })();
  const times: number[] = [];
  let bytes = 0;
  const peakBefore = process.resourceUsage().maxRSS * 1024;
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    const result = await call<{ fileName: string }>(router, OWNER, 'privacy.accessPackage', { customerId: customer.id });
    times.push(performance.now() - started);
    const file = path.join(folder, result.fileName);
    bytes = fs.statSync(file).size;
    fs.rmSync(file, { force: true });
    sampleRss();
  }
  const grew = process.resourceUsage().maxRSS * 1024 - peakBefore;
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  rows.push({ operation: `access package, ${INTERACTIONS.toLocaleString('en')} interactions + ${PURCHASES.toLocaleString('en')} purchases, owner, via router (${runs} runs)`, coffer: { n: runs, median, p95: sorted.at(-1)!, max: sorted.at(-1)! }, plain: null, unit: 'ms' });
  notes.push(`Access package: zip of ${mb(bytes).toFixed(2)} MB (.xlsx + JSON, AES-256), peak RSS grew by ${mb(Math.max(0, grew)).toFixed(0)} MB over ${runs} runs.`);
}
