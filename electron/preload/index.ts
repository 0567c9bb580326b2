import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_KEY, createBridge } from '../../shared/bridge';
import { CHANNEL_NAMES } from '../../shared/contract';

// The whole preload: one function per contract channel, each a plain invoke. No ipcRenderer
// object, no event emitter and no Node API ever reaches the page.
contextBridge.exposeInMainWorld(
  BRIDGE_KEY,
  createBridge(CHANNEL_NAMES, (channel, input) => ipcRenderer.invoke(channel, input)),
);
