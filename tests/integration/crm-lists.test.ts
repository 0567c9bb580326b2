import { expect, it } from 'vitest';
import type { ChannelOutput } from '../../shared/contract';
import { describeKeychain } from '../support/keyring';
import { accessWorld, type AccessWorld } from './access-helpers';

type Page = ChannelOutput<'customers.list'>;
const names = (result: { ok: boolean; value?: unknown }) => (result.ok ? ((result.value as Page).items ?? (result.value as { name: string }[])).map((c: { name: string }) => c.name) : result);

/** Adds customers through the router as the manager (all scope), each with level/region/tags. */
async function seed(w: AccessWorld, rows: { name: string; level?: 'vip' | 'regular' | 'prospect'; region?: string; tags?: string[] }[]) {
  for (const row of rows) {
    const made = await w.router.dispatch(w.caller('manager'), 'customers.create', row);
    if (!made.ok) throw new Error(made.error.code);
  }
}

describeKeychain('the customers table through the router: filters, sorts, paging, bulk tags, recycle bin', () => {
  it('filters by level, tag, owner, region and dormancy, sorts both ways, and pages by keyset with a total', async () => {
    const clock = Date.now();
    const w = await accessWorld();
    await seed(w, [
      { name: 'Ada', level: 'vip', region: '华东', tags: ['wholesale'] },
      { name: 'Bo', level: 'prospect', region: '华南' },
      { name: 'Cy', level: 'vip', region: '华南', tags: ['wholesale', 'newsletter'] },
      { name: 'Di', region: '华东' },
    ]);
    const m = w.caller('manager');
    expect(names(await w.router.dispatch(m, 'customers.list', { filters: { level: 'vip' } }))).toEqual(['Ada', 'Cy']);
    expect(names(await w.router.dispatch(m, 'customers.list', { filters: { tag: 'wholesale', region: '华南' } }))).toEqual(['Cy']);
    expect(names(await w.router.dispatch(m, 'customers.list', { filters: { owner: 'sales1' } }))).toEqual(['王伟']);
    expect(names(await w.router.dispatch(m, 'customers.list', { sort: 'name', dir: 'desc', limit: 3 }))).toEqual(['王伟', 'To Delete', 'Owner Customer']);

    // Keyset paging visits every row once, in order, and only the first page carries the total.
    const seen: string[] = [];
    let after: Page['next'] = null;
    let pages = 0;
    do {
      const result = await w.router.dispatch(m, 'customers.list', { sort: 'name', limit: 2, ...(after ? { after } : {}) });
      if (!result.ok) throw new Error(result.error.code);
      const page = result.value as Page;
      expect(page.total).toBe(pages === 0 ? 7 : null);
      seen.push(...page.items.map((c) => c.name));
      after = page.next;
      pages += 1;
    } while (after);
    expect(seen).toEqual(['Ada', 'Bo', 'Cy', 'Di', 'Owner Customer', 'To Delete', '王伟']);
    expect(pages).toBe(4);

    // Dormant: no contact for 90 days (or, never contacted, created that long ago).
    await w.router.dispatch(m, 'interactions.add', { customerId: 4, kind: 'call', at: new Date(clock - 100 * 86_400_000).toISOString(), summary: 'Hello' });
    await w.router.dispatch(m, 'interactions.add', { customerId: 5, kind: 'visit', at: new Date(clock).toISOString(), summary: 'Visit' });
    expect(names(await w.router.dispatch(m, 'customers.list', { filters: { dormantDays: 90, level: 'vip' } }))).toEqual(['Ada']);
    expect(names(await w.router.dispatch(m, 'customers.list', { filters: { dormantDays: 90 } }))).toEqual(['Ada']);
    expect(names(await w.router.dispatch(m, 'customers.list', { sort: 'lastInteractionAt', dir: 'desc', limit: 2 }))).toEqual(['Bo', 'Ada']);

    // Search and filters together, and sales stay inside their scope whatever they filter by.
    expect(names(await w.router.dispatch(m, 'customers.search', { query: 'Cy', filters: { level: 'vip' } }))).toEqual(['Cy']);
    expect(names(await w.router.dispatch(m, 'customers.search', { query: 'Cy', filters: { level: 'prospect' } }))).toEqual([]);
    expect(names(await w.router.dispatch(w.caller('sales'), 'customers.list', { filters: { owner: 'manager1' } }))).toEqual([]);
    expect(names(await w.router.dispatch(w.caller('sales'), 'customers.search', { query: '王伟', filters: { tag: 'vip' } }))).toEqual(['王伟']);
    const tags = await w.router.dispatch(m, 'customers.tags', {});
    expect(tags).toMatchObject({ ok: true, value: expect.arrayContaining([{ tag: 'wholesale', count: 2 }, { tag: 'vip', count: 1 }]) });
    expect(await w.router.dispatch(w.caller('sales'), 'customers.tags', {})).toEqual({ ok: true, value: [{ tag: 'vip', count: 1 }] });
    expect(await w.router.dispatch(m, 'customers.list', { filters: { dormantDays: 0 } })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    w.core.close();
  });

  it('bulk tags all-or-nothing within scope, one audit row per changed customer', async () => {
    const w = await accessWorld();
    const db = w.core.vault.db();
    const before = (db.prepare('SELECT max(id) AS id FROM audit_log').get() as { id: number }).id;
    expect(await w.router.dispatch(w.caller('sales'), 'customers.tag', { ids: [1, 2], add: ['批发'] })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(db.prepare("SELECT count(*) AS n FROM customer_tags WHERE tag = '批发'").get()).toEqual({ n: 0 });
    expect(await w.router.dispatch(w.caller('manager'), 'customers.tag', { ids: [1, 2, 2], add: ['批发'], remove: ['vip'] })).toEqual({ ok: true, value: { changed: 2 } });
    expect(await w.router.dispatch(w.caller('manager'), 'customers.tag', { ids: [1, 2], add: ['批发'] })).toEqual({ ok: true, value: { changed: 0 } });
    expect(await w.router.dispatch(w.caller('manager'), 'customers.tag', { ids: [1] })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await w.router.dispatch(w.caller('support'), 'customers.tag', { ids: [1], add: ['x'] })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const got = await w.router.dispatch(w.caller('manager'), 'customers.get', { id: 1 });
    expect(got).toMatchObject({ ok: true, value: { tags: ['批发'] } });
    const rows = db.prepare("SELECT record_id AS recordId, fields FROM audit_log WHERE id > ? AND action = 'customer.tag' ORDER BY id").all(before);
    expect(rows).toEqual([
      { recordId: '1', fields: '["tags"]' },
      { recordId: '2', fields: '["tags"]' },
    ]);
    w.core.close();
  });

  it('the recycle bin lists deleted customers in scope and restores them into the list and search', async () => {
    const w = await accessWorld();
    const [m, s] = [w.caller('manager'), w.caller('sales')];
    expect(await w.router.dispatch(m, 'customers.delete', { id: 3 })).toMatchObject({ ok: true });
    expect(await w.router.dispatch(s, 'customers.delete', { id: 1 })).toMatchObject({ ok: true });
    expect(names(await w.router.dispatch(m, 'customers.deleted', {}))).toEqual(['王伟', 'To Delete']);
    expect(names(await w.router.dispatch(s, 'customers.deleted', {}))).toEqual(['王伟']);
    expect(await w.router.dispatch(s, 'customers.restore', { id: 3 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await w.router.dispatch(w.caller('support'), 'customers.deleted', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(names(await w.router.dispatch(s, 'customers.search', { query: '王伟' }))).toEqual([]);
    expect(await w.router.dispatch(s, 'customers.restore', { id: 1 })).toEqual({ ok: true, value: { restored: true } });
    expect(await w.router.dispatch(s, 'customers.restore', { id: 1 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(names(await w.router.dispatch(s, 'customers.search', { query: '王伟' }))).toEqual(['王伟']);
    expect(names(await w.router.dispatch(s, 'customers.list', {}))).toEqual(['王伟']);
    const audit = w.core.vault.db().prepare("SELECT username, record_id AS recordId FROM audit_log WHERE action = 'customer.restore'").all();
    expect(audit).toEqual([{ username: 'sales1', recordId: '1' }]);
    w.core.close();
  });
});
