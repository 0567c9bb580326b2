import type { Router } from '../../electron/ipc/router';
import { call, MANAGER, SALES } from './common';
import type { Row } from './measure';
import { summarize, timeEach } from './stats';

/**
 * The data-quality page's three lists over the whole book (first page of 20, with its totals), as
 * the manager (every customer) and a salesperson (own book) open them. Each call recomputes its
 * groups and counts, so a handful of runs shows the cost; one warm-up first.
 */
export async function measureQuality(router: Router, runs: number): Promise<Row[]> {
  const rows: Row[] = [];
  for (const [label, channel, input] of [
    ['likely duplicates (phone, e-mail, name + company/city)', 'customers.qualityDuplicates', { limit: 20 }],
    ['customers without contact', 'customers.qualityMissing', { limit: 20 }],
    ['customers untouched for a year', 'customers.qualityStale', { limit: 20 }],
  ] as const) {
    for (const [who, sender] of [['manager', MANAGER], ['sales', SALES]] as const) {
      const stats = summarize(await timeEach(Array.from({ length: runs + 1 }, () => input), 1, () => call(router, sender, channel, input)));
      rows.push({ operation: `data quality: ${label}, first page + totals, ${who}, via router`, coffer: stats, plain: null, unit: 'ms' });
    }
  }
  return rows;
}
