import { appendAudit, type AuditEntry } from '../../electron/core/audit/audit-log';
import type { Core } from '../../electron/core';
import type { Db } from '../../electron/core/db/open-database';
import { PAGE } from './common';
import type { Row } from './measure';
import { draw, summarize, timeEach } from './stats';

/**
 * What the monitoring rules (issue 15) add to a read: the audit row of a page of 50 written the
 * way the app writes it (rules prepared before, evaluated after), next to the same row written
 * alone. The actor is an account of its own that cannot sign in (bench-monitor): when its reads
 * cross views.many and bulk.read it is alerted and suspended, never the accounts the other rows use.
 * A second row times the rebuild after a restart: a user's windows replayed from the log.
 */
export async function measureMonitoring(input: { core: Core; vault: Db; byName: { id: number }[]; n: number; warmup: number; random: () => number; rows: Row[]; notes: string[]; say: (line: string) => void }): Promise<void> {
  const { core, vault, byName, n, warmup, random, rows, notes, say } = input;
  say('monitoring rules on a page of 50 (evaluated vs the audit row alone)');
  vault.prepare("INSERT OR IGNORE INTO users (username, display_name, role, password_hash, created_at) VALUES ('bench-monitor', 'Bench monitor', 'manager', 'no-login', ?)").run(new Date().toISOString());
  const { id } = vault.prepare("SELECT id FROM users WHERE username = 'bench-monitor'").get() as { id: number };
  const actor = { userId: id, username: 'bench-monitor', role: 'manager' as const };
  const pages = Array.from({ length: n }, () => {
    const start = Math.floor(random() * Math.max(1, byName.length - PAGE));
    return byName.slice(start, start + PAGE).map((r) => r.id);
  });
  const entry = (ids: number[]): AuditEntry => ({ actor, action: 'customer.list', entity: 'customer', outcome: 'ok', customerIds: ids });
  const monitored = (ids: number[]) => {
    const at = new Date();
    core.monitor.prepare(vault, entry(ids), at);
    appendAudit(vault, entry(ids), at);
    core.monitor.observe(vault, entry(ids), at);
  };
  const withRules = summarize(await timeEach(draw(pages, n, random), warmup, (ids) => monitored(ids)));
  const alone = summarize(await timeEach(draw(pages, n, random), warmup, (ids) => appendAudit(vault, entry(ids), new Date())));
  rows.push({ operation: 'audit row of a page of 50 with the monitoring rules evaluated (vault; plain column: the same row without them)', coffer: withRules, plain: alone, unit: 'ms' });
  // The windows now hold the reads above: time a restart's replay of them (10 minutes of this user).
  const replay = summarize(
    await timeEach([0, 1, 2, 3, 4], 1, () => {
      core.monitor.invalidate(vault);
      core.monitor.prepare(vault, entry(pages[0]!), new Date());
    }),
  );
  notes.push(
    `Monitoring rules (issue 15): evaluating views.many, bulk.read and the others on a page of 50 adds ${(withRules.median - alone.median).toFixed(3)} ms to its audit row (median ${withRules.median.toFixed(3)} vs ${alone.median.toFixed(3)} ms). After a restart a user's first read replays their last window from the log: ${replay.median.toFixed(1)} ms for ${n * 2} page rows.`,
  );
}
