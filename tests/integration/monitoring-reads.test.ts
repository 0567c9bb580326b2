import { expect, it } from 'vitest';
import { describeKeychain } from '../support/keyring';
import { accessWorld } from './access-helpers';
import { alertRows, auditOf, pageAll, seedCustomers } from './monitoring-helpers';

const MINUTE = 60_000;

describeKeychain('monitoring: views.many and bulk.read, counted from the audited reads', () => {
  it('a salesperson paging through their own 250 customers raises nothing; past 300 distinct in 10 minutes, one alert about them', { timeout: 180_000 }, async () => {
    let clock = Date.parse('2026-12-02T10:00:00Z');
    const world = await accessWorld({ fastDisk: true, now: () => clock });
    try {
      const sales = world.userIds.sales;
      seedCustomers(world, 250, sales);
      expect((await pageAll(world, 'sales', 50)).ids).toHaveLength(251);
      // Reading the same customers again is not more customers.
      await pageAll(world, 'sales', 50);
      expect(await world.router.dispatch(world.caller('sales'), 'customers.get', { id: 1 })).toMatchObject({ ok: true });
      expect(alertRows(world)).toEqual([]);

      seedCustomers(world, 100, sales);
      clock += MINUTE;
      const paged = await pageAll(world, 'sales', 50);
      expect(paged.stoppedBy).toBeUndefined(); // notify only: the work goes on
      const alerts = alertRows(world);
      expect(alerts).toHaveLength(1); // once per window, not once per further page
      expect(alerts[0]).toMatchObject({ rule: 'views.many', userId: sales, action: 'notify', state: 'open' });
      expect(alerts[0]!.count).toBeGreaterThan(300);
      expect(JSON.parse(alerts[0]!.customerIds)).toHaveLength(alerts[0]!.count);
      expect(auditOf(world, 'alert.raise')).toEqual([expect.objectContaining({ username: null, entity: 'user', recordId: String(sales), fields: '["views.many"]' })]);
      // Accounts and sessions are untouched by a notify.
      expect(world.core.sessions.current('sales')?.locked).toBe(false);
    } finally {
      world.core.close();
    }
  });

  it('the window slides: 200 customers, 11 minutes later another 200, is no alert', { timeout: 180_000 }, async () => {
    let clock = Date.parse('2026-12-02T10:00:00Z');
    const world = await accessWorld({ fastDisk: true, now: () => clock });
    try {
      const ids = seedCustomers(world, 400, world.userIds.owner);
      for (const id of ids.slice(0, 200)) await world.router.dispatch(world.caller('manager'), 'customers.get', { id });
      clock += 11 * MINUTE;
      for (const id of ids.slice(200)) await world.router.dispatch(world.caller('manager'), 'customers.get', { id });
      expect(alertRows(world)).toEqual([]);
      // ...but 101 more inside this window is.
      for (const id of ids.slice(0, 101)) await world.router.dispatch(world.caller('manager'), 'customers.get', { id });
      expect(alertRows(world).map((a) => a.rule)).toEqual(['views.many']);
    } finally {
      world.core.close();
    }
  });

  it('a manager reading over 2000 customers in 10 minutes is blocked: window locked, account suspended, audited', { timeout: 180_000 }, async () => {
    const clock = Date.parse('2026-12-02T10:00:00Z');
    const world = await accessWorld({ fastDisk: true, now: () => clock });
    try {
      seedCustomers(world, 2300, world.userIds.owner);
      const paged = await pageAll(world, 'manager', 200);
      // The page that crossed 2000 was answered; the next call found the window locked.
      expect(paged.stoppedBy).toBe('LOCKED');
      expect(paged.ids.length).toBeGreaterThan(2000);
      expect(paged.ids.length).toBeLessThanOrEqual(2200);
      const manager = world.userIds.manager;
      expect(alertRows(world).map((a) => [a.rule, a.action, a.userId])).toEqual([
        ['views.many', 'notify', manager],
        ['bulk.read', 'block', manager],
      ]);
      const db = world.core.vault.db();
      expect(db.prepare('SELECT status FROM users WHERE id = ?').get(manager)).toEqual({ status: 'disabled' });
      expect(auditOf(world, 'user.disable').at(-1)).toMatchObject({ username: null, recordId: String(manager), reason: 'monitoring bulk.read: suspended until an owner reviews' });
      expect(world.core.sessions.current('manager')?.locked).toBe(true);
      // The password alone does not open the window of a suspended account.
      expect(await world.router.dispatch(world.caller('manager'), 'session.unlock', { password: 'Correct horse 9' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await world.router.dispatch(world.caller('manager'), 'customers.list', { limit: 10 })).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
      // Other users work on.
      expect(await world.router.dispatch(world.caller('sales'), 'customers.get', { id: 1 })).toMatchObject({ ok: true });
    } finally {
      world.core.close();
    }
  });

  it('the same burst by the only owner does not suspend them: the alert says step-up, and customer calls wait for the password', { timeout: 180_000 }, async () => {
    const clock = Date.parse('2026-12-02T10:00:00Z');
    const world = await accessWorld({ fastDisk: true, now: () => clock });
    try {
      seedCustomers(world, 2300, world.userIds.owner);
      const paged = await pageAll(world, 'owner', 200);
      expect(paged.stoppedBy).toBe('STEP_UP_REQUIRED');
      const owner = world.userIds.owner;
      expect(alertRows(world).filter((a) => a.rule === 'bulk.read')).toEqual([expect.objectContaining({ userId: owner, action: 'step-up' })]);
      const db = world.core.vault.db();
      expect(db.prepare('SELECT status FROM users WHERE id = ?').get(owner)).toEqual({ status: 'active' });
      expect(world.core.sessions.current('owner')?.locked).toBe(false);
      // Not customer channels still answer (the owner can read the inbox), customer ones wait.
      expect(await world.router.dispatch(world.caller('owner'), 'alerts.count', {})).toEqual({ ok: true, value: { open: 2 } });
      expect(await world.router.dispatch(world.caller('owner'), 'customers.get', { id: 2 })).toMatchObject({ ok: false, error: { code: 'STEP_UP_REQUIRED' } });
      expect(await world.router.dispatch(world.caller('owner'), 'session.stepUp', { password: 'Correct horse 9' })).toEqual({ ok: true, value: { ok: true } });
      expect(await world.router.dispatch(world.caller('owner'), 'customers.get', { id: 2 })).toMatchObject({ ok: true });
    } finally {
      world.core.close();
    }
  });

  it('with a second active owner, an owner can be suspended: one owner stays', { timeout: 180_000 }, async () => {
    const clock = Date.parse('2026-12-02T10:00:00Z');
    const world = await accessWorld({ fastDisk: true, now: () => clock });
    try {
      const db = world.core.vault.db();
      db.prepare("INSERT INTO users (username, display_name, role, password_hash, created_at) VALUES ('bo', 'Bo', 'owner', 'x', 'now')").run();
      seedCustomers(world, 2300, world.userIds.owner);
      expect((await pageAll(world, 'owner', 200)).stoppedBy).toBe('LOCKED');
      expect(db.prepare("SELECT username, status FROM users WHERE role = 'owner' ORDER BY id").all()).toEqual([
        { username: 'anna', status: 'disabled' },
        { username: 'bo', status: 'active' },
      ]);
    } finally {
      world.core.close();
    }
  });
});
