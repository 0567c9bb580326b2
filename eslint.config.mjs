// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Import boundaries, by runtime (see DESIGN.md section 1):
 *  - renderer/ never imports electron/ code, 'electron' or Node built-ins;
 *  - electron/core/ is plain Node: never 'electron', never the shell or the router;
 *  - only electron/ipc/ipc-main.ts touches ipcMain; only electron/preload/ touches
 *    ipcRenderer or contextBridge;
 *  - shared/ is read by both sides, so it imports neither;
 *  - electron/ipc/ sits below the shell: it never imports electron/main (main injects policy).
 * ESLint replaces (does not merge) a rule's options per matching block, so each area's full
 * list is built here once.
 */
const NODE_BUILTINS = ['node:*', 'fs', 'fs/*', 'path', 'os', 'crypto', 'child_process', 'worker_threads', 'http', 'https', 'net'];
const ipcMainOnly = { name: 'electron', importNames: ['ipcMain'], message: 'Only electron/ipc/ipc-main.ts may use ipcMain.' };
const preloadOnly = {
  name: 'electron',
  importNames: ['ipcRenderer', 'contextBridge'],
  message: 'Only electron/preload may use ipcRenderer or contextBridge.',
};
/** @param {string} why */
const noElectron = (why) => ({ name: 'electron', message: why });
const belowShell = { group: ['**/main/**', '**/main', '**/preload/**', '**/renderer/**'], message: 'electron/ipc never imports the shell above it: main injects what ipc needs.' };

/**
 * @param {{ paths?: object[], patterns?: object[] }} options
 * @returns {import('eslint').Linter.RulesRecord}
 */
const restrict = (options) => ({ 'no-restricted-imports': ['error', options] });

/**
 * Electron's renderer has no window.prompt (it throws "prompt() is and will not be supported.")
 * and its alert/confirm block the whole app; Chromium has all three, so only a rule catches them.
 * Ask through renderer/src/components/prompts.tsx (the in-app <dialog>) instead.
 */
const BROWSER_DIALOGS = ['prompt', 'alert', 'confirm'];
const dialogMessage = 'Electron has no usable browser dialogs: use useConfirm/usePasswordPrompt (renderer/src/components/prompts.tsx).';
/** @type {import('eslint').Linter.RulesRecord} */
const noBrowserDialogs = {
  'no-restricted-globals': ['error', ...BROWSER_DIALOGS.map((name) => ({ name, message: dialogMessage }))],
  'no-restricted-properties': [
    'error',
    ...['window', 'globalThis', 'self', 'top', 'parent'].flatMap((object) => BROWSER_DIALOGS.map((property) => ({ object, property, message: dialogMessage }))),
  ],
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.native/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...noBrowserDialogs,
      ...restrict({
        paths: [noElectron('The renderer reaches main only through window.coffer (renderer/src/client.ts).')],
        patterns: [
          { group: ['**/electron/**', '**/electron'], message: 'The renderer never imports electron/ code.' },
          { group: NODE_BUILTINS, message: 'The renderer is sandboxed: no Node built-ins.' },
        ],
      }),
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: restrict({
      paths: [noElectron('shared/ is read by both processes and imports neither.')],
      patterns: [{ group: ['**/electron/**', '**/renderer/**', ...NODE_BUILTINS], message: 'shared/ imports neither side nor Node.' }],
    }),
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: restrict({
      paths: [noElectron("electron/core runs under plain Node and never imports 'electron'.")],
      patterns: [{ group: ['**/main/**', '**/ipc/**', '**/preload/**', '**/renderer/**'], message: 'core depends on nothing above it.' }],
    }),
  },
  { files: ['electron/main/**/*.ts', 'electron/ipc/**/*.ts', 'tests/**/*.ts', 'scripts/**/*.mjs'], rules: restrict({ paths: [ipcMainOnly, preloadOnly] }) },
  { files: ['electron/ipc/**/*.ts'], rules: restrict({ paths: [ipcMainOnly, preloadOnly], patterns: [belowShell] }) },
  { files: ['electron/ipc/ipc-main.ts'], rules: restrict({ paths: [preloadOnly], patterns: [belowShell] }) },
  { files: ['electron/preload/**/*.ts'], rules: restrict({ paths: [ipcMainOnly] }) },
);
