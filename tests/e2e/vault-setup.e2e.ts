import fs from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createKeytarKeychain } from '../../electron/core/keychain/keychain';
import { CofferError } from '../../shared/errors';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { E2E_KEYCHAIN_SERVICE, launchApp, type TestApp } from './harness';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const OWNER = { username: 'boss', displayName: '王伟', password: 'Lantern-Harbor-42' };

/** Walks the first-run wizard in the page and returns the recovery key it showed. */
async function runSetup(testApp: TestApp, backupDir: string | null): Promise<string> {
  const { page } = testApp;
  await page.getByTestId('setup-owner').waitFor();
  await page.getByLabel('Username').fill(OWNER.username);
  await page.getByLabel('Display name').fill(OWNER.displayName);
  await page.getByLabel('Password', { exact: true }).fill('short');
  await page.getByLabel('Password again').fill('short');
  await page.getByRole('button', { name: 'Create the encrypted database' }).click();
  await page.getByText('Use at least 10 characters.').waitFor();
  expect(testApp.core.vault.state()).toBe('needs-setup');

  await page.getByLabel('Password', { exact: true }).fill(OWNER.password);
  await page.getByLabel('Password again').fill(OWNER.password);
  await page.getByRole('button', { name: 'Create the encrypted database' }).click();
  await page.getByTestId('setup-recovery').waitFor();
  const recoveryKey = (await page.getByTestId('recovery-key').innerText()).split(/\s+/).join('-');
  expect(recoveryKey).toMatch(/^([0-9A-Z]{4}-){8}[0-9A-Z]{4}$/);
  // Nothing is written until the owner proves they kept the key.
  expect(testApp.core.vault.state()).toBe('needs-setup');

  const finish = page.getByRole('button', { name: 'Finish setup' });
  expect(await finish.isDisabled()).toBe(true);
  await page.getByTestId('recovery-stored').check();
  await page.getByLabel('To check, type the last two groups of the key').fill('0000-0000');
  await finish.click();
  await page.getByText('That does not match the end of your recovery key.').waitFor();
  expect(testApp.core.vault.state()).toBe('needs-setup');

  await page.getByLabel('To check, type the last two groups of the key').fill(recoveryKey.slice(-9).toLowerCase());
  await finish.click();
  await page.getByTestId('setup-backup').waitFor();
  expect(testApp.core.vault.state()).toBe('unlocked');
  if (backupDir) {
    await page.getByRole('button', { name: 'Choose folder…' }).click();
    await page.getByTestId('backup-folder').getByText(backupDir).waitFor();
    await page.getByRole('button', { name: 'Start using Coffer' }).click();
  } else {
    await page.getByRole('button', { name: 'Later' }).click();
  }
  await page.getByRole('heading', { name: `Welcome, ${OWNER.displayName}` }).waitFor();
  return recoveryKey;
}

