import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { launchApp, type TestApp } from './harness';
import { ok, seedVault } from './seed';
import { CATALOG, readAs, signInAs } from './users-page';

const OWNER = { username: 'boss', displayName: '老板', password: 'Lantern-Harbor-42' };
const SALES = { username: 'xiaoli', displayName: '小李', password: 'Quiet-River-Stone-7' };
const L = CATALOG['zh-CN'];

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describeKeychain('the breach record, in Chromium (zh-CN)', () => {
  it('records a leaked account, runs the PIPL clock, finds the customers it saw, signs it out, and saves the evidence whose hash is on the record', async () => {
    const profileDir = tempDir('coffer-e2e-breach-');
    await seedVault(profileDir, OWNER, async (router) => {
      await ok(router, 'seed', 'app.setLocale', { locale: 'zh-CN' });
      await ok(router, 'seed', 'users.create', { ...SALES, role: 'sales' });
      await ok(router, 'seed', 'customers.create', { name: '张三', mobile: '13800000003' });
      await ok(router, 'sales', 'session.login', { username: SALES.username, password: SALES.password });
      await ok(router, 'sales', 'customers.create', { name: '王伟', mobile: '13912345678' });
      await ok(router, 'sales', 'customers.reveal', { id: 2, field: 'mobile', reason: '回电确认订单' });
      await ok(router, 'sales', 'session.logout', {});
      // The second sign-in starts in a later second than the first ended (the window inputs hold seconds).
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      await ok(router, 'sales', 'session.login', { username: SALES.username, password: SALES.password });
      await ok(router, 'sales', 'customers.create', { name: '李娜', mobile: '13912345679' });
    });
    const out = tempDir('coffer-e2e-breach-out-');
    let saves = 0;
    const saved: string[] = [];
    app = await launchApp({
      profileDir,
      core: {
        pickSaveFile: async () => {
          const target = path.join(out, `file-${(saves += 1)}`);
          saved.push(target);
          return target;
        },
      },
    });
    const { page } = app;
    await signInAs(app, 'zh-CN', OWNER);

    await page.getByTestId('nav-privacy').click();
    await page.getByRole('tab', { name: L['nav.breach'] }).click();
    await page.getByTestId('breach-empty').waitFor();
    await page.getByTestId('breach-new').click();
    const dialog = page.getByTestId('breach-dialog');
    await dialog.waitFor();
    await dialog.getByTestId('breach-summary').fill('小李的密码写在便签上被访客看到');
    await dialog.getByTestId('breach-source').selectOption('leaked-account');
    await dialog.getByTestId('breach-username').selectOption(SALES.username);
    await dialog.getByTestId('breach-category-contact').check();
    await dialog.getByRole('button', { name: L['breach.save'] }).click();

    const view = page.getByTestId('breach-page');
    await view.waitFor();
    expect(await view.getByTestId('breach-status').textContent()).toBe(L['breach.status.open']);
    // PIPL (the default regime): the authority and the people, 24 hours from discovery, both running.
    const authority = view.getByTestId('breach-clock-authority');
    expect(await authority.textContent()).toContain(L['breach.clock.authority']);
    expect(await authority.textContent()).toContain('24 小时');
    expect(await authority.getAttribute('data-overdue')).toBe('false');
    expect(await view.getByTestId('breach-clock-individuals').count()).toBe(1);

    // Who is affected: the two customers 小李 created (one revealed), not 张三.
    await view.getByTestId('breach-find-affected').click();
    await expect.poll(() => view.getByTestId('breach-affected-row').count()).toBe(2);
    const counts = await view.getByTestId('breach-affected-counts').textContent();
    expect(counts).toContain('共 2 位客户');
    expect(counts).toContain('完整显示 1 位');
    const rows = await view.getByTestId('breach-affected-table').textContent();
    expect(rows).toContain('王伟');
    expect(rows).toContain('李娜');
    expect(rows).not.toContain('张三');

    // One session as the period: 小李's first sign-in (signed out since) saw only 王伟.
    const sessions = view.getByTestId('breach-window-session');
    await expect.poll(() => sessions.locator('option').count()).toBe(3);
    expect(await sessions.locator('option').nth(1).textContent()).toContain('仍在登录');
    await sessions.selectOption({ index: 2 });
    expect(await view.getByTestId('breach-window-from').inputValue()).not.toBe('');
    await view.getByTestId('breach-find-affected').click();
    await expect.poll(() => view.getByTestId('breach-affected-row').count()).toBe(1);
    expect(await view.getByTestId('breach-affected-table').textContent()).toContain('王伟');

    // Containment: sign the account out everywhere (through the dialog), then it is on the timeline.
    await view.getByTestId('breach-end-sessions').click();
    const confirm = page.getByTestId('breach-contain-dialog');
    await confirm.waitFor();
    await confirm.getByRole('button', { name: L['breach.contain.end-sessions'].replace('{username}', SALES.username) }).click();
    await expect.poll(() => view.locator('[data-testid="breach-event"][data-kind="end-sessions"]').count()).toBe(1);

    // The regulator's report (Chinese) and the evidence file: the hash shown is the file's.
    await view.getByTestId('breach-notice-regulator-zh-CN').click();
    await expect.poll(() => view.locator('[data-testid="breach-event"][data-kind="notice"]').count()).toBe(1);
    expect(fs.readFileSync(saved.at(-1)!, 'utf8')).toContain('个人信息安全事件报告（网信部门）');
    await view.getByTestId('breach-save-evidence').click();
    await view.getByTestId('breach-evidence-hash').waitFor();
    const fileHash = createHash('sha256').update(fs.readFileSync(saved.at(-1)!)).digest('hex');
    expect(await view.getByTestId('breach-evidence-hash').textContent()).toContain(fileHash);
    const record = await readAs<{ evidenceSha256: string; events: { kind: string }[] }>(app.router, OWNER, 'breach.get', { id: 1 });
    expect(record.evidenceSha256).toBe(fileHash);
    expect(record.events.map((e) => e.kind)).toEqual(['created', 'affected', 'affected', 'end-sessions', 'notice', 'evidence']);

    // The reminder on the dashboard while the incident is open; its link leads back to the record.
    await page.getByTestId('nav-home').click();
    const card = page.getByTestId('dashboard-breach');
    await card.waitFor();
    expect(await card.getByTestId('dashboard-breach-overdue').getAttribute('data-count')).toBe('0');
    await card.getByTestId('dashboard-breach-nearest').click();
    await page.getByTestId('breach-page').waitFor();
  }, 120_000);
});
