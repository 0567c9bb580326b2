import { afterEach, expect, it } from 'vitest';
import { DEFAULT_APPROVAL_POLICY } from '../../shared/approvals';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { launchApp, type TestApp } from './harness';
import { ok, seedVault } from './seed';
import { CATALOG, readAs, signInAs } from './users-page';

const OWNER = { username: 'boss', displayName: 'Boss', password: 'Lantern-Harbor-42' };
const L = CATALOG['zh-CN'];

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describeKeychain('an erasure from lookup to log, in Chromium', () => {
  it('zh-CN: find by phone, see the mentions, anonymise with the owner’s own approval; the log shows the masked entry and the passed check; search no longer finds the phone', async () => {
    const profileDir = tempDir('coffer-e2e-erasure-');
    let id = 0;
    await seedVault(profileDir, OWNER, async (router) => {
      await ok(router, 'seed', 'app.setLocale', { locale: 'zh-CN' });
      // One owner alone: the own-go-ahead path, with no cooling-off so the test need not wait an hour.
      await ok(router, 'seed', 'approvals.setPolicy', { ...DEFAULT_APPROVAL_POLICY, coolingOffMinutes: 0 });
      id = ((await ok(router, 'seed', 'customers.create', { name: '李娜', mobile: '13800138000', email: 'lina@example.com', notes: '李娜喜欢龙井' })) as { id: number }).id;
      await ok(router, 'seed', 'customers.create', { name: '张强', notes: '李娜 138 0013 8000 介绍来的' });
      await ok(router, 'seed', 'interactions.add', { customerId: id, kind: 'call', at: '2026-11-20T10:00:00Z', summary: '回电 13800138000，询问发票' });
    });
    app = await launchApp({ profileDir });
    const { page } = app;
    await signInAs(app, 'zh-CN', OWNER);
    await page.getByTestId('nav-privacy').click();
    await page.getByRole('tab', { name: L['nav.erasure'] }).click();
    const erasure = page.getByTestId('erasure-page');
    await erasure.getByTestId('erasure-query').fill('138 0013 8000');
    await erasure.getByTestId('erasure-find').click();

    // Before acting: the customer and every mention, in the page's own words.
    const customers = erasure.getByTestId('erasure-customers');
    await customers.getByText('李娜', { exact: true }).waitFor();
    const mentions = erasure.getByTestId('erasure-mentions');
    await expect.poll(() => mentions.locator('tbody tr').count()).toBe(3);
    expect(await mentions.locator('[data-place="interaction.summary"]').textContent()).toContain(L['erasure.place.interaction.summary']);
    expect(await mentions.locator('[data-place="customer.notes"]').count()).toBe(2);

    // Anonymise (the default), through the approval dialog: typed confirmation and password.
    await erasure.getByTestId(`erasure-erase-${id}`).click();
    const dialog = page.getByTestId('erasure-dialog');
    expect(await dialog.getByTestId('erasure-mode-anonymise').isChecked()).toBe(true);
    await dialog.getByRole('button', { name: L['erasure.confirm'] }).click();
    const approval = page.getByTestId('approval-dialog');
    await approval.getByText(L['appr.alone.title']).waitFor();
    await approval.getByText(L['appr.op.privacy.erase']).waitFor();
    await approval.getByTestId('approval-reason').fill('客户来电要求删除个人信息');
    await approval.getByTestId('approval-confirm').fill(String(id));
    await approval.getByTestId('approval-password').fill(OWNER.password);
    await approval.getByRole('button', { name: L['appr.alone.submit'] }).click();

    const result = page.getByTestId('erasure-result');
    await result.waitFor();
    expect(await result.getAttribute('data-check')).toBe('passed');
    expect(await result.textContent()).toContain(`已匿名 Anonymised #${id}`);

    // The privacy log: masked identity, the check passed, and no raw value anywhere on the page.
    await page.getByTestId('nav-privacy').click();
    await page.getByRole('tab', { name: L['nav.privacyLog'] }).click();
    const log = page.getByTestId('privacy-log-table');
    await log.getByTestId('privacy-log-person').first().waitFor();
    expect(await log.getByTestId('privacy-log-person').first().textContent()).toBe('李* · 138****8000 · l***@example.com');
    expect(await log.getByTestId('privacy-log-check').first().textContent()).toBe(L['privacyLog.passed']);
    const text = (await page.getByTestId('privacy-log-page').textContent()) ?? '';
    expect(text).not.toContain('13800138000');
    expect(text).not.toContain('李娜');

    // Search no longer finds the phone (nor the name), as the owner would search.
    expect(await readAs(app.router, OWNER, 'customers.search', { query: '13800138000' })).toEqual([]);
    expect(await readAs(app.router, OWNER, 'customers.search', { query: '李娜' })).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });
});
