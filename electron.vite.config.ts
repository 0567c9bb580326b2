import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

export default defineConfig({
  main: {
    build: {
      // Native modules stay external; each runtime loads its own build (see native-binding.ts).
      externalizeDeps: true,
      // The command line (demo data, backup verify) ships beside main and runs under plain Node;
      // backups and drills, the parsing of import files and the erasure after-checks run in worker threads from their own entries.
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          cli: resolve(__dirname, 'electron/cli/index.ts'),
          'backup-worker': resolve(__dirname, 'electron/core/backup/backup-worker.ts'),
          'import-worker': resolve(__dirname, 'electron/core/import/import-worker.ts'),
          'erasure-worker': resolve(__dirname, 'electron/core/privacy/erasure-worker.ts'),
        },
        output: { banner: (chunk) => (chunk.name === 'cli' ? '#!/usr/bin/env node' : '') },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload can require only 'electron': everything else is bundled into one file.
      externalizeDeps: false,
      isolatedEntries: true,
      rollupOptions: { input: { index: resolve(__dirname, 'electron/preload/index.ts') }, external: ['electron'] },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    base: './',
    plugins: [react()],
    build: {
      // No inline scripts or data: modules: the CSP allows 'self' only.
      assetsInlineLimit: 0,
      minify: true,
      modulePreload: { polyfill: false },
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});
