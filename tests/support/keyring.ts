import { describe } from 'vitest';

/**
 * Keychain suites run against the real gnome-keyring that scripts/keyring-session.sh starts
 * (npm test does this itself). Outside such a session they are skipped locally, but in CI a
 * missing keyring must fail the run, never quietly skip it.
 */
export const hasTestKeyring = process.env.COFFER_TEST_KEYRING === '1';

export const describeKeychain: typeof describe =
  hasTestKeyring || process.env.CI ? describe : (describe.skip as typeof describe);
