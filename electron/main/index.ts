import path from 'node:path';
import { app, dialog, Notification, session, type BrowserWindow, type WebContents } from 'electron';
import { MENU_EVENT } from '../../shared/menu-commands';
import { REFRESH_EVENT, type RefreshHint } from '../../shared/refresh-hints';
import { createCore, type Core } from '../core';
import { createAppRouter } from '../ipc';
import type { Router } from '../ipc/router';
import { callerOf } from '../ipc/caller';
import { bindRouterToIpcMain } from '../ipc/ipc-main';
import { historyCommandFor } from './app-command';
import { handleAppProtocol, registerAppScheme } from './app-protocol';
import { installMenu } from './menu';
import { createMenuActions } from './menu-actions';
import { startRefreshHints } from './refresh-hints';
import { createScreenGuard } from './screen-guard';
import { sqliteNativeBindingPath } from './native-binding';
import { isAllowedPermission, isAllowedRequestUrl, isAppUrl, isTrustedIpcSender } from './security';
import { createMainWindow } from './window';

/** The save dialog's file type for each kind of file core writes (exports, breach notices and evidence). */
const SAVE_FILTERS: Record<'xlsx' | 'csv' | 'txt' | 'json', Electron.FileFilter> = {
  xlsx: { name: 'Excel', extensions: ['xlsx'] },
  csv: { name: 'CSV', extensions: ['csv'] },
  txt: { name: 'Text', extensions: ['txt'] },
  json: { name: 'JSON', extensions: ['json'] },
};

// A thin shell: every rule lives in electron/core and electron/ipc, which the tests run under
// plain Node. This file only wires them to Electron's lifecycle.

