import { expect, it } from 'vitest';
import { hashPassword } from '../../electron/core/users/password-hash';
import { insertUser } from '../../electron/core/users/user-repository';
import { describeKeychain } from '../support/keyring';
import { accessWorld } from './access-helpers';
import { OWNER } from './vault-helpers';

/** Issue 15 join: turning a monitoring rule OFF passes the approvals gate; turning one on never does. */
const SECOND = { username: 'second', password: 'Harbor lantern 42' };
const me = OWNER.password;
type World = Awaited<ReturnType<typeof accessWorld>>;
const enabledOf = (w: World, id: string) => (w.core.alerts.rules().rules.find((r) => r.id === id)!.enabled);
const stateOf = (w: World, id: number) => (w.core.vault.db().prepare('SELECT state FROM approvals WHERE id = ?').get(id) as { state: string }).state;
const ruleRows = (w: World) => w.core.vault.db().prepare("SELECT reason FROM audit_log WHERE action = 'monitoring.rule' ORDER BY id").all() as { reason: string }[];

describeKeychain('monitoring.setRule and the approvals gate', () => {
  it('two owners: views.many off needs the other owner; approved, it runs once; on again is not gated', { timeout: 180_000 }, async () => {
    const w = await accessWorld({ fastDisk: true });
    try {
      insertUser(w.core.vault.db(), { username: SECOND.username, displayName: 'Second Owner', role: 'owner', passwordHash: await hashPassword(SECOND.password) });
      const second = { senderId: 'second-owner' };
      expect(await w.router.dispatch(second, 'session.login', SECOND)).toMatchObject({ ok: true });
      const anna = w.caller('owner');
      // Main's 'approvals.' refresh hint hangs on this event: one per request, decision and use.
      let changes = 0;
      const stop = w.core.approvals.onChange(() => (changes += 1));
      const settled = () => new Promise((resolve) => setImmediate(resolve));
      const off = { id: 'views.many', enabled: false };
      expect(await w.router.dispatch(anna, 'monitoring.setRule', off)).toMatchObject({ ok: false, error: { code: 'APPROVAL_REQUIRED', fields: { operation: 'monitoring.setRule' } } });
      expect(enabledOf(w, 'views.many')).toBe(true);
      const asked = await w.router.dispatch(anna, 'approvals.request', { operation: 'monitoring.setRule', input: off, reason: 'a noisy week of stocktaking' });
      expect(asked).toMatchObject({ ok: true, value: { state: 'pending', noSecondPerson: false } });
      const id = (asked as { value: { id: number } }).value.id;
      expect(await w.router.dispatch(anna, 'monitoring.setRule', { ...off, approvalId: id })).toMatchObject({ ok: false, error: { code: 'CONFLICT', fields: { approval: 'pending' } } });
      // The requester never approves their own request.
      expect(await w.router.dispatch(anna, 'approvals.decide', { id, approve: true, password: me })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      const inbox = await w.router.dispatch(second, 'approvals.list', { view: 'inbox' });
      expect(inbox).toMatchObject({ ok: true, value: { items: [{ id, summary: { enabled: false, ruleName: 'views.many' } }] } });
      expect(await w.router.dispatch(second, 'approvals.decide', { id, approve: true, password: SECOND.password })).toMatchObject({ ok: true, value: { state: 'approved' } });
      // Not what was approved (another rule): refused.
      expect(await w.router.dispatch(anna, 'monitoring.setRule', { id: 'reveals.many', enabled: false, approvalId: id })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
      expect(await w.router.dispatch(anna, 'monitoring.setRule', { ...off, approvalId: id })).toMatchObject({ ok: true, value: { pending: false, rule: { enabled: false } } });
      expect(enabledOf(w, 'views.many')).toBe(false);
      expect(stateOf(w, id)).toBe('executed');
      await settled();
      expect(changes).toBe(3); // request, approve, executed (refusals change nothing)
      stop();
      // Turning it on again, and tuning a rule, never ask.
      expect(await w.router.dispatch(anna, 'monitoring.setRule', { id: 'views.many', enabled: true })).toMatchObject({ ok: true, value: { rule: { enabled: true } } });
      expect(await w.router.dispatch(anna, 'monitoring.setRule', { id: 'views.many', threshold: 250 })).toMatchObject({ ok: true, value: { rule: { threshold: 250 } } });
      // Once only: the used approval does not turn it off a second time.
      expect(await w.router.dispatch(anna, 'monitoring.setRule', { ...off, approvalId: id })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
      expect(enabledOf(w, 'views.many')).toBe(true);
      expect(ruleRows(w).map((r) => r.reason.split(' ')[1])).toEqual(['enabled=false', 'enabled=true', 'enabled=true']);
    } finally {
      w.core.close();
    }
  });

  it('one owner: confirmation + password, then the cooling-off, then it runs', { timeout: 180_000 }, async () => {
    let t = Date.UTC(2026, 11, 2, 9);
    const w = await accessWorld({ fastDisk: true, now: () => t });
    try {
      const anna = w.caller('owner');
      const off = { id: 'views.many', enabled: false };
      expect(await w.router.dispatch(anna, 'monitoring.setRule', off)).toMatchObject({ ok: false, error: { code: 'APPROVAL_REQUIRED', fields: { noSecondPerson: 'yes' } } });
      const ask = { operation: 'monitoring.setRule', input: off, reason: 'a noisy week of stocktaking' };
      expect(await w.router.dispatch(anna, 'approvals.request', ask)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { confirmSummary: 'required' } } });
      const asked = await w.router.dispatch(anna, 'approvals.request', { ...ask, confirmSummary: 'monitoring.setRule', password: me });
      expect(asked).toMatchObject({ ok: true, value: { state: 'approved', noSecondPerson: true } });
      const id = (asked as { value: { id: number } }).value.id;
      expect(await w.router.dispatch(anna, 'monitoring.setRule', { ...off, approvalId: id })).toMatchObject({ ok: false, error: { code: 'CONFLICT', fields: { approval: 'cooling_off' } } });
      expect(enabledOf(w, 'views.many')).toBe(true);
      t += 61 * 60_000;
      if (w.core.sessions.current('owner')?.locked) await w.router.dispatch(anna, 'session.unlock', { password: me });
      expect(await w.router.dispatch(anna, 'monitoring.setRule', { ...off, approvalId: id })).toMatchObject({ ok: true, value: { rule: { enabled: false } } });
      expect(stateOf(w, id)).toBe('executed');
    } finally {
      w.core.close();
    }
  });
});
