import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../shared/contract';
import { createKeytarKeychain } from '../../electron/core/keychain/keychain';
import { currentAccount, pendingAccount } from '../../electron/core/vault/key-store';
import { contentSecurityPolicy } from '../../electron/main/security';
import type { StandInRecord } from '../shell/electron-stand-in';
import { bundleChild } from '../support/child-bundle';
import { describeKeychain } from '../support/keyring';

/**
 * The BUILT main bundle (out/main/index.js) and preload, run against a stand-in for Electron
 * (tests/shell/electron-stand-in.ts) with the test's Chromium as the window. This is not an
 * Electron run: README says what only a real one can show.
 */

const ROOT = path.resolve(__dirname, '../..');
const MAIN = path.join(ROOT, 'out', 'main', 'index.js');
const ELECTRON_VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;
const NODE_SQLITE = path.join(ROOT, 'node_modules', 'better-sqlite3-multiple-ciphers', 'build', 'Release', 'better_sqlite3.node');
const OWNER = { username: 'anna', displayName: 'Anna Example', password: 'Correct horse 9' };
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

interface ExitMessage {
  record: StandInRecord;
  openProfileFiles: string[];
}

let child: ChildProcess;
let bundle: { file: string; remove(): void };
let base: string;
let browserDir: string;
let backupDir: string;
let nextId = 1;
/** Main's log lines (its stderr). */
const childLog: string[] = [];
const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
let exited: Promise<{ code: number | null; message: ExitMessage | undefined }>;

function ask<T>(command: Record<string, unknown>): Promise<T> {
  const id = nextId++;
  return new Promise<T>((resolve, reject) => {
    pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
    child.send({ id, command });
  });
}
const evaluate = <T>(expression: string) => ask<T>({ type: 'evaluate', expression });
const call = <T = unknown>(channel: string, input: unknown = {}) =>
  evaluate<{ ok: boolean; value?: T; error?: { code: string } }>(`window.coffer[${JSON.stringify(channel)}](${JSON.stringify(input)})`);
const hintsSeen = () => evaluate<string[][]>('window.__hintsSeen');
const backupFiles = (): string[] => (fs.readdirSync(backupDir, { recursive: true }) as string[]).filter((f) => f.endsWith('.cofferbak'));