registerAppScheme();
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  // Two processes on one SQLCipher vault would fight over the WAL; the second one just leaves.
  app.quit();
} else {
  let core: Core | undefined;
  let mainWindow: BrowserWindow | undefined;
  const ownContents = (contents: WebContents): boolean => mainWindow?.webContents === contents;

  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });

  // "Re-read these" to the window (shared/refresh-hints.ts): names only, never data.
  const sendHints = (hints: RefreshHint[]) => mainWindow?.webContents.send(REFRESH_EVENT, hints);

  const pickPath = async (options: Electron.OpenDialogOptions): Promise<string | null> => {
    const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  };

  void app.whenReady().then(() => {
    const ses = session.defaultSession;
    ses.setPermissionRequestHandler((_contents, permission, callback) => callback(isAllowedPermission(permission)));
    ses.setPermissionCheckHandler((_contents, permission) => isAllowedPermission(permission));
    ses.setDevicePermissionHandler(() => false);
    ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequestUrl(details.url) }));

    handleAppProtocol(path.join(__dirname, '../renderer'));

    core = createCore({
      profileDir: path.join(app.getPath('userData'), 'profile'),
      appVersion: app.getVersion(),
      osLocales: app.getPreferredSystemLanguages(),
      nativeBinding: sqliteNativeBindingPath({
        isPackaged: app.isPackaged,
        appPath: app.getAppPath(),
        resourcesPath: process.resourcesPath,
        electronVersion: process.versions.electron,
        platform: process.platform,
        arch: process.arch,
      }),
      backupWorker: path.join(__dirname, 'backup-worker.js'),
      importWorker: path.join(__dirname, 'import-worker.js'),
      erasureWorker: path.join(__dirname, 'erasure-worker.js'),
      pickFolder: () => pickPath({ properties: ['openDirectory', 'createDirectory'] }),
      pickBackupFile: () => pickPath({ properties: ['openFile'], filters: [{ name: 'Coffer backup', extensions: ['cofferbak'] }] }),
      pickImportFile: () =>
        pickPath({
          properties: ['openFile'],
          filters: [
            { name: 'Excel / WPS / CSV', extensions: ['xlsx', 'xlsm', 'xls', 'et', 'csv', 'tsv', 'txt'] },
            { name: 'All files', extensions: ['*'] },
          ],
        }),
      pickSaveFile: async (suggestedName, format) => {
        const options: Electron.SaveDialogOptions = { defaultPath: suggestedName, filters: [SAVE_FILTERS[format]] };
        const result = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
        return result.canceled || !result.filePath ? null : result.filePath;
      },
    });
    // Opens the vault from the keychain when it can; the window shows the result once known.
    // Data-free lines only (see router): safe for a log file.
    const appRouter = createAppRouter(core, (line) => console.error(`[coffer] ${line}`));
    // Who is signed in and the owner's screen protection change only through routed calls
    // (screen-guard.ts): after each one, from the page or the menu, the window follows.
    let screenGuard: { check(): void } | undefined;
    const router: Router = {
      dispatch: async (caller, channel, input) => {
        try {
          return await appRouter.dispatch(caller, channel, input);
        } finally {
          screenGuard?.check();
        }
      },
    };
    bindRouterToIpcMain(router, ownContents, isTrustedIpcSender);

    // Menu jobs go through the router as the window's own caller (menu-actions.ts): one door.
    installMenu(
      core.app.locale(),
      createMenuActions({
        router,
        focusedContentsId: () => mainWindow?.webContents.id,
        sendToWindow: (command) => mainWindow?.webContents.send(MENU_EVENT, command),
        refreshWindow: (hints) => sendHints(hints),
        log: (line) => console.error(`[coffer] ${line}`),
      }),
    );
    // The scheduler: a slot missed while the laptop was closed runs now, then every minute's check.
    const backupTick = setInterval(() => void core?.backups.tick(), 60_000);
    // Issue 16: the recycle bin's 30-day purge, hourly (and at every unlock, in core).
    const purgeTick = setInterval(() => void core?.purgeRecycleBin(), 3_600_000);
    // Issue 17: the retention schedule (monthly by default) is checked hourly; it only marks and proposes.
    const retentionTick = setInterval(() => core?.retentionTick(), 3_600_000);
    void core.start().then(() => core?.backups.tick());
    mainWindow = createMainWindow(path.join(__dirname, '../preload'), !app.isPackaged);
    const senderId = callerOf(mainWindow.webContents.id).senderId;
    const window = mainWindow;
    screenGuard = createScreenGuard({ core, senderId, apply: (on) => window.setContentProtection(on) });
    // A session never outlives its window, nor a crashed renderer.
    mainWindow.webContents.on('render-process-gone', () => core?.sessions.end(senderId));
    mainWindow.on('app-command', (_event, command: string) => {
      const history = historyCommandFor(command);
      if (history) mainWindow?.webContents.send(MENU_EVENT, history);
    });
    // Idle lock, backup jobs and due reminders reach the window as hints (refresh-hints.ts);
    // due reminders also as one notification, a count only.
    const stopHints = startRefreshHints({
      core,
      senderId,
      send: sendHints,
      notify: (notice, open) => {
        if (!Notification.isSupported()) return;
        const notification = new Notification({ ...notice, silent: false });
        // A click brings the window forward and opens the screen (the alert inbox): a name only.
        if (open)
          notification.on('click', () => {
            if (mainWindow?.isMinimized()) mainWindow.restore();
            mainWindow?.show();
            mainWindow?.focus();
            mainWindow?.webContents.send(MENU_EVENT, open);
          });
        notification.show();
      },
      // A monitoring rule raised an alert (the event carries nothing): hints and one notification.
      onAlert: core.monitor.onAlert,
      // A request made/decided/cancelled/used anywhere: the badge and inbox re-read approvals.*.
      onApprovalChange: core.approvals.onChange,
      onRetentionChange: core.retention.onChange,
    });
    mainWindow.on('closed', () => {
      stopHints();
      screenGuard = undefined;
      clearInterval(backupTick);
      clearInterval(purgeTick);
      clearInterval(retentionTick);
      core?.sessions.end(senderId);
      mainWindow = undefined;
    });
  });

  app.on('window-all-closed', () => app.quit());
  // Back up on quit (if chosen), at most once and at most two minutes, then close the vault.
  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting || !core || core.vault.state() !== 'unlocked' || !core.backups.schedule().onQuit) return;
    quitting = true;
    event.preventDefault();
    const timeout = new Promise((resolve) => setTimeout(resolve, 120_000));
    void Promise.race([core.backups.backup('quit', null).catch(() => undefined), timeout]).then(() => app.quit());
  });
  app.on('will-quit', () => core?.close());
}
