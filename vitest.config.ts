import { defineConfig } from 'vitest/config';

// Unit (core rules) and integration (router + real vault + real keychain) tests. The end-to-end
// suite has its own config because it needs the built renderer and a browser.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Keychain tests share one Secret Service; files run in parallel, tests within a file in order.
    pool: 'forks',
  },
});
