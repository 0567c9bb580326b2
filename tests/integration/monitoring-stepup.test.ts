import { expect, it } from 'vitest';
import { describeKeychain } from '../support/keyring';
import { PASSWORD, accessWorld } from './access-helpers';
import { alertRows, auditOf, restart } from './monitoring-helpers';

const MINUTE = 60_000;
const reveal = { id: 1, field: 'email', reason: 'checking an order' } as const;

describeKeychain('monitoring: reveals.many asks for the password again, and that survives a restart', () => {
  it('30 reveals in 10 minutes pass; the 31st is STEP_UP_REQUIRED with one alert; every customer call waits, a restart included, until session.stepUp', { timeout: 180_000 }, async () => {
    let clock = Date.parse('2026-12-02T10:00:00Z');
    let world = await accessWorld({ fastDisk: true, now: () => clock });
    try {
      for (let i = 0; i < 30; i += 1) expect(await world.router.dispatch(world.caller('sales'), 'customers.reveal', reveal)).toMatchObject({ ok: true });
      expect(await world.router.dispatch(world.caller('sales'), 'customers.reveal', reveal)).toMatchObject({ ok: false, error: { code: 'STEP_UP_REQUIRED' } });
      expect(alertRows(world)).toEqual([expect.objectContaining({ rule: 'reveals.many', userId: world.userIds.sales, action: 'step-up', count: 31 })]);
      expect(JSON.parse(alertRows(world)[0]!.customerIds)).toEqual([1]);
      // The refused reveal showed nothing and says so in the log.
      expect(auditOf(world, 'customer.reveal').at(-1)).toMatchObject({ outcome: 'denied', reason: 'step-up required' });
      // Not only reveals: any customer channel waits (the router refuses before the service).
      expect(await world.router.dispatch(world.caller('sales'), 'customers.list', { limit: 10 })).toMatchObject({ ok: false, error: { code: 'STEP_UP_REQUIRED' } });
      // Other users are not affected.
      expect(await world.router.dispatch(world.caller('manager'), 'customers.reveal', reveal)).toMatchObject({ ok: true });

      // A restart does not clear it, and waiting does not either.
      clock += 30 * MINUTE;
      world = await restart(world, () => clock);
      expect(await world.router.dispatch(world.caller('sales'), 'customers.get', { id: 1 })).toMatchObject({ ok: false, error: { code: 'STEP_UP_REQUIRED' } });

      // A wrong password is a typed error and changes nothing.
      expect(await world.router.dispatch(world.caller('sales'), 'session.stepUp', { password: 'not my password' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', fields: { password: 'wrong' } } });
      expect(await world.router.dispatch(world.caller('sales'), 'customers.get', { id: 1 })).toMatchObject({ ok: false, error: { code: 'STEP_UP_REQUIRED' } });
      expect(auditOf(world, 'login.failed').at(-1)).toMatchObject({ username: 'sales1', reason: 're-entry: wrong password' });

      expect(await world.router.dispatch(world.caller('sales'), 'session.stepUp', { password: PASSWORD })).toEqual({ ok: true, value: { ok: true } });
      expect(auditOf(world, 'session.stepUp')).toEqual([expect.objectContaining({ username: 'sales1', outcome: 'ok', reason: 'after reveals.many' })]);
      // Counting starts again from the step-up: 30 more pass.
      for (let i = 0; i < 30; i += 1) expect(await world.router.dispatch(world.caller('sales'), 'customers.reveal', reveal)).toMatchObject({ ok: true });
      expect(await world.router.dispatch(world.caller('sales'), 'customers.reveal', reveal)).toMatchObject({ ok: false, error: { code: 'STEP_UP_REQUIRED' } });
    } finally {
      world.core.close();
    }
  });

  it('the count itself survives a restart: 20 reveals, restart, 10 more pass and the 11th asks', { timeout: 180_000 }, async () => {
    const clock = Date.parse('2026-12-02T10:00:00Z');
    let world = await accessWorld({ fastDisk: true, now: () => clock });
    try {
      for (let i = 0; i < 20; i += 1) expect(await world.router.dispatch(world.caller('sales'), 'customers.reveal', reveal)).toMatchObject({ ok: true });
      world = await restart(world, () => clock);
      for (let i = 0; i < 10; i += 1) expect(await world.router.dispatch(world.caller('sales'), 'customers.reveal', reveal)).toMatchObject({ ok: true });
      expect(await world.router.dispatch(world.caller('sales'), 'customers.reveal', reveal)).toMatchObject({ ok: false, error: { code: 'STEP_UP_REQUIRED' } });
    } finally {
      world.core.close();
    }
  });

  it('the old 10-minute window still applies: 30 reveals, 11 minutes, 30 more is fine', { timeout: 180_000 }, async () => {
    let clock = Date.parse('2026-12-02T10:00:00Z');
    const world = await accessWorld({ fastDisk: true, now: () => clock });
    try {
      for (let i = 0; i < 30; i += 1) await world.router.dispatch(world.caller('sales'), 'customers.reveal', reveal);
      clock += 11 * MINUTE;
      for (let i = 0; i < 30; i += 1) expect(await world.router.dispatch(world.caller('sales'), 'customers.reveal', reveal)).toMatchObject({ ok: true });
      expect(alertRows(world)).toEqual([]);
    } finally {
      world.core.close();
    }
  });

  it('reveals.many turned off (or set to notify) lets reveals through; the owner changes it, audited', { timeout: 180_000 }, async () => {
    const clock = Date.parse('2026-12-02T10:00:00Z');
    const world = await accessWorld({ fastDisk: true, now: () => clock });
    try {
      expect(await world.router.dispatch(world.caller('owner'), 'monitoring.setRule', { id: 'reveals.many', action: 'notify' })).toMatchObject({ ok: true, value: { pending: false, rule: { action: 'notify', updatedBy: 'Anna Example' } } });
      for (let i = 0; i < 35; i += 1) expect(await world.router.dispatch(world.caller('sales'), 'customers.reveal', reveal)).toMatchObject({ ok: true });
      expect(alertRows(world).map((a) => [a.rule, a.action])).toEqual([['reveals.many', 'notify']]);
      expect(auditOf(world, 'monitoring.rule')).toEqual([expect.objectContaining({ username: 'anna', recordId: 'reveals.many', fields: '["action"]' })]);
      // Only the owner changes rules.
      expect(await world.router.dispatch(world.caller('manager'), 'monitoring.setRule', { id: 'reveals.many', enabled: false })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    } finally {
      world.core.close();
    }
  });
});
