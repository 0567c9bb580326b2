import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_KEY, createBridge } from '../../shared/bridge';
import { CHANNEL_NAMES } from '../../shared/contract';
import { isMenuCommand, MENU_EVENT } from '../../shared/menu-commands';

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
