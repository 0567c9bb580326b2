// Run as a separate process by restore-crash.test.ts (bundled first). Opens the vault from the
// keychain and swaps in the restored file named by argv; COFFER_FAULT_AT makes it SIGKILL itself.
import { createKeytarKeychain } from '../../electron/core/keychain/keychain';
import { createVaultService } from '../../electron/core/vault/vault-service';

const [profileDir, serviceName, incoming] = process.argv.slice(2) as [string, string, string];
const vault = createVaultService({ profileDir, keychain: createKeytarKeychain(serviceName) });
vault
  .unlockFromKeychain()
  .then(() => vault.replaceDatabase(incoming))
  .then(
    () => vault.close(),
    (error: unknown) => {
      process.stderr.write(`${(error as { code?: string }).code ?? 'ERROR'}\n`);
      process.exit(1);
    },
  );
