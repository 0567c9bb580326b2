import { defineConfig } from 'vitest/config';

// End-to-end: the built renderer in Debian Chromium with the real router behind the bridge.
// One file at a time: each test starts its own browser, and CI has two cores.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    pool: 'forks',
    // expect.poll's default of 1 s is shorter than a backup on a loaded 2-core machine; a wait
    // that is too short fails a correct app, one that is long only slows a broken one.
    expect: { poll: { timeout: 15_000 } },
  },
});
