import { createCore } from '../core';
import { createDemoVault } from '../core/demo/demo-vault';

export interface DemoArgs {
  customers: number;
  profile: string;
  seed?: number;
  interactions?: number;
  sensitive: boolean;
}

/**
 * `coffer demo`: a new vault full of made-up customers, in the desktop app's profile (or
 * --profile). It never touches an existing vault.
 */
export async function runDemo(args: DemoArgs, out: (line: string) => void, appVersion: string): Promise<number> {
  const core = createCore({ profileDir: args.profile, appVersion, osLocales: [Intl.DateTimeFormat().resolvedOptions().locale] });
  try {
    await core.start();
    if (core.vault.state() !== 'needs-setup') {
      out(`A vault already exists in ${args.profile}. Nothing was changed. Choose another folder with --profile <folder>.`);
      return 2;
    }
    const started = Date.now();
    let lastShown = 0;
    const demo = await createDemoVault(
      core,
      { customers: args.customers, ...(args.seed !== undefined ? { seed: args.seed } : {}), ...(args.interactions !== undefined ? { interactionsPerCustomer: args.interactions } : {}), sensitiveFields: args.sensitive },
      (done, total) => {
        if (Date.now() - lastShown < 1000 && done < total) return;
        lastShown = Date.now();
        out(`  ${done.toLocaleString('en')} / ${total.toLocaleString('en')} customers`);
      },
    );
    out(`Demo vault ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${args.profile}`);
    out(core.vault.keychainState() === 'available' ? 'Its key is in this computer’s keychain.' : 'No keychain: the app will ask for the recovery key at each start.');
    out('');
    out('This is a demo vault. Its recovery key and passwords are shown once, here:');
    out(`  Recovery key: ${demo.recoveryKey}`);
    for (const account of demo.accounts) out(`  ${account.role.padEnd(8)} ${account.username.padEnd(9)} ${account.password}`);
    return 0;
  } finally {
    core.close();
  }
}
