import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHANNEL_NAMES } from '../../shared/contract';
import { BRIDGE_KEY } from '../../shared/bridge';
import { REFRESH_EVENT, REFRESH_HINTS, type RefreshHint } from '../../shared/refresh-hints';
import { createCore, type Core, type CoreOptions } from '../../electron/core';
import { createKeytarKeychain } from '../../electron/core/keychain/keychain';
import { createAppRouter } from '../../electron/ipc';
import type { Router } from '../../electron/ipc/router';
import { resolveAppAsset } from '../../electron/main/app-protocol-path';
import { startRefreshHints } from '../../electron/main/refresh-hints';
import { APP_ORIGIN, securityHeaders } from '../../electron/main/security';

/**
 * The end-to-end harness: the Vite-built renderer, served with the app's own CSP headers, in
 * Debian's Chromium, with window.coffer wired to the real router (the one Electron's ipcMain
 * drives) over a Playwright binding. Each app gets its own profile folder and browser profile.
 */

/** One keychain service name per test process, so runs never see each other's keys. */
export const E2E_KEYCHAIN_SERVICE = `Coffer-e2e-${process.pid}-${Date.now().toString(36)}`;

export const RENDERER_DIR = path.resolve(__dirname, '../../out/renderer');
/** The import worker electron-vite builds beside main: the real parser reads every test file, whatever the cwd. */
export const IMPORT_WORKER = path.resolve(__dirname, '../../out/main/import-worker.js');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface TestApp {
  page: Page;
  origin: string;
  core: Core;
  router: Router;
  profileDir: string;
  /** Every URL the page requested, in order. */
  requests: string[];
  /** Console errors and uncaught page errors (a CSP violation shows up here). */
  pageErrors: string[];
  /** Calls of prompt/alert/confirm; any at all makes close() fail the test. */
  browserDialogCalls: string[];
  /** Every refresh hint main's wiring sent to the page (before the preload's check). */
  hintsSent: unknown[][];
  /** Sends a message to the page as main's webContents.send(REFRESH_EVENT, …) would: through the emulated preload's check. */
  sendHints(hints: unknown[]): Promise<void>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  osLocales?: string[];
  profileDir?: string;
  core?: Partial<CoreOptions>;
  /** How often main's idle check runs (electron/main/refresh-hints.ts); tests shorten it. */
  idleCheckMs?: number;
}

export async function launchApp(options: LaunchOptions = {}): Promise<TestApp> {
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    throw new Error(`No built renderer at ${RENDERER_DIR}: run "npm run build" first.`);
  }
  const profileDir = options.profileDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-e2e-profile-'));
  const browserDir = fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-e2e-browser-'));
  const core = createCore({
    profileDir,
    appVersion: '0.0.0-e2e',
    osLocales: options.osLocales ?? ['en-US'],
    // The real Secret Service, under a service name of this run's own.
    keychain: createKeytarKeychain(E2E_KEYCHAIN_SERVICE),
    importWorker: IMPORT_WORKER,
    ...options.core,
  });
  await core.start();
  const router = createAppRouter(core);
  const server = await serveRenderer(RENDERER_DIR);
  const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;

  let context: BrowserContext | undefined;
  let stopHints: (() => void) | undefined;
  try {
    context = await chromium.launchPersistentContext(browserDir, { executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true });
    const requests: string[] = [];
    const pageErrors: string[] = [];
    context.on('request', (request) => requests.push(request.url()));

    // The binding plays ipcMain's part, including its sender check: only the top-level frame.
    await context.exposeBinding('__cofferInvoke', (source, channel: unknown, input: unknown) => {
      if (source.frame !== source.page.mainFrame()) return { ok: false, error: { code: 'FORBIDDEN', message: 'Request refused.' } };
      return router.dispatch({ senderId: 'e2e-page' }, channel, input);
    });
    // The preload's part: one frozen function per contract channel on window.coffer, and main's
    // refresh hints passed on as a DOM event with only the known names (as pickRefreshHints does).
    await context.addInitScript(
      ({ names, key, hintEvent, knownHints }) => {
        const w = window as unknown as Record<string, unknown>;
        const invoke = w.__cofferInvoke as (channel: string, input: unknown) => Promise<unknown>;
        const bridge: Record<string, (input: unknown) => Promise<unknown>> = Object.create(null);
        for (const name of names) bridge[name] = (input: unknown) => invoke(name, input);
        Object.defineProperty(window, key, { value: Object.freeze(bridge), enumerable: false, configurable: false, writable: false });
        const deliver = (hints: unknown) => {
          const known = Array.isArray(hints) ? knownHints.filter((hint) => hints.some((item) => item === hint)) : [];
          if (known.length > 0) window.dispatchEvent(new CustomEvent(hintEvent, { detail: known }));
        };
        Object.defineProperty(window, '__cofferDeliverHints', { value: deliver, enumerable: false, configurable: false, writable: false });
      },
      { names: CHANNEL_NAMES as string[], key: BRIDGE_KEY, hintEvent: REFRESH_EVENT, knownHints: REFRESH_HINTS as readonly string[] as string[] },
    );

    const browserDialogCalls = await behaveLikeElectronDialogs(context);

    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    await page.goto(`${origin}/index.html`);
    // Main's own wiring (idle check, backup jobs, due reminders), sending to this page as webContents.send would.
    const hintsSent: unknown[][] = [];
    const sendHints = async (hints: unknown[]): Promise<void> => {
      hintsSent.push(hints);
      // The page may be navigating or closing: a hint lost then is one Electron would lose too.
      await page.evaluate((h) => (window as unknown as { __cofferDeliverHints(h: unknown): void }).__cofferDeliverHints(h), hints).catch(() => undefined);
    };
    stopHints = startRefreshHints({
      core,
      senderId: 'e2e-page',
      send: (hints: RefreshHint[]) => void sendHints(hints),
      // A raised alert reaches the page as main's hint does (the desktop notification is the shell test's).
      onAlert: (listener) => core.monitor.onAlert(listener),
      onApprovalChange: (listener) => core.approvals.onChange(listener),
      onRetentionChange: (listener) => core.retention.onChange(listener),
      ...(options.idleCheckMs ? { idleCheckMs: options.idleCheckMs } : {}),
    });
    const openedContext = context;
    return {
      page,
      origin,
      core,
      router,
      profileDir,
      requests,
      pageErrors,
      browserDialogCalls,
      hintsSent,
      sendHints,
      async close() {
        stopHints?.();
        await openedContext.close();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        core.close();
        fs.rmSync(browserDir, { recursive: true, force: true });
        if (!options.profileDir) fs.rmSync(profileDir, { recursive: true, force: true });
        if (browserDialogCalls.length > 0) {
          throw new Error(`The page called ${browserDialogCalls.join(', ')}: Electron has no such dialog, so that button does nothing in the desktop app.`);
        }
      },
    };
  } catch (error) {
    stopHints?.();
    await context?.close();
    server.close();
    core.close();
    throw error;
  }
}

