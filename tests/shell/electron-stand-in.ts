import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import { chromium, type BrowserContext, type Frame, type Page } from 'playwright-core';
import { sandboxedPreload } from './sandboxed-preload';

/**
 * A STAND-IN for the `electron` module, not Electron. It lets the built main bundle
 * (out/main/index.js) run under plain Node with the parts of Electron it touches played by small
 * objects, and its one window played by a page of the test's Chromium (playwright-core):
 *  - protocol: records when the scheme is made privileged and when its handler is set; every
 *    request the page makes to https://coffer/ is answered by main's own app:// handler
 *    (Chromium cannot serve a custom scheme without Electron, so the origin is mapped both ways);
 *  - the window's preload: the BUILT out/preload/index.js runs in the page with a `require` that
 *    hands out only a stand-in 'electron' (contextBridge, ipcRenderer), like Electron's sandbox;
 *  - ipcMain: ipcRenderer.invoke from the page reaches main's registered handler with an event
 *    whose sender and senderFrame describe the real Chromium frame that called;
 *  - app, BrowserWindow, Menu, Notification, dialog, session: just enough to run main's lifecycle.
 * safeStorage is not used by main and is absent on purpose. What only a real Electron run can
 * show (its sandbox, contextIsolation, the real app:// scheme, native menus, the Electron build of
 * the database module, packaging and fuses) is listed in the README.
 */

export const STAND_IN_ORIGIN = 'https://coffer';
const APP_ORIGIN = 'app://coffer';
export const toPageUrl = (url: string): string => (url.startsWith(`${APP_ORIGIN}/`) ? STAND_IN_ORIGIN + url.slice(APP_ORIGIN.length) : url);
export const toAppUrl = (url: string): string => (url.startsWith(`${STAND_IN_ORIGIN}/`) ? APP_ORIGIN + url.slice(STAND_IN_ORIGIN.length) : url);

export interface StandInOptions {
  chromiumPath: string;
  chromiumFlags: string[];
  /** Chromium's own profile folder: also how the test finds a leftover browser process. */
  browserDir: string;
  userData: string;
  appPath: string;
  version: string;
  locales: string[];
  /** What the folder picker answers. */
  pickedFolder: () => string | null;
}

interface Cancellable {
  defaultPrevented: boolean;
  preventDefault(): void;
}
const cancellable = (): Cancellable => ({ defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } });

export interface StandInRecord {
  events: string[];
  schemes: { privileged: string[]; privilegedBeforeReady: boolean; handled: string[]; handledAfterReady: boolean };
  /** Every request the page made to the app's origin and what main's handler answered. */
  responses: { url: string; status: number; csp: string | null }[];
  /** Requests to anywhere else, refused by the stand-in's network. */
  foreignRequests: string[];
  /** Each ipcRenderer.invoke main saw: channel, whether the sender was a main frame, ok or error code. */
  invokes: { channel: string; mainFrame: boolean; outcome: string }[];
  /** Each setContentProtection call on a window, in order (screen protection). */
  contentProtection: boolean[];
  /** The options of every desktop Notification main constructed, and whether it showed it. */
  notifications: { options: Record<string, unknown>; shown: boolean }[];
}

