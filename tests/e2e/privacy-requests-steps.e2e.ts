import { afterEach, expect, it } from 'vitest';
import { localDay } from '../../shared/working-days';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { launchApp, type TestApp } from './harness';
import { ok, seedVault } from './seed';
import { CATALOG, readAs, signInAs } from './users-page';

const OWNER = { username: 'boss', displayName: 'Boss', password: 'Lantern-Harbor-42' };
const E = CATALOG.en;

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describeKeychain('steps started from a request, and the reply with the privacy contact, in Chromium (en)', () => {
  it('records a consent withdrawal from a withdrawal request (the history shows it), opens the erasure lookup for a deletion request, and shows the reply in both languages', async () => {
    const profileDir = tempDir('coffer-e2e-request-steps-');
    const today = localDay(new Date());
    await seedVault(profileDir, OWNER, async (router) => {
      await ok(router, 'seed', 'app.setLocale', { locale: 'en' });
      await ok(router, 'seed', 'privacy.setSettings', { regime: 'pipl', contactName: 'Chen Jing', contactReach: 'privacy@tea.example' });
      await ok(router, 'seed', 'customers.create', { name: 'Zhang Wei', mobile: '13912345678' });
      await ok(router, 'seed', 'privacyRequests.create', { type: 'withdrawal', receivedOn: today, channel: 'email', summary: 'No more WeChat marketing', customerIds: [1] });
      await ok(router, 'seed', 'privacyRequests.act', { action: 'verify', id: 1, method: 'known-email' });
      await ok(router, 'seed', 'privacyRequests.create', { type: 'deletion', receivedOn: today, channel: 'phone', summary: '', customerIds: [1] });
      await ok(router, 'seed', 'privacyRequests.act', { action: 'verify', id: 2, method: 'phone-callback' });
    });
    app = await launchApp({ profileDir });
    const { page } = app;
    await signInAs(app, 'en', OWNER);
    await page.getByTestId('nav-privacy').click();
    await page.getByRole('tab', { name: E['nav.requests'] }).click();
    await page.locator('[data-testid="request-row"][data-id="1"]').click();
    const view = page.getByTestId('request-page');
    await view.waitFor();

    // Withdrawal: the consent dialog for that customer, purpose chosen here; the request's history names the step.
    await view.getByTestId('request-step-withdraw').click();
    const consent = page.getByTestId('consent-dialog');
    await consent.waitFor();
    expect(await consent.textContent()).toContain('Consent withdrawal for request #1');
    await consent.getByTestId('consent-purpose').selectOption('wechat-marketing');
    await consent.getByRole('button', { name: E['consent.save'] }).click();
    await consent.waitFor({ state: 'detached' });
    await expect.poll(() => view.getByTestId('request-history').textContent()).toContain('Consent withdrawn (customer #1)');
    const history = await readAs<{ events: { event: string; purpose: string }[] }>(app.router, OWNER, 'consent.history', { customerId: 1 });
    expect(history.events.map((e) => [e.event, e.purpose])).toEqual([['withdrawn', 'wechat-marketing']]);

    // The reply: the masked name and the privacy contact, in English, then in Chinese.
    await view.getByTestId('request-reply').click();
    const reply = page.getByTestId('request-reply-dialog');
    await reply.waitFor();
    const text = reply.getByTestId('request-reply-text');
    await expect.poll(() => text.textContent()).toContain('please contact Chen Jing, privacy@tea.example.');
    expect(await text.textContent()).toContain('Dear Z**** W**,');
    expect(await text.textContent()).not.toContain('Zhang Wei');
    expect(await reply.getByTestId('request-reply-no-contact').count()).toBe(0);
    await reply.getByTestId('request-reply-language').selectOption('zh-CN');
    await expect.poll(() => text.textContent()).toContain('个人信息保护负责人：Chen Jing（privacy@tea.example）');
    expect(await text.textContent()).toContain('撤回同意的请求');
    await reply.getByRole('button', { name: E['dialog.cancel'] }).click();
    await reply.waitFor({ state: 'detached' });

    // Deletion: "Erase…" opens the erasure lookup already run for that customer, marked as for the request.
    await view.getByRole('button', { name: E['req.back'] }).click();
    await page.locator('[data-testid="request-row"][data-id="2"]').click();
    await page.getByTestId('request-page').getByTestId('request-step-erase').click();
    const notice = page.getByTestId('erasure-for-request');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('request #2');
    await expect.poll(() => page.getByTestId('erasure-customers').textContent()).toContain('Zhang Wei');
    expect(await page.getByTestId('erasure-query').inputValue()).toBe('Zhang Wei');
    expect(app.pageErrors).toEqual([]);
  });
});
