import { expect, it } from 'vitest';
import { pinyinIndexCurrent } from '../../electron/core/customers/pinyin-index';
import { setMeta } from '../../electron/core/db/meta-repository';
import { describeKeychain } from '../support/keyring';
import { accessWorld } from './access-helpers';

describeKeychain('pinyin search through the router', () => {
  async function world() {
    const w = await accessWorld();
    const manager = w.core.sessions.current('manager')!;
    // 王伟 (sales' customer) comes from accessWorld.
    const ids: Record<string, number> = {};
    for (const name of ['曾乐', '单伟', '欧阳娜娜', '陳靜', '万刚伟', '吴伟', '王偉', '王伟明', 'Wang Ltd']) ids[name] = w.core.customers.create(manager, { name }).id;
    const search = (role: 'manager' | 'sales' | 'auditor', query: string) => w.router.dispatch(w.caller(role), 'customers.search', { query });
    return { ...w, ids, search };
  }
  const names = (result: { ok: boolean; value?: unknown }) => (result.ok ? (result.value as { name: string }[]).map((c) => c.name) : result);

  it('finds names by full pinyin, spaced, initials and prefixes, surnames read as surnames', async () => {
    const w = await world();
    for (const query of ['wangwei', 'wang wei', 'WW', 'wangw', 'wwei']) expect(names(await w.search('manager', query))).toContain('王伟');
    expect(names(await w.search('manager', 'zengle'))).toEqual(['曾乐']);
    expect(names(await w.search('manager', 'shanwei'))).toEqual(['单伟']);
    expect(names(await w.search('manager', 'oy'))).toEqual(['欧阳娜娜']);
    expect(names(await w.search('manager', 'ouyangnn'))).toEqual(['欧阳娜娜']);
    expect(names(await w.search('manager', 'chenjing'))).toEqual(['陳靜']);
    w.core.close();
  });

  it('ranks exact full pinyin first, then full-pinyin prefixes, initials, mixes, then text matches', async () => {
    const w = await world();
    // 万刚伟 is wan+g+wei: only a mix equals "wangwei"; it comes after both exact full-pinyin
    // names and after 王伟明, whose full pinyin starts with it.
    expect(names(await w.search('manager', 'wangwei'))).toEqual(['王伟', '王偉', '王伟明', '万刚伟']);
    // "ww": the exact initials (王伟, 吴伟, 王偉) before anything that only starts with ww.
    const ww = names(await w.search('manager', 'ww')) as string[];
    expect(ww.slice(0, 3).sort()).toEqual(['吴伟', '王伟', '王偉'].sort());
    // Pinyin prefixes first, the closest (shortest) key first: 王伟 wangwei before 万刚伟
    // wangangwei; the English name found by its text after them.
    expect(names(await w.search('manager', 'wang'))).toEqual(['王伟', '王偉', '万刚伟', '王伟明', 'Wang Ltd']);
    w.core.close();
  });

  it('folds traditional characters to simplified both ways', async () => {
    const w = await world();
    expect(names(await w.search('manager', '王偉'))).toEqual(['王伟', '王伟明', '王偉']);
    expect(names(await w.search('manager', '王伟'))).toEqual(['王伟', '王伟明', '王偉']);
    expect(names(await w.search('manager', '陈静'))).toEqual(['陳靜']);
    // Notes are indexed as typed; a traditional query still finds traditional notes.
    const manager = w.core.sessions.current('manager')!;
    w.core.customers.create(manager, { name: 'Notes Person', notes: '喜歡綠茶的老客戶' });
    expect(names(await w.search('manager', '綠茶的老'))).toEqual(['Notes Person']);
    w.core.close();
  });

  it('keeps to the row scope and audits the customer ids found, never the query', async () => {
    const w = await world();
    expect(names(await w.search('sales', 'zengle'))).toEqual([]);
    expect(names(await w.search('sales', 'wangwei'))).toEqual(['王伟']);
    expect(await w.search('auditor', 'wangwei')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await w.search('manager', 'zengle');
    const row = w.core.vault.db().prepare("SELECT * FROM audit_log WHERE action = 'customer.search' ORDER BY id DESC LIMIT 1").get() as { customer_ids: string };
    expect(row.customer_ids).toContain(String(w.ids['曾乐']));
    expect(JSON.stringify(row)).not.toContain('zengle');
    w.core.close();
  });

  it('re-indexes a renamed, deleted and restored customer with the write', async () => {
    const w = await world();
    const id = w.ids['单伟']!;
    expect(await w.router.dispatch(w.caller('manager'), 'customers.update', { id, changes: { name: '上官伟' } })).toMatchObject({ ok: true });
    expect(names(await w.search('manager', 'shanwei'))).toEqual([]);
    expect(names(await w.search('manager', 'sgw'))).toEqual(['上官伟']);
    await w.router.dispatch(w.caller('owner'), 'customers.delete', { id });
    expect(names(await w.search('manager', 'sgw'))).toEqual([]);
    expect(await w.router.dispatch(w.caller('owner'), 'customers.restore', { id })).toMatchObject({ ok: true });
    expect(names(await w.search('manager', 'sgw'))).toEqual(['上官伟']);
    w.core.close();
  });

  it('rebuilds the index in the background when a vault with another index version opens', async () => {
    const w = await world();
    const old = w.core.vault.db();
    old.prepare('DELETE FROM customer_pinyin').run();
    setMeta(old, 'pinyin_index_version', 'keys-0');
    expect(names(await w.search('manager', 'zengle'))).toEqual([]);
    // As after an upgrade: the next open of the vault (here from the keychain) starts the rebuild.
    w.core.vault.lock();
    await w.core.vault.unlockFromKeychain();
    const db = w.core.vault.db();
    const until = Date.now() + 15_000;
    while (!pinyinIndexCurrent(db) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(pinyinIndexCurrent(db)).toBe(true);
    expect(names(await w.search('manager', 'zengle'))).toEqual(['曾乐']);
    w.core.close();
  }, 30_000);
});
