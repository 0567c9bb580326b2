// Run as a separate process by import-crash.test.ts (bundled first). Opens the vault from the
// keychain, signs in as the owner and commits the import of the table in argv[3]; it prints each
// progress figure so the parent can kill it (SIGKILL) in the middle of the commit.
import { createCore } from '../../electron/core';
import { createKeytarKeychain } from '../../electron/core/keychain/keychain';
import { createAppRouter } from '../../electron/ipc';
import { tableParser } from './import-table';

const [profileDir, serviceName, file, password] = process.argv.slice(2) as [string, string, string, string];

async function main(): Promise<void> {
  const core = createCore({ profileDir, appVersion: 'test', osLocales: ['en'], keychain: createKeytarKeychain(serviceName), importParser: tableParser, pickImportFile: async () => file });
  await core.start();
  const router = createAppRouter(core);
  const caller = { senderId: 'child' };
  const call = async (channel: string, input: unknown) => {
    const result = await router.dispatch(caller, channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code}`);
    return result.value as Record<string, unknown>;
  };
  await call('session.login', { username: 'anna', password });
  const opened = (await call('import.open', {})) as { preview: { importId: string } };
  const importId = opened.preview.importId;
  await call('import.dryRun', { importId, mapping: [{ letter: 'A', target: 'name' }, { letter: 'B', target: 'mobile' }], choice: 'skip', rememberMapping: false });
  await call('import.commit', { importId, confirmRepeat: false });
  for (;;) {
    const progress = (await call('import.progress', { importId })) as { state: string; done: number };
    process.stdout.write(`done=${progress.done}\n`);
    if (progress.state !== 'running') break;
    await new Promise((resolve) => setImmediate(resolve));
  }
  process.stdout.write('finished\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
