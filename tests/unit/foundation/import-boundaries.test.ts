import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Lints small snippets as if they lived at the given paths, so the boundary rules are proven to
// fire (and not to fire) rather than assumed.
const eslint = new ESLint({ cwd: path.resolve(__dirname, '../../..') });

async function restrictedImportErrors(filePath: string, code: string): Promise<number> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').length;
}

describe('import boundaries', () => {
  it.each([
    ['renderer/src/x.ts', "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;"],
    ['renderer/src/x.ts', "import { createCore } from '../../electron/core';\nexport const a = createCore;"],
    ['renderer/src/x.ts', "import fs from 'node:fs';\nexport const a = fs;"],
    ['electron/core/vault/x.ts', "import { app } from 'electron';\nexport const a = app;"],
    ['electron/core/vault/x.ts', "import { createRouter } from '../../ipc/router';\nexport const a = createRouter;"],
    ['electron/main/x.ts', "import { ipcMain } from 'electron';\nexport const a = ipcMain;"],
    ['electron/ipc/router.ts', "import { ipcMain } from 'electron';\nexport const a = ipcMain;"],
    ['electron/main/x.ts', "import { contextBridge } from 'electron';\nexport const a = contextBridge;"],
    ['electron/ipc/ipc-main.ts', "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;"],
    ['electron/preload/index.ts', "import { ipcMain } from 'electron';\nexport const a = ipcMain;"],
    ['shared/x.ts', "import { app } from 'electron';\nexport const a = app;"],
    ['electron/ipc/ipc-main.ts', "import { isTrustedIpcSender } from '../main/security';\nexport const a = isTrustedIpcSender;"],
    ['electron/ipc/handlers/x.ts', "import { installMenu } from '../../main/menu';\nexport const a = installMenu;"],
    ['electron/ipc/x.ts', "import { createMainWindow } from '../main/window';\nexport const a = createMainWindow;"],
  ])('refuses a forbidden import in %s', async (file, code) => {
    expect(await restrictedImportErrors(file, code)).toBeGreaterThan(0);
  });

  it.each([
    ['electron/ipc/ipc-main.ts', "import { ipcMain } from 'electron';\nexport const a = ipcMain;"],
    ['electron/preload/index.ts', "import { contextBridge, ipcRenderer } from 'electron';\nexport const a = [contextBridge, ipcRenderer];"],
    ['electron/main/x.ts', "import { app } from 'electron';\nexport const a = app;"],
    ['renderer/src/x.ts', "import { contract } from '../../shared/contract';\nexport const a = contract;"],
    ['electron/core/x.ts', "import fs from 'node:fs';\nexport const a = fs;"],
    ['electron/ipc/ipc-main.ts', "import { callerOf } from './caller';\nexport const a = callerOf;"],
    ['electron/main/x.ts', "import { callerOf } from '../ipc/caller';\nexport const a = callerOf;"],
  ])('allows the sanctioned import in %s', async (file, code) => {
    expect(await restrictedImportErrors(file, code)).toBe(0);
  });
});
