import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { Db } from '../../electron/core/db/open-database';
import type { Router } from '../../electron/ipc/router';
import { seedAuditRows } from './audit-seed';
import { REFERENCE_NOW } from './build';
import { call, OWNER, seconds } from './common';
import type { Row } from './measure';
import { summarize, timeEach } from './stats';

const DAY = 24 * 60 * 60 * 1000;

/**
 * The audit log at scale (issue 18): `auditRows` rows seeded into the vault (a valid chain, see
 * audit-seed.ts), then every filter of the audit page through the router as the owner (p95 ≤ 20
 * ms), paging back, the re-verify after 1,000 new rows, the full verify on the worker (≤ 5 s) and
 * the main thread's event-loop delay while it runs. Runs last: the seeded rows stay in the vault.
 */
export async function measureAuditLog(input: { router: Router; vault: Db; auditRows: number; n: number; warmup: number; heavyRuns: number; random: () => number; rows: Row[]; notes: string[]; say: (line: string) => void }): Promise<void> {
  const { router, vault, auditRows, n, warmup, heavyRuns, random, rows, notes, say } = input;
  say(`seeding ${auditRows.toLocaleString('en')} audit rows`);
  const started = performance.now();
  const seeded = seedAuditRows(vault, auditRows, REFERENCE_NOW, random);
  const seedMs = performance.now() - started;
  const total = (vault.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
  const users = (vault.prepare('SELECT username FROM users').all() as { username: string }[]).map((u) => u.username);
  const customers = (vault.prepare('SELECT max(id) AS n FROM customers').get() as { n: number }).n;
  const span = vault.prepare('SELECT min(at) AS first, max(at) AS last FROM audit_log WHERE id >= ?').get(seeded.first) as { first: string; last: string };
  const [first, last] = [Date.parse(span.first), Date.parse(span.last)];
  const day = () => {
    const from = first + Math.floor(random() * Math.max(1, (last - first) / DAY - 1)) * DAY;
    return { from: new Date(from).toISOString(), to: new Date(from + DAY - 1).toISOString() };
  };
  const user = () => users[Math.floor(random() * users.length)]!;
  const customer = () => 1 + Math.floor(random() * customers);
  const filters: [string, () => Record<string, unknown>][] = [
    ['newest page, reads hidden (the page as it opens)', () => ({ hideReads: true })],
    ['user', () => ({ username: user(), hideReads: false })],
    ['user, reads hidden', () => ({ username: user(), hideReads: true })],
    ['customer', () => ({ customerId: customer(), hideReads: false })],
    ['customer, reads hidden', () => ({ customerId: customer(), hideReads: true })],
    ['action group: customers, reads hidden', () => ({ group: 'customers', hideReads: true })],
    ['action group: backups (rare)', () => ({ group: 'backups', hideReads: false })],
    ['time window: a random day', () => ({ ...day(), hideReads: false })],
    ['time window + user + reads hidden', () => ({ ...day(), username: user(), hideReads: true })],
    ['time window + group + user', () => ({ ...day(), group: 'transfer', username: user(), hideReads: false })],
    ['customer + user + time window', () => ({ customerId: customer(), username: user(), from: new Date(first).toISOString(), hideReads: false })],
    ['an older page (keyset, random depth), reads hidden', () => ({ beforeId: 1 + Math.floor(random() * total), hideReads: true })],
  ];
  const target = (p95: number) => ({ text: 'p95 ≤ 20 ms', met: p95 <= 20 });
  for (const [label, make] of filters) {
    say(`audit filter: ${label}`);
    const inputs = Array.from({ length: n }, make);
    const stats = summarize(await timeEach(inputs, warmup, (filter) => call(router, OWNER, 'audit.query', { limit: 100, ...filter })));
    rows.push({ operation: `audit page at ${total.toLocaleString('en')} rows (router, owner, 100 rows): ${label}`, coffer: stats, plain: null, unit: 'ms', target: target(stats.p95) });
  }

  // Issue 17: who is affected when an account leaks, read from this log (the user's rows in the window).
  say('breach: the customers one user saw, revealed or exported');
  const incident = await call<{ id: number }>(router, OWNER, 'breach.create', { summary: 'Bench: a leaked account.', discoveredAt: new Date(Math.min(last, Date.now())).toISOString(), source: 'leaked-account' });
  for (const [label, days] of [['the default week', 7], ['30 days', 30]] as const) {
    const inputs = Array.from({ length: Math.max(5, heavyRuns) }, () => ({ id: incident.id, username: user(), from: new Date(last - days * DAY).toISOString(), to: new Date(last).toISOString() }));
    const stats = summarize(await timeEach(inputs, 1, (input) => call(router, OWNER, 'breach.affected', input)));
    rows.push({ operation: `breach: customers one user saw, revealed or exported in ${label} of a ${total.toLocaleString('en')}-row log (router, owner)`, coffer: stats, plain: null, unit: 'ms' });
  }

  say('audit verify: full on the worker, with the event-loop delay of the main thread');
  const fulls: number[] = [];
  const delays: number[] = [];
  for (let i = 0; i < heavyRuns; i += 1) {
    const histogram = monitorEventLoopDelay({ resolution: 10 });
    histogram.enable();
    const t = performance.now();
    const verdict = await call<{ ok: boolean; scope: string }>(router, OWNER, 'audit.verify', { scope: 'full' });
    fulls.push(performance.now() - t);
    histogram.disable();
    delays.push(histogram.max / 1e6);
    if (!verdict.ok || verdict.scope !== 'full') throw new Error('the seeded audit log did not verify');
  }
  const full = summarize(fulls);
  rows.push({ operation: `audit verify, full, on the worker (${total.toLocaleString('en')} rows)`, coffer: full, plain: null, unit: 'ms', target: { text: 'median ≤ 5 s', met: full.median <= 5000 } });
  const delay = summarize(delays);
  rows.push({ operation: 'main thread event-loop delay during the full verify (max per run)', coffer: delay, plain: null, unit: 'ms', target: { text: 'max ≤ 100 ms (answers other calls)', met: delay.max <= 100 } });

  say('audit verify after 1,000 new rows, from the checkpoint');
  const quick: number[] = [];
  for (let i = 0; i < Math.max(5, heavyRuns); i += 1) {
    seedAuditRows(vault, 1000, new Date(Date.now() + (i + 1) * DAY), random);
    const t = performance.now();
    const verdict = await call<{ ok: boolean; scope: string }>(router, OWNER, 'audit.verify', { scope: 'new' });
    quick.push(performance.now() - t);
    if (!verdict.ok || verdict.scope !== 'new') throw new Error('the re-verify did not start from the checkpoint');
  }
  const q = summarize(quick);
  rows.push({ operation: 'audit re-verify after 1,000 new rows (from the checkpoint)', coffer: q, plain: null, unit: 'ms', target: { text: 'p95 ≤ 100 ms', met: q.p95 <= 100 } });
  notes.push(`Audit log: ${auditRows.toLocaleString('en')} rows seeded in ${seconds(seedMs)} (one transaction, the app's row format, hash and index writes; a valid chain). The full verify runs on the backup worker's thread with its own read-only connection; the event-loop delay is the main thread's worst stall while it ran.`);
}
