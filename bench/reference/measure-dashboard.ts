import type { Router } from '../../electron/ipc/router';
import { call, MANAGER, OWNER, SALES } from './common';
import type { Row } from './measure';
import { summarize, timeEach } from './stats';

/**
 * The dashboard as each role opens it (issue 14: under 100 ms at 100,000 customers), Mine and
 * Everyone, and the Reminders page's tab counts. Every call is a full routed, audited read.
 */
export async function measureDashboard(router: Router, n: number, warmup: number): Promise<Row[]> {
  const rows: Row[] = [];
  const cases = [
    ['owner, everyone', OWNER, false],
    ['owner, mine', OWNER, true],
    ['manager, everyone', MANAGER, false],
    ['manager, mine', MANAGER, true],
    ['sales (own customers)', SALES, false],
  ] as const;
  for (const [who, sender, mine] of cases) {
    const stats = summarize(await timeEach(Array.from({ length: n }, () => mine), warmup, () => call(router, sender, 'dashboard.summary', { mine })));
    rows.push({ operation: `dashboard, ${who}, via router`, coffer: stats, plain: null, unit: 'ms', target: { text: 'p95 ≤ 100 ms', met: stats.p95 <= 100 } });
  }
  for (const [who, sender, mine] of cases) {
    const stats = summarize(await timeEach(Array.from({ length: n }, () => mine), warmup, () => call(router, sender, 'reminders.counts', { mine })));
    rows.push({ operation: `reminder tab counts, ${who}, via router`, coffer: stats, plain: null, unit: 'ms', target: { text: 'p95 ≤ 100 ms', met: stats.p95 <= 100 } });
  }
  return rows;
}
