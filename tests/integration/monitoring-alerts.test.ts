import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { APPROVAL_OPERATIONS, DEFAULT_APPROVAL_POLICY } from '../../shared/approvals';
import type { ChannelOutput } from '../../shared/contract';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { PASSWORD, accessWorld } from './access-helpers';
import { alertRows, auditOf, restart, seedCustomers } from './monitoring-helpers';

const MINUTE = 60_000;
type Items = ChannelOutput<'alerts.list'>['items'];

describeKeychain('monitoring: exports, deletes, business hours, the inbox and the rules', () => {
  it('more than 3 exports in a day notify once; one export over 1000 rows notifies on its own', { timeout: 180_000 }, async () => {
    let clock = Date.parse('2026-12-02T10:00:00Z');
    const folder = tempDir();
    let n = 0;
    const world = await accessWorld({ fastDisk: true, now: () => clock, pickSaveFile: async () => path.join(folder, `export-${++n}.csv`) });
    try {
      // This test counts exports, not approvals: an owner exporting everyone is gated by default since issue 15.
      const noApprovals = { ...DEFAULT_APPROVAL_POLICY, operations: Object.fromEntries(APPROVAL_OPERATIONS.map((op) => [op, false])) };
      expect(await world.router.dispatch(world.caller('owner'), 'approvals.setPolicy', noApprovals)).toMatchObject({ ok: true });
      const exportAll = () => world.router.dispatch(world.caller('owner'), 'customers.export', { format: 'csv', columns: ['name'] });
      for (let i = 0; i < 3; i += 1) expect(await exportAll()).toMatchObject({ ok: true, value: { status: 'saved' } });
      expect(alertRows(world)).toEqual([]);
      clock += 10 * MINUTE; // under the idle lock
      expect(await exportAll()).toMatchObject({ ok: true }); // notify: the export itself goes through
      clock += 10 * MINUTE;
      await exportAll();
      expect(alertRows(world).map((a) => [a.rule, a.userId, a.count])).toEqual([['exports.many', world.userIds.owner, 4]]);

      seedCustomers(world, 1000, world.userIds.owner);
      expect(await exportAll()).toMatchObject({ ok: true, value: { rows: 1003 } });
      expect(alertRows(world).map((a) => [a.rule, a.count])).toEqual([['exports.many', 4], ['export.big', 1003]]);
      expect(fs.readdirSync(folder)).toHaveLength(6);
    } finally {
      world.core.close();
    }
  });

  it('more than 20 deletes in a day notify, a bulk delete counting each customer', { timeout: 180_000 }, async () => {
    const clock = Date.parse('2026-12-02T10:00:00Z');
    const world = await accessWorld({ fastDisk: true, now: () => clock });
    try {
      const ids = seedCustomers(world, 30, world.userIds.owner);
      for (const id of ids.slice(0, 20)) expect(await world.router.dispatch(world.caller('manager'), 'customers.delete', { id })).toMatchObject({ ok: true });
      expect(alertRows(world)).toEqual([]);
      await world.router.dispatch(world.caller('manager'), 'customers.delete', { id: ids[20]! });
      expect(alertRows(world).map((a) => [a.rule, a.userId, a.count])).toEqual([['deletes.many', world.userIds.manager, 21]]);
    } finally {
      world.core.close();
    }
  });

  it('business hours: off by default; on, a read at 20:30 local time notifies and one at 10:00 does not', { timeout: 180_000 }, async () => {
    let clock = new Date(2026, 11, 2, 20, 30).getTime(); // a Wednesday, local time
    const world = await accessWorld({ fastDisk: true, now: () => clock });
    // Hours pass between the reads: the idle lock comes first, and the password opens the window again.
    const read = async () => {
      if (world.core.sessions.current('sales')?.locked) await world.router.dispatch(world.caller('sales'), 'session.unlock', { password: PASSWORD });
      expect(await world.router.dispatch(world.caller('sales'), 'customers.get', { id: 1 })).toMatchObject({ ok: true });
    };
    try {
      await read();
      expect(alertRows(world)).toEqual([]);
      const hours = { enabled: true, start: '08:00', end: '20:00', days: [1, 2, 3, 4, 5, 6] };
      expect(await world.router.dispatch(world.caller('owner'), 'monitoring.setBusinessHours', hours)).toEqual({ ok: true, value: hours });
      expect(auditOf(world, 'monitoring.rule').at(-1)).toMatchObject({ username: 'anna', recordId: 'businessHours' });
      expect(await world.router.dispatch(world.caller('owner'), 'monitoring.setBusinessHours', { ...hours, end: '08:00' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      clock = new Date(2026, 11, 3, 10, 0).getTime();
      await read();
      expect(alertRows(world)).toEqual([]);
      clock = new Date(2026, 11, 3, 20, 30).getTime();
      await read();
      await read(); // once per window
      clock = new Date(2026, 11, 6, 11, 0).getTime(); // Sunday: not a business day
      await read();
      expect(alertRows(world).map((a) => [a.rule, a.userId])).toEqual([['after.hours', world.userIds.sales], ['after.hours', world.userIds.sales]]);
    } finally {
      world.core.close();
    }
  });

  it('the inbox: names per role, acknowledged with a note by someone else (audited), open count, and it all survives a restart', { timeout: 180_000 }, async () => {
    let clock = Date.parse('2026-12-02T10:00:00Z');
    let world = await accessWorld({ fastDisk: true, now: () => clock });
    try {
      const ids = seedCustomers(world, 301, world.userIds.sales);
      for (const id of ids) await world.router.dispatch(world.caller('sales'), 'customers.get', { id });
      expect(await world.router.dispatch(world.caller('owner'), 'alerts.count', {})).toEqual({ ok: true, value: { open: 1 } });

      const asManager = (await world.router.dispatch(world.caller('manager'), 'alerts.list', {})) as { ok: true; value: { items: Items } };
      const [alert] = asManager.value.items;
      expect(alert).toMatchObject({ rule: 'views.many', subject: { id: world.userIds.sales, username: 'sales1', displayName: 'sales one' }, count: 301, customerCount: 301, state: 'open', action: 'notify' });
      expect(alert!.customers).toHaveLength(20);
      expect(alert!.customers[0]).toEqual({ id: ids[0], name: 'Seeded 3-00000' });
      // An auditor reads the inbox but not customers: ids only.
      const asAuditor = (await world.router.dispatch(world.caller('auditor'), 'alerts.list', {})) as { ok: true; value: { items: Items } };
      expect(asAuditor.value.items[0]!.customers.every((c) => c.name === null)).toBe(true);
      // Sales and support have no inbox; the subject cannot close their own alert; an auditor cannot acknowledge.
      expect(await world.router.dispatch(world.caller('sales'), 'alerts.list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await world.router.dispatch(world.caller('auditor'), 'alerts.acknowledge', { id: alert!.id, note: '' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

      clock += MINUTE;
      world = await restart(world, () => clock);
      expect(await world.router.dispatch(world.caller('owner'), 'alerts.count', {})).toEqual({ ok: true, value: { open: 1 } });
      expect(await world.router.dispatch(world.caller('manager'), 'alerts.acknowledge', { id: alert!.id, note: 'Year-end call list, agreed with her.' })).toEqual({ ok: true, value: { id: alert!.id, state: 'acknowledged' } });
      expect(await world.router.dispatch(world.caller('owner'), 'alerts.acknowledge', { id: alert!.id, note: '' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
      expect(await world.router.dispatch(world.caller('owner'), 'alerts.acknowledge', { id: 999, note: '' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      expect(auditOf(world, 'alert.acknowledge')).toEqual([expect.objectContaining({ username: 'manager1', entity: 'alert', recordId: String(alert!.id), fields: '["note"]', reason: null })]);
      expect(await world.router.dispatch(world.caller('owner'), 'alerts.count', {})).toEqual({ ok: true, value: { open: 0 } });
      expect(await world.router.dispatch(world.caller('owner'), 'alerts.list', {})).toEqual({ ok: true, value: { items: [] } });
      const all = (await world.router.dispatch(world.caller('owner'), 'alerts.list', { state: 'all' })) as { ok: true; value: { items: Items } };
      expect(all.value.items[0]).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'manager one', note: 'Year-end call list, agreed with her.' });
    } finally {
      world.core.close();
    }
  });

  it('rules off and on: views.many off raises nothing, on again counts; rules list what the owner set', { timeout: 180_000 }, async () => {
    const clock = Date.parse('2026-12-02T10:00:00Z');
    const world = await accessWorld({ fastDisk: true, now: () => clock });
    try {
      const ids = seedCustomers(world, 320, world.userIds.owner);
      // This test is about counting, not approvals: the owner switches the rule-off approval off (alone, not gated).
      expect(await world.router.dispatch(world.caller('owner'), 'approvals.setPolicy', { operations: { 'monitoring.setRule': false }, exportRows: 500, deleteRows: 20, expiryHours: 24, coolingOffMinutes: 60 })).toMatchObject({ ok: true });
      expect(await world.router.dispatch(world.caller('owner'), 'monitoring.setRule', { id: 'views.many', enabled: false })).toMatchObject({ ok: true, value: { pending: false, rule: { enabled: false } } });
      for (const id of ids) await world.router.dispatch(world.caller('manager'), 'customers.get', { id });
      expect(alertRows(world)).toEqual([]);
      expect(await world.router.dispatch(world.caller('owner'), 'monitoring.setRule', { id: 'views.many', enabled: true, threshold: 310 })).toMatchObject({ ok: true, value: { rule: { enabled: true, threshold: 310 } } });
      // On again, the window is rebuilt from the log: the 320 already read count.
      await world.router.dispatch(world.caller('manager'), 'customers.get', { id: ids[0]! });
      expect(alertRows(world).map((a) => [a.rule, a.count])).toEqual([['views.many', 320]]);
      const rules = (await world.router.dispatch(world.caller('owner'), 'monitoring.rules', {})) as { ok: true; value: ChannelOutput<'monitoring.rules'> };
      expect(rules.value.rules.map((r) => r.id)).toEqual(['views.many', 'reveals.many', 'exports.many', 'export.big', 'deletes.many', 'after.hours', 'bulk.read', 'drill.failed', 'drill.missed']);
      expect(rules.value.rules[0]).toMatchObject({ enabled: true, threshold: 310, windowMinutes: 10, action: 'notify', updatedBy: 'Anna Example' });
      expect(rules.value.businessHours).toEqual({ enabled: false, start: '08:00', end: '20:00', days: [1, 2, 3, 4, 5, 6] });
      expect(auditOf(world, 'monitoring.rule').map((r) => r.fields)).toEqual(['["enabled"]', '["enabled","threshold"]']);
      expect(await world.router.dispatch(world.caller('owner'), 'monitoring.setRule', { id: 'drill.failed', action: 'block' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    } finally {
      world.core.close();
    }
  });
});
