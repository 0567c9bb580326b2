import fs from 'node:fs';
import path from 'node:path';
import { build } from 'vite';

const root = path.resolve(__dirname, '../..');

/**
 * Bundles a TypeScript entry into one CommonJS file a child process can run (Node 20 cannot run
 * TypeScript), keeping the native modules external. The bundle sits inside node_modules so its
 * require() of those modules resolves from the repository.
 */
export async function bundleChild(entry: string, name: string, moreExternal: string[] = []): Promise<{ file: string; remove(): void }> {
  const outDir = path.join(root, 'node_modules', '.cache', `coffer-${name}-${process.pid}`);
  await build({
    configFile: false,
    logLevel: 'silent',
    root,
    build: {
      ssr: entry,
      outDir,
      emptyOutDir: true,
      minify: false,
      target: 'node20',
      rollupOptions: { external: ['better-sqlite3-multiple-ciphers', 'keytar', ...moreExternal], output: { format: 'cjs', entryFileNames: 'child.cjs' } },
    },
  });
  return { file: path.join(outDir, 'child.cjs'), remove: () => fs.rmSync(outDir, { recursive: true, force: true }) };
}
