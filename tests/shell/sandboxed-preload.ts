// Part of the Electron STAND-IN (electron-stand-in.ts): how it runs the built preload in a page.

/**
 * The built preload, run the way Electron's sandbox runs it: a CommonJS function whose `require`
 * knows only 'electron' (anything else throws and is recorded), given a stand-in contextBridge
 * and ipcRenderer. Everything it asks for is kept on __standInPreloadRequires for the test.
 */
export function sandboxedPreload(source: string): string {
  return `(() => {
  const requires = [];
  const listeners = new Map();
  Object.defineProperty(window, '__standInPreloadRequires', { value: requires });
  Object.defineProperty(window, '__standInDeliver', { value: (channel, args) => { for (const l of listeners.get(channel) ?? []) l({}, ...args); } });
  const electron = {
    contextBridge: { exposeInMainWorld: (key, api) => Object.defineProperty(window, key, { value: api, enumerable: false, configurable: false, writable: false }) },
    ipcRenderer: {
      invoke: (channel, input) => window.__standInInvoke(channel, input),
      on: (channel, listener) => { listeners.set(channel, [...(listeners.get(channel) ?? []), listener]); },
    },
  };
  const require = (name) => {
    requires.push(name);
    if (name === 'electron') return electron;
    throw new Error('a sandboxed preload cannot require ' + name);
  };
  const module = { exports: {} };
  (function (require, module, exports) {
${source}
  })(require, module, module.exports);
})();`;
}
