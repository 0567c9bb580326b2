import { afterEach, expect, it } from 'vitest';
import type { Locale } from '../../shared/contract';
import type { CustomerView } from '../../shared/customers';
import type { Router } from '../../electron/ipc/router';
import type { MessageKey } from '../../renderer/src/i18n/en';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { launchApp, type TestApp } from './harness';
import { ok, seedVault } from './seed';
import { CATALOG, LOCALES, signInAs } from './users-page';

const OWNER = { username: 'boss', displayName: 'Boss', password: 'Lantern-Harbor-42' };
const SALES = { username: 'lily', displayName: 'Lily 李', password: 'Quiet-River-77' };

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** Two records of one person: the older has the mobile and one company, the newer an e-mail, another company and a visit. */
async function seed(profileDir: string): Promise<{ older: number; newer: number }> {
  let ids = { older: 0, newer: 0 };
  await seedVault(profileDir, OWNER, async (router) => {
    const older = (await ok(router, 'seed', 'customers.create', { name: '王伟', mobile: '13912345678', company: '顶点茶行', tags: ['vip'] })) as CustomerView;
    const newer = (await ok(router, 'seed', 'customers.create', { name: '王 伟', email: 'wang.wei@example.com', company: '顶点贸易', tags: ['tea'] })) as CustomerView;
    await ok(router, 'seed', 'interactions.add', { customerId: newer.id, kind: 'visit', at: '2026-11-20T10:00:00Z', summary: 'Visited the shop' });
    ids = { older: older.id, newer: newer.id };
  });
  return ids;
}

/** Reads through the router as a session of its own, never through the page. */
async function check(router: Router, channel: string, input: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string } }> {
  const sender = `check-${Math.random()}`;
  await ok(router, sender, 'session.login', { username: OWNER.username, password: OWNER.password });
  const result = await router.dispatch({ senderId: sender }, channel, input);
  await ok(router, sender, 'session.logout', {});
  return result as { ok: boolean; value?: unknown; error?: { code: string } };
}

