import { createCore, type Core } from '../../electron/core';
import { createKeytarKeychain } from '../../electron/core/keychain/keychain';
import { createAppRouter } from '../../electron/ipc';
import type { Router } from '../../electron/ipc/router';
import { E2E_KEYCHAIN_SERVICE } from './harness';

/** A router call that must succeed (seeding, or checking an outcome). */
export async function ok(router: Router, senderId: string, channel: string, input: unknown): Promise<unknown> {
  const result = await router.dispatch({ senderId }, channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}`);
  return result.value;
}

/** A vault set up through the router with this owner (signed in as 'seed'), then `more` (which may also reach the open core, e.g. to backdate a sign-in), then closed. */
export async function seedVault(profileDir: string, owner: { username: string; displayName: string; password: string }, more: (router: Router, core: Core) => Promise<void>): Promise<void> {
  const core = createCore({ profileDir, appVersion: 'seed', osLocales: ['en'], keychain: createKeytarKeychain(E2E_KEYCHAIN_SERVICE) });
  const router = createAppRouter(core);
  const { recoveryKey } = (await ok(router, 'seed', 'setup.begin', { owner })) as { recoveryKey: string };
  await ok(router, 'seed', 'setup.complete', { recoveryKeyEnding: recoveryKey.slice(-9), confirmedStored: true });
  await more(router, core);
  core.close();
}