describeKeychain('first run and later starts, in Chromium on the real keychain', () => {
  it('sets up the vault, then a later start opens it from the keychain and asks for the password', async () => {
    const profileDir = tempDir('coffer-e2e-vault-');
    const backupDir = tempDir('coffer-e2e-backups-');
    app = await launchApp({ profileDir, core: { pickFolder: async () => backupDir } });
    const recoveryKey = await runSetup(app, backupDir);
    expect(await app.page.getByTestId('backup-reminder').count()).toBe(0);
    // The folder chosen during setup got its first backup straight away.
    await expect.poll(() => fs.readdirSync(backupDir).filter((f) => f.endsWith('.cofferbak')).length, { timeout: 30_000 }).toBe(1);

    // The recovery key is stored nowhere on disk.
    for (const name of fs.readdirSync(profileDir, { recursive: true }) as string[]) {
      if (fs.statSync(path.join(profileDir, name)).isDirectory()) continue; // the backups' scratch folder
      const bytes = fs.readFileSync(path.join(profileDir, name));
      expect(bytes.includes(Buffer.from(recoveryKey)), name).toBe(false);
      expect(bytes.includes(Buffer.from(recoveryKey.replace(/-/g, ''))), name).toBe(false);
    }
    await app.close();

    app = await launchApp({ profileDir });
    const { page } = app;
    await page.getByTestId('login').waitFor();
    await page.getByLabel('Username').fill(OWNER.username);
    await page.getByLabel('Password').fill('Wrong-Password-99');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('error').getByText('The username or password is wrong.').waitFor();
    await page.getByLabel('Password').fill(OWNER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: `Welcome, ${OWNER.displayName}` }).waitFor();

    // Change database key (on My account, from the name in the menu): re-authentication first.
    await page.getByTestId('signed-in-as').click();
    const rotate = page.getByTestId('rotate-key');
    await rotate.getByLabel('Your password').fill('Wrong-Password-99');
    await rotate.getByRole('button', { name: 'Change key' }).click();
    await rotate.getByText('That password is not right.').waitFor();
    const keyIdOf = () => (JSON.parse(fs.readFileSync(path.join(profileDir, 'vault.json'), 'utf8')) as { keys: { current: { keyId: string } } }).keys.current.keyId;
    const before = keyIdOf();
    await rotate.getByLabel('Your password').fill(OWNER.password);
    await rotate.getByRole('button', { name: 'Change key' }).click();
    await rotate.getByText('The database key was changed.').waitFor();
    expect(keyIdOf()).not.toBe(before);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByTestId('login').waitFor();
    await app.close();

    // After rotation the next start still opens from the keychain.
    app = await launchApp({ profileDir });
    await app.page.getByTestId('login').waitFor();
  });

  it('skipping the backup folder leaves a visible reminder; a lost keychain entry is recovered with the recovery key', async () => {
    const profileDir = tempDir('coffer-e2e-vault-');
    app = await launchApp({ profileDir, osLocales: ['en'] });
    const recoveryKey = await runSetup(app, null);
    await app.page.getByTestId('backup-reminder').waitFor();
    await app.close();

    // Lose this vault's keychain entry, as on a new laptop or after a keychain reset.
    const vault = JSON.parse(fs.readFileSync(path.join(profileDir, 'vault.json'), 'utf8')) as { vaultId: string };
    expect(await createKeytarKeychain(E2E_KEYCHAIN_SERVICE).delete(`vault-${vault.vaultId}`)).toBe(true);

    app = await launchApp({ profileDir });
    const { page } = app;
    await page.getByTestId('unlock').waitFor();
    await page.getByTestId('locked-reason').getByText('no key for this database').waitFor();
    const typo = recoveryKey.slice(0, 5) + (recoveryKey[5] === 'A' ? 'B' : 'A') + recoveryKey.slice(6);
    await page.getByLabel('Recovery key').fill(typo);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByTestId('error').and(page.locator('[data-code="RECOVERY_KEY_TYPO"]')).waitFor();
    expect(app.core.vault.state()).toBe('locked');

    await page.getByLabel('Recovery key').fill(recoveryKey);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByTestId('login').waitFor();
    await app.close();

    // The key went back into the keychain: the next start needs no recovery key.
    app = await launchApp({ profileDir });
    await app.page.getByTestId('login').waitFor();
  });

  it('without a working keychain: a persistent warning, and every start asks for the recovery key', async () => {
    const profileDir = tempDir('coffer-e2e-vault-');
    // Simulates the outside world: a Linux desktop with no Secret Service, failing as libsecret does.
    const noKeychain = {
      get: () => Promise.reject(new CofferError('KEYCHAIN_UNAVAILABLE', 'No keychain.')),
      set: () => Promise.reject(new CofferError('KEYCHAIN_UNAVAILABLE', 'No keychain.')),
      delete: () => Promise.reject(new CofferError('KEYCHAIN_UNAVAILABLE', 'No keychain.')),
      probe: async () => 'unavailable' as const,
    };
    app = await launchApp({ profileDir, core: { keychain: noKeychain } });
    await app.page.getByTestId('keychain-warning').waitFor();
    const recoveryKey = await runSetup(app, null);
    await app.page.getByTestId('keychain-warning').waitFor();
    await app.close();

    app = await launchApp({ profileDir, core: { keychain: noKeychain } });
    const { page } = app;
    await page.getByTestId('keychain-warning').waitFor();
    await page.getByTestId('locked-reason').getByText('no working system keyring').waitFor();
    await page.getByLabel('Recovery key').fill(recoveryKey.toLowerCase());
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByTestId('login').waitFor();
    await page.getByTestId('keychain-warning').waitFor();
  });
});
