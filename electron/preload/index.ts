import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_KEY, createBridge } from '../../shared/bridge';
import { CHANNEL_NAMES } from '../../shared/contract';
import { isMenuCommand, MENU_EVENT } from '../../shared/menu-commands';
import { pickRefreshHints, REFRESH_EVENT } from '../../shared/refresh-hints';

// The whole preload: one function per contract channel, each a plain invoke. No ipcRenderer
// object, no event emitter and no Node API ever reaches the page.
contextBridge.exposeInMainWorld(
  BRIDGE_KEY,
  createBridge(CHANNEL_NAMES, (channel, input) => ipcRenderer.invoke(channel, input)),
);

// Menu items that open a screen: a known command name becomes a DOM event (shared/menu-commands.ts).
ipcRenderer.on(MENU_EVENT, (_event, command: unknown) => {
  // globalThis is the preload's window; DOM events on it reach the page's listeners too.
  if (isMenuCommand(command)) (globalThis as unknown as EventTarget).dispatchEvent(new CustomEvent(MENU_EVENT, { detail: command }));
});

// "Re-read these" from main (shared/refresh-hints.ts): only names on the fixed list pass, as a DOM event.
ipcRenderer.on(REFRESH_EVENT, (_event, hints: unknown) => {
  const known = pickRefreshHints(hints);
  if (known.length > 0) (globalThis as unknown as EventTarget).dispatchEvent(new CustomEvent(REFRESH_EVENT, { detail: known }));
});
