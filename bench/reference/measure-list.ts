import { countCustomers, listCustomers, type CustomerWhere } from '../../electron/core/customers/customer-repository';
import type { Db } from '../../electron/core/db/open-database';
import type { Router } from '../../electron/ipc/router';
import { call, MANAGER, PAGE, SALES } from './common';
import type { Row } from './measure';
import { draw, summarize, timeEach } from './stats';

/**
 * The customers list of issue 14: the honest count (an indexed COUNT for the person's filter) and
 * the end of the whole list reached by position, as the table does when the scroll bar is dragged
 * to the bottom or End is pressed (one customers.list call with an offset, the total with it).
 * Regions come from the data, so the filtered counts land on real values.
 */
export async function measureList(input: { router: Router; vault: Db; plain: Db; salesId: number; n: number; warmup: number; random: () => number; say: (line: string) => void }): Promise<Row[]> {
  const { router, vault, plain, salesId, n, warmup, random, say } = input;
  const rows: Row[] = [];
  const regions = (plain.prepare('SELECT DISTINCT region FROM customers WHERE deleted_at IS NULL AND region IS NOT NULL').all() as { region: string }[]).map((r) => r.region);
  const wheres: { label: string; where: CustomerWhere }[] = [
    { label: 'everyone', where: {} },
    { label: 'one region', where: { region: regions[0] } },
    { label: 'sales own book', where: { ownerId: salesId } },
  ];

  say('list counts');
  for (const { label, where } of wheres) {
    const onVault = summarize(await timeEach(Array.from({ length: n }, () => where), warmup, (w) => countCustomers(vault, w)));
    const onPlain = summarize(await timeEach(Array.from({ length: n }, () => where), warmup, (w) => countCustomers(plain, w)));
    rows.push({ operation: `list count (${label}), direct SQL`, coffer: onVault, plain: onPlain, unit: 'ms', target: { text: 'p95 ≤ 50 ms', met: onVault.p95 <= 50 } });
  }

  say('the end of the list by position');
  const total = countCustomers(plain, {});
  const salesTotal = countCustomers(plain, { ownerId: salesId });
  for (const [who, sender, count, where] of [
    ['manager', MANAGER, total, {}],
    ['sales', SALES, salesTotal, { ownerId: salesId }],
  ] as const) {
    // The last page, and pages near it, both directions of the name sort.
    const inputs = draw([0, 1, 2, 3], n, random).map((k) => ({ offset: Math.max(0, count - PAGE * (k + 1)), dir: (k % 2 === 0 ? 'asc' : 'desc') as 'asc' | 'desc' }));
    const viaRouter = summarize(await timeEach(inputs, warmup, (i) => call(router, sender, 'customers.list', { sort: 'name', dir: i.dir, offset: i.offset, limit: PAGE })));
    const direct = (db: Db) => (i: { offset: number; dir: 'asc' | 'desc' }) => listCustomers(db, { ...where, sort: 'name', descending: i.dir === 'desc', offset: i.offset, limit: PAGE + 1 });
    const onVault = summarize(await timeEach(inputs, warmup, direct(vault)));
    const onPlain = summarize(await timeEach(inputs, warmup, direct(plain)));
    rows.push({ operation: `end of the list by position (page + total), ${who}, via router`, coffer: viaRouter, plain: onPlain, unit: 'ms', target: { text: 'p95 ≤ 1,000 ms', met: viaRouter.p95 <= 1000 } });
    rows.push({ operation: `end of the list by position (page only), ${who}, direct SQL`, coffer: onVault, plain: onPlain, unit: 'ms' });
  }

  say('filter values');
  for (const [who, sender] of [['manager', MANAGER], ['sales', SALES]] as const) {
    const stats = summarize(await timeEach(Array.from({ length: Math.max(4, Math.round(n / 10)) }, () => ({})), 1, () => call(router, sender, 'customers.filterValues', {})));
    rows.push({ operation: `filter values (levels, regions, tags, owners), ${who}, via router`, coffer: stats, plain: null, unit: 'ms' });
  }
  return rows;
}
