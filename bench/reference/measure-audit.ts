import { encodeCustomerIds } from '../../electron/core/audit/audit-customer-ids';
import { appendAudit } from '../../electron/core/audit/audit-log';
import type { Core } from '../../electron/core';
import type { Db } from '../../electron/core/db/open-database';
import { MANAGER, PAGE } from './common';
import type { Row } from './measure';
import { draw, summarize, timeEach } from './stats';

/**
 * What recording a page's 50 customer ids in its audit row costs (issue 12, section 6): the same
 * audit row, each in its own committed transaction as a page writes it, with the ids of a real
 * page of 50 and without them, on the vault. The routed page rows of the table already include
 * the ids; this isolates their share.
 */
export async function measureAuditIds(input: { core: Core; vault: Db; byName: { id: number }[]; n: number; warmup: number; random: () => number; rows: Row[]; notes: string[]; say: (line: string) => void }): Promise<void> {
  const { core, vault, byName, n, warmup, random, rows, notes, say } = input;
  say('audit row of a page of 50, with and without its customer ids');
  const manager = core.sessions.current(MANAGER)!;
  const actor = { userId: manager.userId, username: manager.username, role: manager.role };
  const pages = Array.from({ length: n }, () => {
    const start = Math.floor(random() * Math.max(1, byName.length - PAGE));
    return byName.slice(start, start + PAGE).map((r) => r.id);
  });
  const append = (ids: number[] | null) => appendAudit(vault, { actor, action: 'customer.list', entity: 'customer', outcome: 'ok', ...(ids ? { customerIds: ids } : {}) }, new Date());
  const withIds = summarize(await timeEach(draw(pages, n, random), warmup, (ids) => append(ids)));
  const withoutIds = summarize(await timeEach(draw(pages, n, random), warmup, () => append(null)));
  rows.push({ operation: 'audit row of a page of 50, with its 50 customer ids (vault; plain column: the same row without ids)', coffer: withIds, plain: withoutIds, unit: 'ms' });
  const lengths = pages.map((ids) => encodeCustomerIds(ids)?.length ?? 0);
  notes.push(
    `Customer ids in audit rows: a page of 50 by name records its ids in ${Math.round(lengths.reduce((a, b) => a + b, 0) / lengths.length)} characters on average (sorted, delta, base 36). Appending that row, committed: median ${withIds.median.toFixed(3)} ms with the ids, ${withoutIds.median.toFixed(3)} ms without (the routed page rows above include the ids).`,
  );
}