export function createElectronStandIn(options: StandInOptions) {
  const record: StandInRecord = {
    events: [],
    schemes: { privileged: [], privilegedBeforeReady: false, handled: [], handledAfterReady: false },
    responses: [],
    foreignRequests: [],
    invokes: [],
    contentProtection: [],
    notifications: [],
  };
  const notifications: StandInNotification[] = [];
  /** Electron's Notification as main uses it: options recorded, 'click' emitted by the test (clickNotification). */
  class StandInNotification extends EventEmitter {
    static isSupported = () => true;
    private readonly entry: { options: Record<string, unknown>; shown: boolean };
    constructor(options: Record<string, unknown>) {
      super();
      this.entry = { options: { ...options }, shown: false };
      record.notifications.push(this.entry);
      notifications.push(this);
    }
    show(): void {
      this.entry.shown = true;
    }
  }
  let ready = false;
  let context: BrowserContext | undefined;
  let protocolHandler: ((request: Request) => Promise<Response> | Response) | undefined;
  let beforeRequest: ((details: { url: string }, callback: (r: { cancel?: boolean }) => void) => void) | undefined;
  const ipcHandlers = new Map<string, (event: unknown, input: unknown) => unknown>();
  let nextContentsId = 1;

  class StandInWebContents extends EventEmitter {
    readonly id = nextContentsId++;
    readonly mainFrame: { readonly url: string };
    constructor(readonly page: Promise<Page>) {
      super();
      let current = '';
      void page.then((p) => p.on('framenavigated', (frame) => frame === p.mainFrame() && (current = toAppUrl(frame.url()))));
      this.mainFrame = { get url() { return current; } };
    }
    /** True while main's own loadURL runs: Electron emits will-navigate only for the page's navigations. */
    loading = false;
    setWindowOpenHandler(): void {}
    send(channel: string, ...args: unknown[]): void {
      void this.page.then((p) => p.evaluate(([c, a]) => (window as unknown as { __standInDeliver(c: string, a: unknown[]): void }).__standInDeliver(c, a), [channel, args] as const));
    }
  }

  const windows: StandInBrowserWindow[] = [];
  // The invoke binding finds a call's window by its page.
  const resolvedPages = new Map<StandInBrowserWindow, Page>();
  const strays = new Map<Page, StandInWebContents>();

  class StandInBrowserWindow extends EventEmitter {
    readonly webContents: StandInWebContents;
    private closed = false;
    constructor(readonly options: { webPreferences: { preload: string } }) {
      super();
      if (!context) throw new Error('stand-in: a BrowserWindow before app ready');
      const browser = context;
      const page = (async () => {
        const p = windows.length === 0 && browser.pages()[0] ? browser.pages()[0]! : await browser.newPage();
        await p.addInitScript({ content: sandboxedPreload(fs.readFileSync(options.webPreferences.preload, 'utf8')) });
        return p;
      })();
      this.webContents = new StandInWebContents(page);
      app.emit('web-contents-created', {}, this.webContents);
      void page.then((p) => resolvedPages.set(this, p));
      windows.push(this);
    }
    static getAllWindows = () => windows.filter((w) => !w.closed);
    static getFocusedWindow = () => StandInBrowserWindow.getAllWindows()[0] ?? null;
    async loadURL(url: string): Promise<void> {
      const page = await this.webContents.page;
      this.webContents.loading = true;
      try {
        await page.goto(toPageUrl(url));
      } finally {
        this.webContents.loading = false;
      }
      this.emit('ready-to-show');
    }
    show(): void { record.events.push('window shown'); }
    // Chromium has no such switch; the stand-in records what main asked for.
    setContentProtection(on: boolean): void { record.contentProtection.push(on); }
    isMinimized(): boolean { return false; }
    restore(): void {}
    focus(): void {}
    async close(): Promise<void> {
      if (this.closed) return;
      this.closed = true;
      await (await this.webContents.page).close();
      this.emit('closed');
    }
  }

  async function serveAppRequest(url: string, method: string): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
    if (!protocolHandler) return { status: 404, headers: {}, body: Buffer.alloc(0) };
    const response = await protocolHandler(new Request(url, { method }));
    const headers = Object.fromEntries(response.headers.entries());
    return { status: response.status, headers, body: Buffer.from(await response.arrayBuffer()) };
  }

  async function startBrowser(): Promise<void> {
    context = await chromium.launchPersistentContext(options.browserDir, { executablePath: options.chromiumPath, args: options.chromiumFlags, headless: true, ignoreHTTPSErrors: true });
    await context.route('**/*', async (route) => {
      const request = route.request();
      const url = toAppUrl(request.url());
      // A navigation of a window's top frame asks main first (will-navigate), as Electron does.
      const contents = windows.find((w) => resolvedPages.get(w) === request.frame().page())?.webContents;
      if (contents && !contents.loading && request.isNavigationRequest() && request.frame() === request.frame().page().mainFrame()) {
        const event = cancellable();
        contents.emit('will-navigate', event, url);
        if (event.defaultPrevented) {
          record.events.push(`will-navigate prevented: ${url}`);
          // Electron just stays on the page; an aborted request would show Chromium's error page, a 204 does not.
          return route.fulfill({ status: 204 });
        }
      }
      let cancel = false;
      beforeRequest?.({ url }, (result) => (cancel = result.cancel === true));
      if (cancel || !url.startsWith(`${APP_ORIGIN}/`)) {
        record.foreignRequests.push(url);
        return route.abort('blockedbyclient');
      }
      const answer = await serveAppRequest(url, route.request().method());
      record.responses.push({ url, status: answer.status, csp: answer.headers['content-security-policy'] ?? null });
      return route.fulfill({ status: answer.status, headers: answer.headers, body: answer.body });
    });
    // ipcRenderer.invoke: the event main sees is built from the real calling frame.
    await context.exposeBinding('__standInInvoke', async (source: { page: Page; frame: Frame }, channel: string, input: unknown) => {
      const owner = windows.find((w) => resolvedPages.get(w) === source.page)?.webContents ?? strayContents(source.page);
      const isMain = source.frame === source.page.mainFrame();
      const senderFrame = isMain ? owner.mainFrame : { url: toAppUrl(source.frame.url()) };
      const handler = ipcHandlers.get(channel);
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      const result = (await handler({ sender: owner, senderFrame }, input)) as { ok: boolean; error?: { code: string } };
      record.invokes.push({ channel, mainFrame: isMain, outcome: result.ok ? 'ok' : (result.error?.code ?? '?') });
      return result;
    });
  }
  const strayContents = (page: Page) => strays.get(page) ?? strays.set(page, new StandInWebContents(Promise.resolve(page))).get(page)!;

  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    requestSingleInstanceLock: () => true,
    enableSandbox: () => record.events.push('sandbox enabled'),
    getPath: (name: string) => {
      // Main asks only for userData; another name would be a new use the stand-in must learn.
      if (name !== 'userData') throw new Error(`stand-in: app.getPath('${name}') is not played`);
      return options.userData;
    },
    getVersion: () => options.version,
    getAppPath: () => options.appPath,
    getPreferredSystemLanguages: () => options.locales,
    showAboutPanel: () => undefined,
    whenReady: () => readyPromise,
    quit: () => void quit(),
  });
  const readyPromise = startBrowser().then(() => {
    ready = true;
    record.events.push('ready');
    app.emit('ready');
  });

  let exiting = false;
  /** Electron's order: before-quit (cancellable), windows close, will-quit (cancellable), quit. */
  async function quit(): Promise<void> {
    if (exiting) return;
    const before = cancellable();
    app.emit('before-quit', before);
    if (before.defaultPrevented) {
      record.events.push('before-quit prevented');
      return;
    }
    exiting = true;
    record.events.push('before-quit');
    for (const w of StandInBrowserWindow.getAllWindows()) await w.close();
    const will = cancellable();
    app.emit('will-quit', will);
    if (will.defaultPrevented) {
      exiting = false;
      return;
    }
    record.events.push('will-quit');
    await context?.close();
    record.events.push('browser closed');
    app.emit('quit');
    stand.onExit?.();
  }

  const standIn = {
    app,
    BrowserWindow: StandInBrowserWindow,
    protocol: {
      registerSchemesAsPrivileged(schemes: { scheme: string }[]) {
        record.schemes.privileged.push(...schemes.map((s) => s.scheme));
        record.schemes.privilegedBeforeReady = !ready;
      },
      handle(scheme: string, handler: typeof protocolHandler) {
        record.schemes.handled.push(scheme);
        record.schemes.handledAfterReady = ready;
        protocolHandler = handler;
      },
    },
    ipcMain: {
      handle: (channel: string, handler: (event: unknown, input: unknown) => unknown) => ipcHandlers.set(channel, handler),
      removeHandler: (channel: string) => ipcHandlers.delete(channel),
    },
    Menu: {
      template: null as unknown[] | null,
      buildFromTemplate: (template: unknown[]) => ({ template }),
      setApplicationMenu(menu: { template: unknown[] }) {
        standIn.Menu.template = menu.template;
      },
    },
    Notification: StandInNotification,
    dialog: {
      showOpenDialog: async () => {
        const folder = options.pickedFolder();
        return folder ? { canceled: false, filePaths: [folder] } : { canceled: true, filePaths: [] };
      },
      // Export's save dialog: the shell tests export nothing, so it answers as a cancel.
      showSaveDialog: async () => ({ canceled: true, filePath: '' }),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: () => undefined,
        setPermissionCheckHandler: () => undefined,
        setDevicePermissionHandler: () => undefined,
        webRequest: { onBeforeRequest: (filter: typeof beforeRequest) => (beforeRequest = filter) },
      },
    },
  };

  const stand = {
    electron: standIn,
    record,
    onExit: undefined as (() => void) | undefined,
    ready: readyPromise,
    serveAppRequest,
    windowPage: async (): Promise<Page> => {
      const w = windows[0];
      if (!w) throw new Error('stand-in: main made no window');
      return w.webContents.page;
    },
    /** Emits a BrowserWindow event on main's window, as Electron would (e.g. Windows' 'app-command'); true if main listens. */
    emitOnWindow: (event: string, ...args: unknown[]): boolean => {
      const w = windows[0];
      if (!w) throw new Error('stand-in: main made no window');
      return w.emit(event, ...args);
    },
    /** Clicks the last notification main showed, as the OS would; true if main listens for the click. */
    clickNotification: (): boolean => notifications.at(-1)?.emit('click', {}) ?? false,
    newStrayPage: async (): Promise<Page> => {
      if (!context) throw new Error('stand-in: not ready');
      return context.newPage();
    },
  };
  return stand;
}

export type ElectronStandIn = ReturnType<typeof createElectronStandIn>;