describeKeychain('the built main bundle against the Electron stand-in', () => {
  beforeAll(async () => {
    if (!fs.existsSync(MAIN)) throw new Error('No built main: run "npx electron-vite build" first.');
    bundle = await bundleChild(path.join(ROOT, 'tests/shell/stand-in-main.child.ts'), 'stand-in', ['playwright-core']);
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-stand-in-'));
    browserDir = path.join(base, 'browser');
    backupDir = path.join(base, 'backups');
    fs.mkdirSync(backupDir);
    // Where main looks for the Electron build of the database module; under the stand-in the
    // process is Node, so Node's build sits under Electron's name.
    const nativeDir = path.join(base, 'app', '.native', `electron-${ELECTRON_VERSION}-${process.platform}-${process.arch}`);
    fs.mkdirSync(nativeDir, { recursive: true });
    fs.copyFileSync(NODE_SQLITE, path.join(nativeDir, 'better_sqlite3.node'));

    child = fork(bundle.file, [], {
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
      env: {
        ...process.env,
        STAND_IN_MAIN: MAIN,
        STAND_IN_ELECTRON_VERSION: ELECTRON_VERSION,
        STAND_IN_CHROMIUM: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        STAND_IN_CHROMIUM_FLAGS: JSON.stringify(CHROMIUM_FLAGS),
        STAND_IN_BROWSER_DIR: browserDir,
        STAND_IN_USER_DATA: path.join(base, 'user-data'),
        STAND_IN_APP_PATH: path.join(base, 'app'),
        STAND_IN_PICKED_FOLDER: backupDir,
      },
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      childLog.push(chunk.toString('utf8'));
      process.stderr.write(chunk);
    });
    let exitMessage: ExitMessage | undefined;
    const ready = new Promise<void>((resolve) => {
      child.on('message', (message: { type: string; id?: number; value?: unknown; error?: string } & Partial<ExitMessage>) => {
        if (message.type === 'ready') resolve();
        if (message.type === 'exit') exitMessage = { record: message.record!, openProfileFiles: message.openProfileFiles! };
        if (message.type === 'answer' && message.id !== undefined) {
          const waiter = pending.get(message.id);
          pending.delete(message.id);
          if (message.error !== undefined) waiter?.reject(new Error(message.error));
          else waiter?.resolve(message.value);
        }
      });
    });
    exited = new Promise((resolve) => child.on('exit', (code) => resolve({ code, message: exitMessage })));
    await ready;
    // The first evaluations can land mid-navigation; those count as not ready yet.
    const phase = () => evaluate<string | null>("document.querySelector('[data-testid=app-shell]')?.getAttribute('data-phase') ?? null").catch(() => null);
    await waitFor(async () => (await phase()) === 'ready');
  }, 120_000);

  afterAll(async () => {
    // Only after a failure is anything still running: the child, then the browser it started.
    if (child && child.exitCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
    if (base) for (const pid of processesUsing(browserDir)) process.kill(Number(pid), 'SIGKILL');
    bundle?.remove();
    // Main keeps its key under the app's own keychain service; leave no entry behind.
    const descriptor = base ? path.join(base, 'user-data', 'profile', 'vault.json') : '';
    if (descriptor && fs.existsSync(descriptor)) {
      const { vaultId } = JSON.parse(fs.readFileSync(descriptor, 'utf8')) as { vaultId: string };
      const keychain = createKeytarKeychain();
      for (const account of [currentAccount(vaultId), pendingAccount(vaultId)]) await keychain.delete(account).catch(() => false);
    }
    if (base) fs.rmSync(base, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  });

  it('makes the app scheme privileged before ready and handles it only after', async () => {
    const { schemes, events } = await ask<StandInRecord>({ type: 'record' });
    expect(schemes).toEqual({ privileged: ['app'], privilegedBeforeReady: true, handled: ['app'], handledAfterReady: true });
    expect(events.slice(0, 2)).toEqual(['sandbox enabled', 'ready']);
  });

  it('answers every app:// request with the CSP header and refuses path traversal', async () => {
    const { responses, foreignRequests } = await ask<StandInRecord>({ type: 'record' });
    expect(responses.length).toBeGreaterThan(1); // the page, its script and its styles
    expect(responses.filter((r) => r.status === 200).map((r) => r.url)).toContain('app://coffer/index.html');
    for (const response of responses) expect(response.csp).toBe(contentSecurityPolicy());
    expect(foreignRequests).toEqual([]);
    for (const url of ['app://coffer/..%2fmain%2findex.js', 'app://coffer/%2e%2e/%2e%2e/package.json', 'app://coffer/assets/..%5c..%5cmain%5cindex.js', 'app://coffer/%2e%2e%2fpreload/index.js', 'app://elsewhere/index.html', 'app://coffer/index.html%00.js']) {
      const answer = await ask<{ status: number; csp: string | null; body: string }>({ type: 'appRequest', url });
      expect(answer, url).toMatchObject({ status: 404, csp: contentSecurityPolicy(), body: 'Not found' });
    }
    expect(await ask({ type: 'appRequest', url: 'app://coffer/index.html', method: 'POST' })).toMatchObject({ status: 404 });
  });

  it('runs the built preload, which requires only electron and exposes a frozen window.coffer with one function per channel', async () => {
    expect(await evaluate('window.__standInPreloadRequires')).toEqual(['electron']);
    const bridge = await evaluate<{ frozen: boolean; writable: boolean; names: string[]; functions: boolean; replaced: boolean }>(`(() => {
      const d = Object.getOwnPropertyDescriptor(window, 'coffer');
      const before = window.coffer;
      try { window.coffer = {}; } catch {}
      try { window.coffer['app.status'] = () => 'x'; } catch {}
      return { frozen: Object.isFrozen(window.coffer), writable: d.writable || d.configurable, names: Object.keys(window.coffer).sort(),
        functions: Object.values(window.coffer).every((f) => typeof f === 'function'), replaced: window.coffer !== before || window.coffer['app.status'].length !== 1 };
    })()`);
    expect(bridge).toEqual({ frozen: true, writable: false, names: [...CHANNEL_NAMES].sort(), functions: true, replaced: false });
  });

  it("the page's first calls reach the router through the sender check; another frame or origin is refused", async () => {
    const { invokes } = await ask<StandInRecord>({ type: 'record' });
    expect(invokes[0]).toMatchObject({ mainFrame: true, outcome: 'ok' });
    expect(invokes.filter((i) => i.channel === 'app.status' && i.outcome === 'ok').length).toBeGreaterThan(0);
    const refused = { ok: false, error: { code: 'FORBIDDEN', message: 'Request refused.' } };
    expect(await ask({ type: 'frameInvoke', channel: 'app.status' })).toEqual(refused);
    expect(await ask({ type: 'strayInvoke', channel: 'app.status' })).toEqual(refused);
    // A link away from the app is refused by main's will-navigate guard; the page stays.
    await evaluate("setTimeout(() => (location.href = 'https://elsewhere.example/'), 0)");
    await expect.poll(async () => (await ask<StandInRecord>({ type: 'record' })).events).toContain('will-navigate prevented: https://elsewhere.example/');
    expect(await evaluate('location.href')).toBe('https://coffer/index.html');
    // The same call from the window's top frame is answered, by the router.
    expect(await call('app.status')).toMatchObject({ ok: true, value: { vault: 'needs-setup' } });
  });

  it('the menu holds the Backups items and Lock Now, and each menu action reaches the router as the window', async () => {
    const begun = await call<{ recoveryKey: string }>('setup.begin', { owner: OWNER });
    expect(begun.ok).toBe(true);
    expect(await call('setup.complete', { recoveryKeyEnding: begun.value!.recoveryKey.slice(-9), confirmedStored: true })).toMatchObject({ ok: true });
    expect(await call('settings.chooseBackupFolder')).toMatchObject({ ok: true, value: { folder: backupDir } });

    // Main's refresh hints (shared/refresh-hints.ts), as the built preload passes them to the page.
    await evaluate("window.__hintsSeen = []; window.addEventListener('coffer:refresh', (e) => window.__hintsSeen.push(e.detail))");
    const menu = await ask<{ label: string | null; submenu?: { label: string | null; click: boolean }[] }[]>({ type: 'menu' });
    const items = (label: string) => (menu.find((m) => m.label === label)?.submenu ?? []).filter((i) => i.click).map((i) => i.label);
    expect(items('Backups')).toEqual(['Back Up Now', 'Run Restore Drill', 'Restore from Backup…']);
    expect(items('File')).toContain('Lock Now');

    // One job at a time: the drill waits until the backup (and its pruning) is done.
    const idle = async () => {
      const status = await call<{ running: unknown; lastSuccessAt: string | null }>('backup.status');
      return status.value?.running === null && status.value.lastSuccessAt !== null;
    };
    await ask({ type: 'click', path: ['Backups', 'Back Up Now'] });
    await expect.poll(() => backupFiles().length).toBe(1);
    await expect.poll(idle).toBe(true);
    await ask({ type: 'click', path: ['Backups', 'Run Restore Drill'] });
    await expect.poll(async () => ((await call<unknown[]>('backup.reports', { limit: 5 })).value ?? []).length).toBe(1);
    await evaluate("window.addEventListener('coffer:menu', (e) => (window.__menuSeen = e.detail))");
    await ask({ type: 'click', path: ['Backups', 'Restore from Backup…'] });
    await expect.poll(() => evaluate('window.__menuSeen ?? null')).toBe('backups.restore');
    // Windows sends the mouse's side buttons to the window as app-commands: main passes Back and
    // Forward on to the page as history commands (the page's handling is in navigation.e2e.ts).
    expect(await ask({ type: 'appCommand', command: 'browser-backward' })).toBe(true);
    await expect.poll(() => evaluate('window.__menuSeen ?? null')).toBe('history.back');
    await ask({ type: 'appCommand', command: 'browser-forward' });
    await expect.poll(() => evaluate('window.__menuSeen ?? null')).toBe('history.forward');
    // Each backup job started and finished with a 'backup.' hint; no lock hint yet.
    expect((await hintsSeen()).filter((h) => h.includes('backup.')).length).toBeGreaterThanOrEqual(4);
    expect((await hintsSeen()).filter((h) => h.includes('app.status'))).toEqual([]);
    await ask({ type: 'click', path: ['File', 'Lock Now'] });
    // The lock hint reaches the page by itself (no status poll): the lock screen needs no click.
    await expect.poll(async () => (await hintsSeen()).filter((h) => h.includes('app.status'))).toEqual([['app.status']]);
    await expect.poll(() => evaluate("document.querySelector('[data-testid=lock-screen]') !== null")).toBe(true);
    expect((await call<{ sessionLocked: boolean }>('app.status')).value?.sessionLocked).toBe(true);
    // Locked: the menu's backup is the router's to refuse, exactly as a click in the page would be.
    await ask({ type: 'click', path: ['Backups', 'Back Up Now'] });
    await expect.poll(() => childLog.join('')).toContain('menu backup.run refused: LOCKED');
    expect(backupFiles()).toHaveLength(1);
  });

  it('a new security alert shows one desktop notification with no data in it; its click opens the inbox', async () => {
    // The menu test left the session locked.
    expect(await call('session.unlock', { password: OWNER.password })).toMatchObject({ ok: true });
    const customer = 'Zhang Notifiable';
    expect(await call('customers.create', { name: customer, mobile: '13912345678' })).toMatchObject({ ok: true });
    // The page still shows its lock screen: a reload reads the status again (same window, same session).
    await evaluate('location.reload()').catch(() => undefined);
    await expect.poll(() => evaluate("document.querySelector('[data-testid=signed-in-as]') !== null").catch(() => false), { timeout: 20_000 }).toBe(true);
    await evaluate("window.__hintsSeen = []; window.addEventListener('coffer:refresh', (e) => window.__hintsSeen.push(e.detail)); window.addEventListener('coffer:menu', (e) => (window.__menuSeen = e.detail))");
    const before = (await ask<StandInRecord>({ type: 'record' })).notifications.length;
    // Any customer read is over a limit of 0: the rule fires on the owner's own list.
    expect(await call('monitoring.setRule', { id: 'views.many', threshold: 0, action: 'notify' })).toMatchObject({ ok: true });
    expect(await call('customers.list', {})).toMatchObject({ ok: true });
    await expect.poll(async () => (await ask<StandInRecord>({ type: 'record' })).notifications.length).toBe(before + 1);
    const notice = (await ask<StandInRecord>({ type: 'record' })).notifications.at(-1)!;
    expect(notice.shown).toBe(true);
    expect(notice.options).toMatchObject({ title: 'Coffer', body: 'There is a new security alert. Open Coffer to see it.' });
    const text = JSON.stringify(notice.options);
    for (const secret of [customer, '13912345678', OWNER.username, OWNER.displayName, 'views.many']) expect(text).not.toContain(secret);
    // The window re-reads alerts.* by itself, and the click opens the inbox there.
    await expect.poll(async () => (await hintsSeen()).some((h) => h.includes('alerts.'))).toBe(true);
    expect(await ask({ type: 'clickNotification' })).toBe(true);
    await expect.poll(() => evaluate('window.__menuSeen ?? null')).toBe('alerts.open');
    await expect.poll(() => evaluate("document.querySelector('[data-testid=alerts-page]') !== null")).toBe(true);
    await expect.poll(() => evaluate("document.querySelector('[data-testid=alerts-table]')?.textContent ?? ''")).toContain(customer);
    expect(await call('session.lock')).toMatchObject({ ok: true });
  });

  it("keeps the window out of screenshots for the roles the owner chose (sales and support by default)", async () => {
    const protection = async () => (await ask<StandInRecord>({ type: 'record' })).contentProtection;
    // The window starts unprotected (no session) and the owner's own window stays so.
    expect((await protection())[0]).toBe(false);
    expect(await call('session.unlock', { password: OWNER.password })).toMatchObject({ ok: true });
    expect((await protection()).at(-1)).toBe(false);
    const sales = { username: 'sam', displayName: 'Sam Sales', role: 'sales', password: 'Fresh lantern 42' };
    expect(await call('users.create', sales)).toMatchObject({ ok: true });
    expect(await call('session.logout')).toMatchObject({ ok: true });
    expect(await call('session.login', { username: sales.username, password: sales.password })).toMatchObject({ ok: true });
    expect((await protection()).at(-1)).toBe(true);
    // Signing out takes it off again: the sign-in screen shows nothing from the vault.
    expect(await call('session.logout')).toMatchObject({ ok: true });
    expect((await protection()).at(-1)).toBe(false);
    expect(await call('session.login', { username: OWNER.username, password: OWNER.password })).toMatchObject({ ok: true });
    expect((await protection()).at(-1)).toBe(false);
    // The owner adds owners: the owner's own window follows at once.
    expect(await call('settings.setScreenProtection', { roles: ['owner', 'sales', 'support'] })).toMatchObject({ ok: true, value: { roles: ['owner', 'sales', 'support'] } });
    expect((await protection()).at(-1)).toBe(true);
    expect(await call('settings.setScreenProtection', { roles: ['sales', 'support'] })).toMatchObject({ ok: true });
    expect((await protection()).at(-1)).toBe(false);
    // Only changes are sent to the window, never the same value twice in a row.
    const calls = await protection();
    expect(calls.every((on, i) => i === 0 || on !== calls[i - 1])).toBe(true);
  });

  it('quit waits for the backup on quit, closes the vault and leaves no process', async () => {
    // The session is locked, the vault is not: backing up on quit needs only the vault.
    expect(await call('session.unlock', { password: OWNER.password })).toMatchObject({ ok: true });
    const schedule = { every: 'daily', at: '18:00', onQuit: true };
    const status = await call<{ retention: unknown }>('backup.status');
    expect(status.ok).toBe(true);
    const retention = (status.value as unknown as { retention: unknown }).retention;
    expect(await call('backup.setSchedule', { schedule, retention })).toMatchObject({ ok: true });
    expect(await ask<string[]>({ type: 'openVaultFiles' })).not.toEqual([]);
    const before = backupFiles();

    await ask({ type: 'quit' });
    const { code, message } = await exited;
    expect(code).toBe(0);
    const events = message!.record.events;
    expect(events.slice(events.indexOf('before-quit prevented'))).toEqual(['before-quit prevented', 'before-quit', 'will-quit', 'browser closed']);
    // A complete backup file: the process did not end under the worker that wrote it.
    // (Retention may prune the menu's backup of a minute ago, so look for a new name.)
    expect(backupFiles().filter((f) => !before.includes(f))).toHaveLength(1);
    expect((fs.readdirSync(backupDir, { recursive: true }) as string[]).filter((f) => f.endsWith('.partial'))).toEqual([]);
    expect(message!.openProfileFiles).toEqual([]);
    // Nothing of the browser is left running either.
    await expect.poll(() => processesUsing(browserDir)).toEqual([]);
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error('the stand-in app did not become ready');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function processesUsing(marker: string): string[] {
  const found: string[] = [];
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker)) found.push(pid);
    } catch {
      // Gone while we looked.
    }
  }
  return found;
}
