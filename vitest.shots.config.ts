import { defineConfig } from 'vitest/config';

// Screenshots for the README (npm run screenshots), never part of npm test: they are pictures
// for people, refreshed on purpose, and a font or a pixel must not fail a build.
export default defineConfig({
  test: {
    include: ['tests/screenshots/**/*.shots.ts'],
    environment: 'node',
    testTimeout: 600_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    pool: 'forks',
    expect: { poll: { timeout: 15_000 } },
  },
});
