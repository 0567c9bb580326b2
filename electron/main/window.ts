import path from 'node:path';
import { BrowserWindow } from 'electron';
import { APP_ENTRY_URL, hardenedWebPreferences, isAllowedNavigation } from './security';

export function createMainWindow(preloadDir: string, devTools: boolean): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Coffer',
    webPreferences: hardenedWebPreferences(path.join(preloadDir, 'index.js'), devTools),
  });
  const contents = window.webContents;

  contents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // No new windows from the page, ever. The app makes no network requests,
  // so links are not handed to the browser either.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));

  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}
