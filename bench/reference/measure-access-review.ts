import type { Db } from '../../electron/core/db/open-database';
import type { Router } from '../../electron/ipc/router';
import { call, OWNER } from './common';
import type { Row } from './measure';
import { summarize, timeEach } from './stats';

/**
 * The owner's access review over a year (issue 15): per account counts of exports, reveals and
 * deletes from the audit log. Measured after the page rows, so the log holds every read they
 * audited: the counts must walk the (action, id) index of the few counted actions, not the reads.
 */
export async function measureAccessReview(input: { router: Router; vault: Db; n: number; warmup: number; rows: Row[]; notes: string[]; say: (line: string) => void }): Promise<void> {
  const { router, vault, n, warmup, rows, notes, say } = input;
  say('access review, 365 days');
  const auditRows = (vault.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
  const runs = Array.from({ length: n }, () => 365);
  const stats = summarize(await timeEach(runs, warmup, (periodDays) => call(router, OWNER, 'users.accessReview', { periodDays })));
  rows.push({ operation: 'access review, 365 days, every account, via router', coffer: stats, plain: null, unit: 'ms', target: { text: 'p95 ≤ 100 ms', met: stats.p95 <= 100 } });
  notes.push(`Access review: measured with ${auditRows.toLocaleString('en')} audit rows in the log.`);
}
