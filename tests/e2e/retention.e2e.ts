import { afterEach, expect, it } from 'vitest';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { launchApp, type TestApp } from './harness';
import { ok, seedVault } from './seed';
import { CATALOG, readAs, signInAs } from './users-page';

const OWNER = { username: 'boss', displayName: 'Boss', password: 'Lantern-Harbor-42' };
const L = CATALOG['zh-CN'];
const YEAR = 365.25 * 86_400_000;

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describeKeychain('the retention dry run, in Chromium', () => {
  it('zh-CN: off by default, the dry run lists who each rule would touch and why, then the owner turns the rules on and runs them: dormant marked, a batch proposed, nobody anonymised', async () => {
    const profileDir = tempDir('coffer-e2e-retention-');
    const ids: Record<string, number> = {};
    await seedVault(profileDir, OWNER, async (router) => {
      await ok(router, 'seed', 'app.setLocale', { locale: 'zh-CN' });
      for (const [name, extra] of [['王伟', {}], ['装修李', { industry: '装修' }], ['保留张', {}]] as const) {
        ids[name] = ((await ok(router, 'seed', 'customers.create', { name, ...extra })) as { id: number }).id;
      }
      await ok(router, 'seed', 'privacy.setHold', { customerId: ids['保留张'], hold: true });
      // A decoration shop's customers buy every few years: 8 years before a proposal.
      await ok(router, 'seed', 'retention.saveRule', { scope: 'industry', match: '装修', dormantYears: 3, proposeYears: 8, action: 'anonymise' });
    });
    // Six years later (the app's clock; the seed's was today).
    const later = Date.now() + 6 * YEAR;
    app = await launchApp({ profileDir, core: { now: () => later } });
    const { page } = app;
    await signInAs(app, 'zh-CN', OWNER);
    await page.getByTestId('nav-privacy').click();
    await page.getByRole('tab', { name: L['nav.retention'] }).click();
    const rules = page.getByTestId('retention-rules');
    await rules.getByTestId('retention-state').waitFor();
    expect(await rules.getByTestId('retention-state').textContent()).toContain(L['retention.off']);
    expect(await rules.getByTestId('retention-backups').textContent()).toContain('最多保留 12 个月');

    // The dry run: which customers, what would happen, why (the last contact), counts per rule.
    const dry = page.getByTestId('retention-dry-run');
    await dry.getByTestId('retention-dry-run-go').click();
    const table = dry.getByTestId('retention-dry-table');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(3);
    const kindOf = (name: string) => ids[name] !== undefined && table.getByTestId(`retention-dry-${ids[name]}`).getAttribute('data-kind');
    expect(await kindOf('王伟')).toBe('propose');
    expect(await kindOf('装修李')).toBe('dormant');
    expect(await kindOf('保留张')).toBe('held');
    expect(await table.getByTestId(`retention-dry-${ids['王伟']}`).textContent()).toContain(L['retention.kind.propose']);
    expect(await table.getByTestId(`retention-dry-${ids['装修李']}`).textContent()).toContain('行业：装修');
    const seededYear = String(new Date().getFullYear());
    expect(await table.getByTestId(`retention-dry-${ids['王伟']}`).textContent()).toContain(seededYear);
    expect(await dry.getByTestId('retention-dry-total').textContent()).toBe('共影响 3 位客户');
    expect(await dry.getByTestId('retention-counts').textContent()).toContain('所有客户：0 位沉睡，1 位提议匿名化，1 位豁免（法定保留或未结请求）');
    // Due in the next 30 days: nobody here (王伟 is past it, 装修李's proposal is two years away, 保留张 is held).
    await dry.getByTestId('retention-upcoming-go').click();
    await dry.getByTestId('retention-dry-empty').getByText(L['retention.dry.upcomingNone']).waitFor();
    expect(await dry.getByTestId('retention-dry-total').textContent()).toContain('为止有 0 位客户将到期');
    await dry.getByTestId('retention-dry-run-go').click();
    await expect.poll(() => table.locator('tbody tr').count()).toBe(3);
    // Off: nothing to confirm, and the dry run changed nothing.
    expect(await dry.getByTestId('retention-run-now').count()).toBe(0);
    expect(app.core.vault.db().prepare('SELECT count(*) AS n FROM customers WHERE dormant_at IS NOT NULL').get()).toEqual({ n: 0 });

    // The owner turns the rules on and confirms the run.
    await rules.getByTestId('retention-enabled').check();
    await rules.getByTestId('retention-save').click();
    await expect.poll(() => rules.getByTestId('retention-state').textContent()).toContain('规则已开启');
    await dry.getByTestId('retention-dry-run-go').click();
    await dry.getByTestId('retention-run-now').click();
    await page.getByTestId('retention-run-dialog').getByRole('button', { name: L['retention.dry.confirm'] }).click();
    await dry.getByTestId('retention-ran').waitFor();
    expect(await dry.getByTestId('retention-ran').textContent()).toBe('已标记 2 位沉睡，提议 1 位。');
    const batches = page.getByTestId('retention-batches');
    await batches.locator('[data-state="proposed"]').waitFor();
    expect(await batches.textContent()).toContain('1 位客户：1 位等待，0 位已匿名化，0 位已跳过');
    // Nobody anonymised; the run is reported.
    const log = await readAs<{ entries: unknown[] }>(app.router, OWNER, 'privacy.log', { limit: 10 });
    expect(log.entries).toEqual([]);
    await page.getByTestId('retention-runs').locator('li').first().waitFor();
    expect(await page.getByTestId('retention-runs').textContent()).toContain('手动');
    expect(app.pageErrors).toEqual([]);
  });
});
