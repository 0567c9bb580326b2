import { afterEach, expect, it } from 'vitest';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { launchApp, signIn, type TestApp } from './harness';
import { ok, seedVault } from './seed';

const OWNER = { username: 'boss', displayName: 'Boss', password: 'Lantern-Harbor-42' };

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describeKeychain('Screen protection in Settings (Chromium)', () => {
  it('shows sales and support ticked by default, says Linux does not honour it, and saving reaches the vault', async () => {
    const profileDir = tempDir('coffer-e2e-screen-');
    await seedVault(profileDir, OWNER, async () => undefined);
    app = await launchApp({ profileDir });
    const { page, router } = app;
    await signIn(app, OWNER);
    await ok(router, 'check', 'session.login', { username: OWNER.username, password: OWNER.password });
    await page.getByRole('button', { name: 'Settings', exact: true }).first().click();

    const section = page.getByTestId('screen-protection');
    await section.getByText('Linux does not').waitFor();
    const ticked = (role: string) => section.getByTestId(`screen-role-${role}`).isChecked();
    await expect.poll(() => ticked('sales')).toBe(true);
    expect(await ticked('support')).toBe(true);
    expect(await ticked('owner')).toBe(false);
    await section.getByLabel('Owner').check();
    await section.getByLabel('Support').uncheck();
    await section.getByRole('button', { name: 'Save screen protection' }).click();
    await section.getByTestId('screen-saved').waitFor();
    expect(await router.dispatch({ senderId: 'check' }, 'settings.screenProtection', {})).toEqual({ ok: true, value: { roles: ['owner', 'sales'] } });
    const rows = await router.dispatch({ senderId: 'check' }, 'audit.query', { limit: 5 });
    expect(JSON.stringify(rows)).toContain('settings.screenProtection');
  });
});
