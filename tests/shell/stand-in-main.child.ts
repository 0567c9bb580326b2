import fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { createElectronStandIn, type ElectronStandIn } from './electron-stand-in';

/**
 * Child process of tests/e2e/shell-standin.e2e.ts: runs the BUILT main bundle with `electron`
 * resolved to the stand-in, and answers the test's questions over the IPC channel. Its exit is
 * the app's exit, so "quit leaves no process" is a fact about this process and its browser.
 */

type Command =
  | { type: 'record' }
  | { type: 'evaluate'; expression: string }
  | { type: 'frameInvoke'; channel: string }
  | { type: 'strayInvoke'; channel: string }
  | { type: 'appRequest'; url: string; method?: string }
  | { type: 'menu' }
  | { type: 'appCommand'; command: string }
  | { type: 'click'; path: string[] }
  | { type: 'openVaultFiles' }
  | { type: 'clickNotification' }
  | { type: 'quit' };

interface MenuItem {
  label?: string;
  role?: string;
  type?: string;
  submenu?: MenuItem[];
  click?: (...args: unknown[]) => unknown;
}

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`stand-in child: ${name} not set`);
  return value;
};

// Main reads process.versions.electron to find the Electron build of the database module; the
// test places Node's build under that name (the stand-in runs under Node).
Object.defineProperty(process.versions, 'electron', { value: env('STAND_IN_ELECTRON_VERSION') });

const stand: ElectronStandIn = createElectronStandIn({
  chromiumPath: env('STAND_IN_CHROMIUM'),
  chromiumFlags: JSON.parse(env('STAND_IN_CHROMIUM_FLAGS')) as string[],
  browserDir: env('STAND_IN_BROWSER_DIR'),
  userData: env('STAND_IN_USER_DATA'),
  appPath: env('STAND_IN_APP_PATH'),
  version: '0.0.0-stand-in',
  locales: ['en-US'],
  pickedFolder: () => process.env.STAND_IN_PICKED_FOLDER ?? null,
});

const moduleInternals = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
const load = moduleInternals._load;
moduleInternals._load = function (request: string, ...rest: unknown[]) {
  if (request === 'electron') return stand.electron;
  return load.call(this, request, ...rest);
};

const send = (message: unknown): Promise<void> => new Promise((resolve) => process.send?.(message, () => resolve()));
stand.onExit = () => {
  // Electron's process ends after 'quit'; so does this one, once the test has the record.
  void send({ type: 'exit', record: stand.record, openProfileFiles: openProfileFiles() }).then(() => process.exit(0));
};

const mainBundle = env('STAND_IN_MAIN');
createRequire(mainBundle)(mainBundle);

function findItem(items: MenuItem[] | null, labels: string[]): MenuItem | undefined {
  const [first, ...rest] = labels;
  const item = items?.find((i) => i.label === first);
  return rest.length === 0 ? item : findItem(item?.submenu ?? null, rest);
}

function describeMenu(items: MenuItem[]): unknown[] {
  return items.map((i) => ({ label: i.label ?? null, role: i.role ?? null, click: typeof i.click === 'function', ...(i.submenu ? { submenu: describeMenu(i.submenu) } : {}) }));
}

async function answer(command: Command): Promise<unknown> {
  const page = await stand.windowPage();
  switch (command.type) {
    case 'record':
      return stand.record;
    case 'evaluate':
      return page.evaluate(command.expression);
    case 'frameInvoke': {
      // A child frame of our own window: about:blank, so the CSP's frame-src does not stop it.
      await page.evaluate(() => document.body.appendChild(document.createElement('iframe')));
      const frame = page.frames().find((f) => f !== page.mainFrame());
      if (!frame) throw new Error('no child frame');
      return frame.evaluate((channel) => (window as unknown as { __standInInvoke(c: string, i: unknown): Promise<unknown> }).__standInInvoke(channel, {}), command.channel);
    }
    case 'strayInvoke': {
      const stray = await stand.newStrayPage();
      const result = await stray.evaluate((channel) => (window as unknown as { __standInInvoke(c: string, i: unknown): Promise<unknown> }).__standInInvoke(channel, {}), command.channel);
      await stray.close();
      return result;
    }
    case 'appRequest': {
      const response = await stand.serveAppRequest(command.url, command.method ?? 'GET');
      return { status: response.status, csp: response.headers['content-security-policy'] ?? null, body: response.body.toString('utf8', 0, 200) };
    }
    case 'menu':
      return describeMenu((stand.electron.Menu.template ?? []) as MenuItem[]);
    case 'appCommand':
      return stand.emitOnWindow('app-command', {}, command.command);
    case 'click': {
      const item = findItem(stand.electron.Menu.template as MenuItem[] | null, command.path);
      if (!item?.click) throw new Error(`no menu item ${command.path.join(' > ')}`);
      item.click(item, null, {});
      return true;
    }
    case 'openVaultFiles':
      return openProfileFiles();
    case 'clickNotification':
      return stand.clickNotification();
    case 'quit':
      stand.electron.app.quit();
      return true;
  }
}

/** Files of the profile this process holds open (Linux /proc): the vault is closed when none are. */
function openProfileFiles(): string[] {
  const profile = path.join(env('STAND_IN_USER_DATA'), 'profile');
  const open: string[] = [];
  for (const fd of fs.readdirSync('/proc/self/fd')) {
    try {
      const target = fs.readlinkSync(`/proc/self/fd/${fd}`);
      if (target.startsWith(profile + path.sep)) open.push(path.relative(profile, target));
    } catch {
      // The fd closed while we looked.
    }
  }
  return open;
}

process.on('message', (message: { id: number; command: Command }) => {
  void answer(message.command).then(
    (value) => send({ type: 'answer', id: message.id, value }),
    (error: unknown) => send({ type: 'answer', id: message.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
void stand.ready.then(() => send({ type: 'ready' }));
