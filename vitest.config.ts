import { defineConfig } from 'vitest/config';

// Unit (core rules) and integration (router + real vault + real keychain) tests. The end-to-end
// suite has its own config because it needs the built renderer and a browser.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    // Timeouts only catch a hang; they never measure speed (that is `npm run bench`). Files run in
    // parallel on CI's two cores, where a test that hashes a few passwords (scrypt) and talks to
    // the keychain took over 30 s in a loaded run and failed a correct app.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Keychain tests share one Secret Service; files run in parallel, tests within a file in order.
    pool: 'forks',
  },
});