/** Electron's own words when a renderer calls window.prompt (electron/electron#472, won't fix). */
export const ELECTRON_PROMPT_ERROR = 'prompt() is and will not be supported.';

/**
 * Chromium has prompt/alert/confirm; Electron's renderer throws on prompt, and the app uses none
 * of them (ESLint refuses them too). Every page of the context gets Electron's behaviour for
 * prompt and a throw for the other two, each call recorded here so close() fails the test even
 * when the page swallowed the error.
 */
async function behaveLikeElectronDialogs(context: BrowserContext): Promise<string[]> {
  const calls: string[] = [];
  await context.exposeBinding('__cofferBrowserDialog', (_source, name: unknown) => {
    calls.push(`${String(name)}()`);
  });
  await context.addInitScript((promptError) => {
    const w = window as unknown as Record<string, unknown>;
    const report = w.__cofferBrowserDialog as (name: string) => Promise<void>;
    const refuse = (name: string, message: string) =>
      function refused(): never {
        void report(name);
        throw new Error(message);
      };
    const replacements: Record<string, () => never> = {
      prompt: refuse('prompt', promptError),
      alert: refuse('alert', 'alert() is not used by Coffer: use the in-app dialog.'),
      confirm: refuse('confirm', 'confirm() is not used by Coffer: use the in-app dialog.'),
    };
    for (const [name, value] of Object.entries(replacements)) {
      Object.defineProperty(window, name, { value, configurable: false, writable: false, enumerable: true });
    }
  }, ELECTRON_PROMPT_ERROR);
  return calls;
}

/** Serves the renderer exactly as the app:// handler does: same resolver, same headers. */
function serveRenderer(rootDir: string): Promise<http.Server> {
  const server = http.createServer((request, response) => {
    const asset = request.method === 'GET' ? resolveAppAsset(rootDir, `${APP_ORIGIN}${request.url ?? '/'}`) : null;
    if (!asset || !fs.existsSync(asset.filePath)) {
      response.writeHead(404, { ...securityHeaders(), 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    response.writeHead(200, { ...securityHeaders(), 'content-type': asset.mimeType });
    fs.createReadStream(asset.filePath).pipe(response);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

/** Signs in from the login screen and waits for the signed-in shell. */
export async function signIn(testApp: TestApp, who: { username: string; password: string }): Promise<void> {
  const { page } = testApp;
  await page.getByTestId('login').waitFor();
  await page.getByLabel('Username').fill(who.username);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('signed-in-as').waitFor();
}
