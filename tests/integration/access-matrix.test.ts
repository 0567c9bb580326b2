import { expect, it } from 'vitest';
import { CHANNEL_NAMES, contract, type Role } from '../../shared/contract';
import { canRevealField, fieldVisibility } from '../../shared/field-policy';
import { can, grantFor } from '../../shared/permissions';
import { describeKeychain } from '../support/keyring';
import { DISRUPTIVE, MARKERS, PASSWORD, ROLE_LIST, SAMPLE_INPUTS, accessWorld } from './access-helpers';

/**
 * The right password after a sample's wrong one, as a user would type it: these loops measure
 * authorization and masking, not the re-entry back-off and lock (password-reentry.test.ts), which
 * would otherwise lock the owner's window halfway through.
 */
async function rightPasswordAgain(world: Awaited<ReturnType<typeof accessWorld>>, role: Role): Promise<void> {
  await world.core.sessions.confirmPassword(world.core.sessions.current(world.caller(role).senderId)!, PASSWORD);
}

describeKeychain('access control through the router', () => {
  it('every channel x every role matches the policy table', async () => {
    const world = await accessWorld();
    const rows: string[] = [];
    for (const channel of CHANNEL_NAMES.filter((c) => !DISRUPTIVE.has(c))) {
      const permission = contract[channel].permission;
      for (const role of ROLE_LIST) {
        const result = await world.router.dispatch(world.caller(role), channel, SAMPLE_INPUTS[channel]);
        const code = result.ok ? 'ok' : result.error.code;
        const allowed = permission === 'public' || can(role, permission);
        rows.push(`${channel} ${role} ${code}`);
        if (allowed) {
          expect(code, `${channel} as ${role}`).not.toMatch(/^(FORBIDDEN|LOCKED)$/);
          // Signed in, so UNAUTHENTICATED may only mean a failed re-authentication.
          if (code === 'UNAUTHENTICATED') {
            const fields = result.ok ? undefined : result.error.fields;
            expect(fields?.password ?? fields?.oldPassword, `${channel} as ${role}`).toBe('wrong');
            await rightPasswordAgain(world, role);
          }
        } else expect(code, `${channel} as ${role}`).toBe('FORBIDDEN');
      }
    }
    // The table really does deny something to every non-owner role, so the loop above tested both ways.
    for (const role of ROLE_LIST.filter((r) => r !== 'owner')) expect(rows.some((r) => r.endsWith(`${role} FORBIDDEN`)), role).toBe(true);
    world.core.close();
    // A sweep over every channel and role: it grows with the contract, so it gets its own bound.
  }, 180_000);

  it('row scope: sales sees and edits only its own customers; another customer is NOT_FOUND', async () => {
    const world = await accessWorld();
    const list = await world.router.dispatch(world.caller('sales'), 'customers.list', { limit: 50 });
    expect(list.ok && (list.value as { items: { name: string }[] }).items.map((c) => c.name)).toEqual(['王伟']);
    for (const [channel, input] of [
      ['customers.get', { id: 2 }],
      ['customers.update', { id: 2, changes: { company: 'x' } }],
      ['customers.delete', { id: 2 }],
      ['customers.reveal', { id: 2, field: 'mobile', reason: 'calling back' }],
      ['customers.get', { id: 999 }],
    ] as const) {
      expect(await world.router.dispatch(world.caller('sales'), channel, input), `${channel} ${JSON.stringify(input)}`).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND', message: 'That customer does not exist.' },
      });
    }
    const all = await world.router.dispatch(world.caller('manager'), 'customers.list', { limit: 50 });
    expect(all.ok && (all.value as { items: unknown[] }).items).toHaveLength(3);
    world.core.close();
  });

  it('no unmasked value crosses the bridge to a role that may not see it', async () => {
    const world = await accessWorld();
    for (const role of ROLE_LIST) {
      for (const channel of CHANNEL_NAMES.filter((c) => !DISRUPTIVE.has(c))) {
        const inputs: unknown[] = [SAMPLE_INPUTS[channel]];
        if (channel === 'customers.reveal') {
          inputs.length = 0;
          for (const field of Object.keys(MARKERS)) inputs.push({ id: 1, field, reason: 'checking the record' }, { id: 2, field, reason: 'checking the record' });
        }
        if (channel === 'customers.get') inputs.push({ id: 2 });
        for (const input of inputs) {
          const answer = await world.router.dispatch(world.caller(role), channel, input);
          if (!answer.ok && answer.error.code === 'UNAUTHENTICATED') await rightPasswordAgain(world, role);
          const response = JSON.stringify(answer);
          for (const [field, marker] of Object.entries(MARKERS)) {
            if (fieldVisibility(role, field) === 'full') continue;
            const asked = input as { id?: number; field?: string };
            const revealAllowed =
              channel === 'customers.reveal' && asked.field === field && canRevealField(role, field, asked.id === 1 ? role === 'sales' || role === 'owner' : role === 'owner');
            if (revealAllowed) continue;
            expect(response.includes(marker), `${role} got ${field} in full from ${channel}`).toBe(false);
            // Not one digit-run of six or more either (a "mask" that keeps too much).
            for (let i = 0; i + 6 <= marker.length; i += 1) {
              if (/^\d{6}$/.test(marker.slice(i, i + 6))) expect(response.includes(marker.slice(i, i + 6)), `${role} ${field} ${channel}`).toBe(false);
            }
          }
        }
      }
    }
    world.core.close();
    // A sweep over every channel and role: it grows with the contract, so it gets its own bound.
  }, 180_000);

  it('sales reveals its own customer with a reason, audited with the reason; support may not reveal', async () => {
    const world = await accessWorld();
    const got = await world.router.dispatch(world.caller('sales'), 'customers.get', { id: 1 });
    expect(got).toMatchObject({ ok: true, value: { mobile: '139****5678', email: 'm***@example.org', revealable: expect.arrayContaining(['mobile', 'email']) } });
    expect(JSON.stringify(got)).not.toContain('idNumber');
    const revealed = await world.router.dispatch(world.caller('sales'), 'customers.reveal', { id: 1, field: 'mobile', reason: 'calling back about an order' });
    expect(revealed).toEqual({ ok: true, value: { value: MARKERS.mobile } });
    expect(await world.router.dispatch(world.caller('sales'), 'customers.reveal', { id: 1, field: 'idNumber', reason: 'checking identity' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await world.router.dispatch(world.caller('support'), 'customers.reveal', { id: 1, field: 'mobile', reason: 'calling back' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await world.router.dispatch(world.caller('sales'), 'customers.reveal', { id: 1, field: 'mobile', reason: '' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });

    const log = world.core.vault.db().prepare("SELECT username, action, record_id AS recordId, outcome, fields, reason FROM audit_log WHERE action = 'customer.reveal' ORDER BY id").all();
    expect(log).toEqual([
      { username: 'sales1', action: 'customer.reveal', recordId: '1', outcome: 'ok', fields: '["mobile"]', reason: 'calling back about an order' },
      { username: 'sales1', action: 'customer.reveal', recordId: '1', outcome: 'denied', fields: '["idNumber"]', reason: null },
    ]);
    expect(grantFor('support', 'customers.reveal')).toBe('none');
    world.core.close();
  });

  it('reveals are limited per user (reveals.many): the 31st asks for the password again, and one alert is raised about the user', async () => {
    const world = await accessWorld();
    let limited = 0;
    for (let i = 0; i < 35; i += 1) {
      const result = await world.router.dispatch(world.caller('sales'), 'customers.reveal', { id: 1, field: 'email', reason: 'bulk check' });
      if (!result.ok && result.error.code === 'STEP_UP_REQUIRED') limited += 1;
    }
    expect(limited).toBe(5);
    const sales = world.core.sessions.current('sales')!;
    const alerts = world.core.vault.db().prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'alert.raise' AND entity = 'user' AND record_id = ?").get(String(sales.userId));
    expect(alerts).toEqual({ n: 1 });
    world.core.close();
  });

  it('every read and change of a customer is one audit row naming fields, never values', async () => {
    const world = await accessWorld();
    const db = world.core.vault.db();
    const before = (db.prepare('SELECT max(id) AS id FROM audit_log').get() as { id: number }).id;
    await world.router.dispatch(world.caller('manager'), 'customers.get', { id: 1 });
    await world.router.dispatch(world.caller('manager'), 'customers.update', { id: 1, changes: { company: 'Acme 13800000000', mobile: '13700001111' } });
    await world.router.dispatch(world.caller('manager'), 'customers.delete', { id: 3 });
    const rows = db.prepare('SELECT action, record_id AS recordId, fields FROM audit_log WHERE id > ? ORDER BY id').all(before);
    expect(rows).toEqual([
      { action: 'customer.read', recordId: '1', fields: null },
      { action: 'customer.update', recordId: '1', fields: '["mobile","company"]' },
      { action: 'customer.delete', recordId: '3', fields: null },
    ]);
    const dump = JSON.stringify(db.prepare('SELECT * FROM audit_log').all());
    for (const value of [...Object.values(MARKERS), '13700001111', 'Acme']) expect(dump).not.toContain(value);
    world.core.close();
  });
});
