// Run as a separate process by vault-rotation.test.ts (bundled first: Node 20 cannot run
// TypeScript). It unlocks the vault from the real keychain and rotates its key; COFFER_FAULT_AT
// makes it SIGKILL itself at that step.
import { createKeytarKeychain } from '../../electron/core/keychain/keychain';
import { createVaultService } from '../../electron/core/vault/vault-service';

async function main(): Promise<void> {
  const [profileDir, serviceName] = process.argv.slice(2);
  if (!profileDir || !serviceName) throw new Error('usage: child <profileDir> <serviceName>');
  const vault = createVaultService({ profileDir, keychain: createKeytarKeychain(serviceName) });
  await vault.unlockFromKeychain();
  vault.db().prepare("INSERT INTO meta (key, value) VALUES ('child-was-here', 'yes')").run();
  await vault.rotateKey();
  vault.close();
  process.stdout.write('rotated\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as { code?: string }).code ?? 'ERROR'}\n`);
  process.exit(1);
});
