import { performance } from 'node:perf_hooks';
import { DEFAULT_APPROVAL_POLICY } from '../../shared/approvals';
import type { Batch, RunReport } from '../../shared/retention';
import type { Core } from '../../electron/core';
import type { Db } from '../../electron/core/db/open-database';
import type { Router } from '../../electron/ipc/router';
import { call, OWNER } from './common';
import type { Row } from './measure';
import { summarize, timeEach } from './stats';

const BATCH = 20;

/**
 * Issue 17: the retention dry run over every customer, and an anonymising batch at full size. The
 * reference vault is recent, so a share of it is back-dated first (last contact, creation and
 * purchases moved years back): about a third dormant, BATCH customers past the proposal. The
 * batch runs as the product runs it (chunks through eraseCustomer, each with its whole-vault
 * after-check); the bench's lone owner switches the batch's approval off, as it does for export.
 */
export async function measureRetention(input: { core: Core; router: Router; vault: Db; rows: Row[]; notes: string[]; say: (line: string) => void }): Promise<void> {
  const { core, router, vault, rows, notes, say } = input;
  const owner = OWNER;
  const ids = (vault.prepare('SELECT id FROM customers WHERE deleted_at IS NULL AND erased_at IS NULL ORDER BY id').all() as { id: number }[]).map((r) => r.id);
  const now = Date.now();
  const yearsAgo = (y: number) => new Date(now - y * 365.25 * 86_400_000).toISOString();
  say('back-dating a third of the customers for the retention rules');
  vault.transaction(() => {
    const backdate = vault.prepare('UPDATE customers SET created_at = ?, last_interaction_at = ? WHERE id = ?');
    const purchases = vault.prepare('UPDATE purchases SET date = ? WHERE customer_id = ?');
    ids.forEach((id, i) => {
      if (i % 3 !== 0) return;
      const when = i / 3 < BATCH ? yearsAgo(6) : yearsAgo(4);
      backdate.run(when, when, id);
      purchases.run(when.slice(0, 10), id);
    });
  })();
  await call(router, owner, 'retention.setSettings', { enabled: true, scheduleDays: 30, noticeDays: 0 });
  await call(router, owner, 'approvals.setPolicy', { ...DEFAULT_APPROVAL_POLICY, operations: { ...DEFAULT_APPROVAL_POLICY.operations, 'customers.export': false, 'retention.anonymise': false } });

  say('retention dry run over every customer');
  const dry = summarize(await timeEach([0, 1, 2, 3, 4, 5], 1, () => call(router, owner, 'retention.dryRun', { offset: 0, limit: 100 })));
  rows.push({ operation: `retention dry run over ${ids.length.toLocaleString('en')} customers (rules, last contact, first page of 100), via router`, coffer: dry, plain: null, unit: 'ms' });

  const soon = summarize(await timeEach([0, 1, 2, 3, 4, 5], 1, () => call(router, owner, 'retention.dryRun', { offset: 0, limit: 100, upcoming: true })));
  rows.push({ operation: `retention due-soon list (next 30 days) over ${ids.length.toLocaleString('en')} customers, via router`, coffer: soon, plain: null, unit: 'ms' });

  say('retention run: mark dormant and propose');
  const started = performance.now();
  const report = await call<RunReport>(router, owner, 'retention.runNow', {});
  rows.push({ operation: `retention run (marks ${report.marked.toLocaleString('en')} dormant, proposes ${report.proposed}), via router`, coffer: summarize([performance.now() - started]), plain: null, unit: 'ms' });

  say(`anonymising batch of ${report.proposed} customers`);
  const batchStarted = performance.now();
  await call(router, owner, 'retention.anonymise', { batchId: report.batchId });
  await core.retention.settled();
  const total = performance.now() - batchStarted;
  const batch = await call<Batch>(router, owner, 'retention.batch', { id: report.batchId });
  rows.push({ operation: `anonymising batch of ${batch.erased} customers (chunks of 10 in short transactions; each person's whole-vault after-check on the worker), whole batch`, coffer: summarize([total]), plain: null, unit: 'ms' });
  rows.push({ operation: 'anonymising batch, per customer', coffer: summarize([total / Math.max(1, batch.erased)]), plain: null, unit: 'ms' });
  notes.push(`Retention: the dry run reads every live customer's level, industry, tags (only when a tag rule exists) and last contact (interaction, purchase or creation) in one query and applies the rules in JS; the batch ended '${batch.state}' with ${batch.erased} anonymised and ${batch.skipped} skipped. Each person's whole-vault after-check (on the worker thread, after its chunk) dominates the batch.`);
}
