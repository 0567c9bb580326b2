import path from 'node:path';
import { expect, it } from 'vitest';
import { defaultProfileDir } from '../../electron/cli/profile-path';
import { createCore } from '../../electron/core';
import { pinyinIndexCurrent } from '../../electron/core/customers/pinyin-index';
import { createDemoVault } from '../../electron/core/demo/demo-vault';
import { createAppRouter } from '../../electron/ipc';
import type { ChannelOutput } from '../../shared/contract';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { testKeychain } from './vault-helpers';

describeKeychain('the demo vault (npm run demo)', () => {
  it('sets up a vault with one user per role and a customer book the router serves, in scope', async () => {
    const core = createCore({ profileDir: path.join(tempDir(), 'profile'), appVersion: 'test', osLocales: ['zh-CN'], keychain: testKeychain().keychain });
    await core.start();
    const progress: number[] = [];
    const demo = await createDemoVault(core, { customers: 1500, interactionsPerCustomer: 4, now: new Date('2026-11-23T08:00:00Z') }, (done) => progress.push(done));
    expect(progress).toEqual([1000, 1500]);
    expect(demo.recoveryKey).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){8}$/);
    expect(demo.accounts.map((a) => a.role)).toEqual(['owner', 'manager', 'sales', 'sales', 'support', 'auditor']);
    const db = core.vault.db();
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    expect(count('SELECT count(*) AS n FROM customers')).toBe(1500);
    expect(count('SELECT count(*) AS n FROM interactions')).toBeGreaterThan(1500 * 3);
    expect(count("SELECT count(*) AS n FROM customers WHERE id_number IS NOT NULL OR bank_card IS NOT NULL")).toBe(0);
    expect(db.prepare("SELECT reason FROM audit_log WHERE action = 'vault.setup' ORDER BY id DESC LIMIT 1").get()).toEqual({ reason: 'demo data: 1500 customers' });
    expect(count('SELECT count(*) AS n FROM customers WHERE last_interaction_at IS NULL')).toBeLessThan(1500);
    // Every Chinese demo name has its pinyin keys from the write itself, and the index is already current,
    // so no background rebuild re-indexes the book after the first unlock.
    expect(pinyinIndexCurrent(db)).toBe(true);
    expect(count("SELECT count(*) AS n FROM customers WHERE name GLOB '*[一-龥]*'")).toBeGreaterThan(500);
    expect(count("SELECT count(*) AS n FROM customers c WHERE c.name GLOB '*[一-龥]*' AND NOT EXISTS (SELECT 1 FROM customer_pinyin p WHERE p.customer_id = c.id)")).toBe(0);

    const router = createAppRouter(core);
    const sales = demo.accounts.find((a) => a.username === 'sales1')!;
    expect(await router.dispatch({ senderId: 'w' }, 'session.login', { username: sales.username, password: sales.password })).toMatchObject({ ok: true });
    const page = await router.dispatch({ senderId: 'w' }, 'customers.list', { limit: 50 });
    if (!page.ok) throw new Error(page.error.code);
    const value = page.value as ChannelOutput<'customers.list'>;
    const own = count("SELECT count(*) AS n FROM customers c JOIN users u ON u.id = c.owner_id WHERE u.username = 'sales1'");
    expect(value.total).toBe(own);
    expect(new Set(value.items.map((c) => c.ownerUsername))).toEqual(new Set(['sales1']));
    // A two-character Chinese name fragment finds customers through the short-gram path.
    const found = await router.dispatch({ senderId: 'w' }, 'customers.search', { query: '王', limit: 10 });
    expect(found.ok && (found.value as unknown[]).length).toBeGreaterThan(0);
    core.close();
  });

  it('uses the desktop app profile folder by default on each platform', () => {
    expect(defaultProfileDir('linux', {}, '/home/li')).toBe('/home/li/.config/Coffer/profile');
    expect(defaultProfileDir('linux', { XDG_CONFIG_HOME: '/cfg' }, '/home/li')).toBe('/cfg/Coffer/profile');
    expect(defaultProfileDir('darwin', {}, '/Users/li')).toBe('/Users/li/Library/Application Support/Coffer/profile');
    expect(defaultProfileDir('win32', { APPDATA: 'C:\\Users\\li\\AppData\\Roaming' }, 'C:\\Users\\li')).toBe(path.join('C:\\Users\\li\\AppData\\Roaming', 'Coffer', 'profile'));
  });
});
