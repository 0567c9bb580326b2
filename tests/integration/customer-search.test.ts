import { expect, it } from 'vitest';
import { describeKeychain } from '../support/keyring';
import { accessWorld } from './access-helpers';

describeKeychain('customer search through the router', () => {
  async function world() {
    const w = await accessWorld();
    const manager = w.core.sessions.current('manager')!;
    const sales = w.core.sessions.current('sales')!;
    w.core.customers.create(manager, { name: '王伟明', mobile: '13811115678', company: '北京科技' });
    w.core.customers.create(manager, { name: '张三丰', company: '上海贸易有限公司', notes: '老客户，喜欢绿茶' });
    w.core.customers.create(manager, { name: 'Anna Schmidt', company: 'Acme GmbH', email: 'anna.schmidt@acme.example' });
    w.core.customers.create(sales, { name: 'Li Lei', mobile: '13722225678' });
    return w;
  }
  const names = (result: { ok: boolean; value?: unknown }) => (result.ok ? (result.value as { name: string }[]).map((c) => c.name).sort() : result);

  it('finds Chinese substrings of any length, Latin words, notes, e-mail and phone fragments', async () => {
    const w = await world();
    const search = (query: string) => w.router.dispatch(w.caller('manager'), 'customers.search', { query });
    expect(names(await search('王伟'))).toEqual(['王伟', '王伟明']);
    expect(names(await search('王'))).toEqual(['王伟', '王伟明']);
    expect(names(await search('伟明'))).toEqual(['王伟明']);
    expect(names(await search('贸易有'))).toEqual(['张三丰']);
    expect(names(await search('绿茶'))).toEqual([]); // two characters: names and companies only
    expect(names(await search('喜欢绿茶'))).toEqual(['张三丰']);
    expect(names(await search('schm'))).toEqual(['Anna Schmidt']);
    expect(names(await search('ACME'))).toEqual(['Anna Schmidt']);
    expect(names(await search('anna.schmidt@'))).toEqual(['Anna Schmidt']);
    expect(names(await search('5678'))).toEqual(['Li Lei', 'Owner Customer', '王伟', '王伟明']);
    expect(names(await search('1111 5678'))).toEqual(['王伟明']);
    expect(names(await search('"a" OR name:* NEAR('))).toEqual([]);
    w.core.close();
  });

  it('sales search only their own customers, and never by the phone or e-mail they see masked', async () => {
    const w = await world();
    const search = (query: string) => w.router.dispatch(w.caller('sales'), 'customers.search', { query });
    expect(names(await search('王伟'))).toEqual(['王伟']);
    expect(names(await search('Li Lei'))).toEqual(['Li Lei']);
    expect(names(await search('5678'))).toEqual([]);
    expect(names(await search('marker.person@'))).toEqual([]);
    const result = await search('王伟');
    expect(JSON.stringify(result)).not.toContain('13912345678');
    expect(await w.router.dispatch(w.caller('auditor'), 'customers.search', { query: '王伟' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    w.core.close();
  });

  it('a deleted customer drops out of search, and searches are audited without the query text', async () => {
    const w = await world();
    await w.router.dispatch(w.caller('manager'), 'customers.delete', { id: 3 });
    expect(names(await w.router.dispatch(w.caller('manager'), 'customers.search', { query: 'To Delete' }))).toEqual([]);
    const rows = JSON.stringify(w.core.vault.db().prepare("SELECT * FROM audit_log WHERE action = 'customer.search'").all());
    expect(rows).toContain('customer.search');
    expect(rows).not.toContain('To Delete');
    w.core.close();
  });
});