describeKeychain('the merge screen, in Chromium', () => {
  it.each(LOCALES)('(%s) select two customers, keep the older with the newer one’s company, merge, then undo from Recent merges', async (locale: Locale) => {
    const L = (key: MessageKey, params: Record<string, string | number> = {}) => CATALOG[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole));
    // The words before a formatted time, which the page writes in its own locale and time zone.
    const before = (key: MessageKey, params: Record<string, string | number>, at: string) => L(key, { ...params, [at]: '\u0000' }).split('\u0000')[0]!;
    const profileDir = tempDir('coffer-e2e-merge-');
    const { older, newer } = await seed(profileDir);
    app = await launchApp({ profileDir, osLocales: [locale] });
    const { page, router } = app;
    await signInAs(app, locale, OWNER);
    await page.getByRole('button', { name: L('nav.customers') }).click();
    await page.getByTestId('customers-table').waitFor();
    await page.getByLabel(L('customers.selectRow', { name: '王伟' }), { exact: true }).check();
    await page.getByLabel(L('customers.selectRow', { name: '王 伟' }), { exact: true }).check();
    await page.getByTestId('merge-open').click();

    const screen = page.getByTestId('merge-screen');
    const compare = screen.getByTestId('merge-compare');
    await compare.waitFor();
    // The newer record is suggested; keep the older one instead, but with the newer one's company.
    expect(await compare.getByLabel(`${L('merge.keep')}: 王 伟`).isChecked()).toBe(true);
    await compare.getByLabel(`${L('merge.keep')}: 王伟`).check();
    expect(await compare.getByLabel(L('merge.pickValue', { field: L('field.company'), name: `王伟 #${older}` })).isChecked()).toBe(true);
    await compare.getByLabel(L('merge.pickValue', { field: L('field.company'), name: `王 伟 #${newer}` })).check();
    // The blank e-mail is filled from the newer record by default.
    expect(await compare.getByLabel(L('merge.pickValue', { field: L('field.email'), name: `王 伟 #${newer}` })).isChecked()).toBe(true);
    await screen.getByTestId('merge-summary').getByText(L('merge.summary', { name: '王伟', interactions: 1, purchases: 0, reminders: 0 })).waitFor();

    await screen.getByTestId('merge-confirm').click();
    const dialog = page.getByTestId('confirm-dialog');
    await dialog.getByText(L('merge.confirmTitle', { count: 2, name: '王伟' })).waitFor();
    await dialog.getByRole('button', { name: L('merge.confirm') }).click();
    await page.getByTestId('merge-result').getByText(before('merge.done', { count: 2, name: '王伟' }, 'until'), { exact: false }).waitFor();
    await expect.poll(() => page.getByTestId('customer-row').count()).toBe(1);

    const merged = (await check(router, 'customers.get', { id: older })).value as CustomerView;
    expect(merged).toMatchObject({ name: '王伟', mobile: '13912345678', email: 'wang.wei@example.com', company: '顶点贸易', tags: ['tea', 'vip'] });
    expect(await check(router, 'customers.get', { id: newer })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(((await check(router, 'customers.timeline', { id: older })).value as { text: string }[]).map((e) => e.text)).toEqual(['Visited the shop']);

    // Undo from the screen's list of recent merges.
    await page.getByRole('button', { name: L('merge.recentButton') }).click();
    const recent = page.getByTestId('recent-merges');
    await recent.getByTestId('merge-row').first().waitFor();
    await recent.getByRole('button', { name: `${L('merge.undo')}: 王伟` }).click();
    await recent.getByText(L('merge.undone')).waitFor();
    await recent.getByTestId('merge-row').getByText(before('merge.undoneAt', {}, 'when'), { exact: false }).waitFor();

    expect((await check(router, 'customers.get', { id: older })).value).toMatchObject({ company: '顶点茶行', tags: ['vip'] });
    expect((await check(router, 'customers.get', { id: older })).value).not.toHaveProperty('email');
    expect((await check(router, 'customers.get', { id: newer })).value).toMatchObject({ name: '王 伟', company: '顶点贸易', email: 'wang.wei@example.com', tags: ['tea'] });
    expect(((await check(router, 'customers.timeline', { id: newer })).value as { text: string }[]).map((e) => e.text)).toEqual(['Visited the shop']);
    await page.getByRole('button', { name: L('merge.back') }).click();
    await expect.poll(() => page.getByTestId('customer-row').count()).toBe(2);
    expect(app.pageErrors).toEqual([]);
  });

  it('(en) a salesperson sees masked mobiles as not choosable; differing ones block the merge, explained, and nothing changes', async () => {
    const profileDir = tempDir('coffer-e2e-merge-sales-');
    await seedVault(profileDir, OWNER, async (router) => {
      await ok(router, 'seed', 'users.create', { ...SALES, role: 'sales' });
      await ok(router, 'sales', 'session.login', { username: SALES.username, password: SALES.password });
      await ok(router, 'sales', 'customers.create', { name: '周七', mobile: '13600002222' });
      await ok(router, 'sales', 'customers.create', { name: '周 七', mobile: '13600003333', company: 'Seven Tea' });
    });
    app = await launchApp({ profileDir, osLocales: ['en'] });
    const { page, router } = app;
    await signInAs(app, 'en', SALES);
    await page.getByRole('button', { name: 'Customers' }).click();
    await page.getByTestId('customers-table').waitFor();
    await page.getByLabel('Select 周七', { exact: true }).check();
    await page.getByLabel('Select 周 七', { exact: true }).check();
    await page.getByTestId('merge-open').click();
    const compare = page.getByTestId('merge-compare');
    await compare.waitFor();
    // Masked as the list shows them, with no value choice for the mobile; the company may be chosen.
    expect(await compare.locator('tr[data-field="mobile"]').textContent()).toContain('136****3333');
    expect(await compare.locator('tr[data-field="mobile"] input[type="radio"]').count()).toBe(0);
    expect(await compare.locator('tr[data-field="company"] input[type="radio"]').count()).toBe(2);
    expect(await page.content()).not.toContain('13600003333');
    await page.getByTestId('merge-blocked').getByText('You see Mobile masked', { exact: false }).waitFor();
    await page.getByTestId('merge-confirm').click();
    await page.getByTestId('confirm-dialog').getByRole('button', { name: 'Merge' }).click();
    await page.getByTestId('merge-screen').getByText('Keep the record that holds them', { exact: false }).waitFor();
    const sender = 'check';
    await ok(router, sender, 'session.login', { username: OWNER.username, password: OWNER.password });
    expect(((await ok(router, sender, 'customers.list', { limit: 10 })) as { items: unknown[] }).items).toHaveLength(2);
    expect(app.pageErrors).toEqual([]);
  });
});
