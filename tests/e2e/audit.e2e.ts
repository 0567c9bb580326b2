import { afterEach, expect, it } from 'vitest';
import { createCore } from '../../electron/core';
import { createKeytarKeychain } from '../../electron/core/keychain/keychain';
import { createAppRouter } from '../../electron/ipc';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { E2E_KEYCHAIN_SERVICE, launchApp, signIn, type TestApp } from './harness';

const OWNER = { username: 'boss', displayName: 'Boss', password: 'Lantern-Harbor-42' };
const SALES = { username: 'lily', displayName: 'Lily 李', password: 'Quiet-River-77' };

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** An owner, a salesperson with one customer of her own whom she has looked at, and the owner's customer she cannot see. */
async function vaultWithReads(profileDir: string): Promise<number> {
  const core = createCore({ profileDir, appVersion: 'seed', osLocales: ['en'], keychain: createKeytarKeychain(E2E_KEYCHAIN_SERVICE) });
  const router = createAppRouter(core);
  const must = async (sender: string, channel: string, input: unknown) => {
    const result = await router.dispatch({ senderId: sender }, channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code}`);
    return result.value as Record<string, unknown>;
  };
  const { recoveryKey } = (await must('seed', 'setup.begin', { owner: OWNER })) as { recoveryKey: string };
  await must('seed', 'setup.complete', { recoveryKeyEnding: recoveryKey.slice(-9), confirmedStored: true });
  await must('seed', 'users.create', { ...SALES, role: 'sales' });
  await must('seed', 'customers.create', { name: 'Owner Customer' });
  await must('lily', 'session.login', { username: SALES.username, password: SALES.password });
  const mine = await must('lily', 'customers.create', { name: '王伟' });
  await must('lily', 'customers.list', { limit: 50 });
  core.close();
  return mine.id as number;
}

const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

describeKeychain('the audit page: customers seen by a user, in Chromium', () => {
  it('the owner asks which customers a user saw today, in English and in Chinese, and the question is itself audited', async () => {
    const profileDir = tempDir('coffer-e2e-audit-');
    const seen = await vaultWithReads(profileDir);
    app = await launchApp({ profileDir });
    const { page } = app;
    await signIn(app, OWNER);
    await page.getByRole('button', { name: 'Audit log' }).click();
    const form = page.getByTestId('customers-seen');
    await form.getByLabel('Username').fill('lily');
    await form.getByLabel('From').fill(today());
    await form.getByLabel('To').fill(today());
    await form.getByLabel('To').press('Enter');
    await form.getByTestId('customers-seen-result').getByText(`lily was shown 1 customer(s) in this period. Customer ids: ${seen}`).waitFor();

    await form.getByLabel('Username').fill('nobody');
    await form.getByRole('button', { name: 'Look up' }).click();
    await form.getByRole('alert').waitFor();

    await page.getByTestId('language-switch').selectOption('zh-CN');
    await form.getByLabel('用户名').fill('lily');
    await form.getByRole('button', { name: '查询' }).click();
    await form.getByTestId('customers-seen-result').getByText(`lily 在此期间共看到 1 位客户。客户编号：${seen}`).waitFor();

    const asked = app.core.vault.db().prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'audit.read' AND fields = '[\"customersSeen\"]'").get();
    expect(asked).toEqual({ n: 2 });
    expect(app.pageErrors).toEqual([]);
  });
});
