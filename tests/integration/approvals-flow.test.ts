import { expect, it } from 'vitest';
import { insertUser } from '../../electron/core/users/user-repository';
import { hashPassword } from '../../electron/core/users/password-hash';
import { tempDir } from '../support/tmp';
import { describeKeychain } from '../support/keyring';
import { accessWorld, PASSWORD } from './access-helpers';
import { OWNER } from './vault-helpers';
import path from 'node:path';

/** Issue 15, four-eyes approval, through the router: ask, decide, run once. */
type World = Awaited<ReturnType<typeof accessWorld>>;
const SECOND = { username: 'second', password: 'Harbor lantern 42' };
const me = OWNER.password;

function clock(start = Date.UTC(2026, 10, 22, 9)) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

async function world(options: { twoOwners?: boolean; now?: () => number } = {}) {
  let n = 0;
  const w = await accessWorld({ ...(options.now ? { now: options.now } : {}), pickSaveFile: async () => path.join(tempDir(), `export-${n++}.csv`) });
  const anna = w.caller('owner');
  const second = { senderId: 'second-owner' };
  if (options.twoOwners) {
    insertUser(w.core.vault.db(), { username: SECOND.username, displayName: 'Second Owner', role: 'owner', passwordHash: await hashPassword(SECOND.password) });
    expect(await w.router.dispatch(second, 'session.login', SECOND)).toMatchObject({ ok: true });
  }
  const call = (who: { senderId: string }, channel: string, input: unknown) => w.router.dispatch(who, channel, input);
  const value = async <T>(who: { senderId: string }, channel: string, input: unknown): Promise<T> => {
    const answer = await call(who, channel, input);
    if (!answer.ok) throw new Error(`${channel}: ${answer.error.code} ${JSON.stringify(answer.error.fields ?? {})}`);
    return answer.value as T;
  };
  return { w, anna, second, manager: w.caller('manager'), call, value };
}

const rows = (w: World, action: string) =>
  w.core.vault.db().prepare('SELECT outcome, reason, record_id AS recordId FROM audit_log WHERE action = ? ORDER BY id').all(action) as { outcome: string; reason: string; recordId: string }[];
const stateOf = (w: World, id: number) => (w.core.vault.db().prepare('SELECT state FROM approvals WHERE id = ?').get(id) as { state: string }).state;
const roleOf = (w: World, username: string) => (w.core.vault.db().prepare('SELECT role FROM users WHERE username = ?').get(username) as { role: string }).role;
type Requested = { id: number; state: string; usableAfter: string | null; noSecondPerson: boolean };

describeKeychain('four-eyes approval', () => {
  it('state machine: APPROVAL_REQUIRED, request, the other owner approves with their password, the requester runs it once', async () => {
    const { w, anna, second, call, value } = await world({ twoOwners: true });
    const change = { username: 'support1', role: 'sales', ownerPassword: me };
    expect(await call(anna, 'users.setRole', change)).toMatchObject({ ok: false, error: { code: 'APPROVAL_REQUIRED', fields: { operation: 'users.setRole', confirm: 'support1' } } });
    expect(roleOf(w, 'support1')).toBe('support');
    const req = await value<Requested>(anna, 'approvals.request', { operation: 'users.setRole', input: { username: 'support1', role: 'sales' }, reason: 'moves to the sales desk' });
    expect(req).toMatchObject({ state: 'pending', usableAfter: null, noSecondPerson: false });
    // Not yet approved: refused, nothing changes.
    expect(await call(anna, 'users.setRole', { ...change, approvalId: req.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT', fields: { approval: 'pending' } } });
    // The requester never approves their own request.
    expect(await call(anna, 'approvals.decide', { id: req.id, approve: true, password: me })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await value<{ items: unknown[] }>(anna, 'approvals.list', { view: 'inbox' })).items).toHaveLength(0);
    const inbox = await value<{ items: { id: number; canDecide: boolean; summary: Record<string, unknown> }[] }>(second, 'approvals.list', { view: 'inbox' });
    expect(inbox.items).toMatchObject([{ id: req.id, canDecide: true, summary: { targetUsername: 'support1', role: 'sales' } }]);
    expect(await value(second, 'approvals.count', {})).toEqual({ inbox: 1, mine: 0 });
    // The approver's password is checked; a wrong one changes nothing.
    expect(await call(second, 'approvals.decide', { id: req.id, approve: true, password: 'not the password 1' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(stateOf(w, req.id)).toBe('pending');
    expect(await value(second, 'approvals.decide', { id: req.id, approve: true, password: SECOND.password })).toEqual({ id: req.id, state: 'approved' });
    // A different change than the approved one is refused.
    expect(await call(anna, 'users.setRole', { ...change, role: 'manager', approvalId: req.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT', fields: { approval: 'payload_changed' } } });
    expect(await value(anna, 'users.setRole', { ...change, approvalId: req.id })).toEqual({ username: 'support1', role: 'sales' });
    expect(roleOf(w, 'support1')).toBe('sales');
    expect(stateOf(w, req.id)).toBe('executed');
    // Once only.
    expect(await call(anna, 'users.setRole', { ...change, role: 'support', approvalId: req.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(rows(w, 'approval.request')).toMatchObject([{ outcome: 'ok', reason: 'users.setRole', recordId: String(req.id) }]);
    expect(rows(w, 'approval.approve').map((r) => r.outcome)).toEqual(['denied', 'ok']);
    expect(rows(w, 'approval.execute').filter((r) => r.outcome === 'ok')).toHaveLength(1);
    w.core.close();
  });

  it('denial is final, cancel withdraws, and an unused request expires after the policy hours (audited once)', async () => {
    const t = clock();
    const { w, anna, second, call, value } = await world({ twoOwners: true, now: t.now });
    const ask = (role: string) => value<Requested>(anna, 'approvals.request', { operation: 'users.setRole', input: { username: 'support1', role }, reason: 'a reason here' });
    const denied = await ask('sales');
    expect(await value(second, 'approvals.decide', { id: denied.id, approve: false, password: SECOND.password })).toEqual({ id: denied.id, state: 'denied' });
    expect(await call(second, 'approvals.decide', { id: denied.id, approve: true, password: SECOND.password })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await call(anna, 'users.setRole', { username: 'support1', role: 'sales', ownerPassword: me, approvalId: denied.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT', fields: { approval: 'denied' } } });
    const cancelled = await ask('manager');
    expect(await call(second, 'approvals.cancel', { id: cancelled.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await value(anna, 'approvals.cancel', { id: cancelled.id })).toEqual({ id: cancelled.id, state: 'cancelled' });
    const late = await ask('auditor');
    await value(second, 'approvals.decide', { id: late.id, approve: true, password: SECOND.password });
    t.advance(24 * 3_600_000 + 1);
    await value(anna, 'session.unlock', { password: me }); // idle lock on the fake clock
    const mine = await value<{ items: { id: number; state: string; canRun: boolean }[] }>(anna, 'approvals.list', { view: 'mine' });
    expect(mine.items.find((i) => i.id === late.id)).toMatchObject({ state: 'expired', canRun: false });
    await value(anna, 'approvals.list', { view: 'mine' });
    expect(rows(w, 'approval.expire')).toEqual([{ outcome: 'ok', reason: 'users.setRole', recordId: String(late.id) }]);
    expect(await call(anna, 'users.setRole', { username: 'support1', role: 'auditor', ownerPassword: me, approvalId: late.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT', fields: { approval: 'expired' } } });
    expect(roleOf(w, 'support1')).toBe('support');
    expect(rows(w, 'approval.cancel')).toHaveLength(1);
    expect(rows(w, 'approval.reject')).toHaveLength(1);
    w.core.close();
  });

  it('a manager export always needs approval; 主管授权: the owner types their password on the manager\'s screen; a demotion since refuses the run', async () => {
    const { w, anna, manager, call, value } = await world();
    const input = { format: 'csv', columns: ['name'], filters: { tag: 'vip' } };
    expect(await call(manager, 'customers.export', input)).toMatchObject({ ok: false, error: { code: 'APPROVAL_REQUIRED', fields: { operation: 'customers.export', rows: '1' } } });
    const req = await value<Requested>(manager, 'approvals.request', { operation: 'customers.export', input, reason: 'for the trade fair' });
    // On the manager's screen (the manager's window), with the owner's own username and password.
    expect(await call(manager, 'approvals.decide', { id: req.id, approve: true, approver: { username: OWNER.username, password: 'wrong password 1' } })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await call(manager, 'approvals.decide', { id: req.id, approve: true, approver: { username: 'manager1', password: PASSWORD } })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await value(manager, 'approvals.decide', { id: req.id, approve: true, approver: { username: OWNER.username, password: me } })).toEqual({ id: req.id, state: 'approved' });
    const item = (await value<{ items: { id: number; decidedOnScreen: boolean; decidedBy: { username: string } }[] }>(anna, 'approvals.list', { view: 'all' })).items.find((i) => i.id === req.id);
    expect(item).toMatchObject({ decidedOnScreen: true, decidedBy: { username: OWNER.username } });
    // A different filter is not what was approved.
    expect(await call(manager, 'customers.export', { ...input, filters: {}, approvalId: req.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT', fields: { approval: 'payload_changed' } } });
    expect(await value(manager, 'customers.export', { ...input, approvalId: req.id })).toMatchObject({ status: 'saved', rows: 1 });
    expect(await call(manager, 'customers.export', { ...input, approvalId: req.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT', fields: { approval: 'executed' } } });
    // Permissions are read again at run: demoted meanwhile, the approved request no longer runs.
    const again = await value<Requested>(manager, 'approvals.request', { operation: 'customers.export', input, reason: 'for the trade fair' });
    await value(manager, 'approvals.decide', { id: again.id, approve: true, approver: { username: OWNER.username, password: me } });
    w.core.vault.db().prepare("UPDATE users SET role = 'sales' WHERE username = 'manager1'").run();
    expect(await call(manager, 'customers.export', { ...input, approvalId: again.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(stateOf(w, again.id)).toBe('approved');
    w.core.close();
  });

  it('an owner exporting everything, or bulk-deleting more than the policy rows, needs approval; rows added since refuse the run', async () => {
    const { w, anna, manager, call, value } = await world();
    expect(await call(anna, 'customers.export', { format: 'csv', columns: ['name'] })).toMatchObject({ ok: false, error: { code: 'APPROVAL_REQUIRED' } });
    // A small filtered export needs nothing.
    expect(await value(anna, 'customers.export', { format: 'csv', columns: ['name'], filters: { tag: 'vip' } })).toMatchObject({ status: 'saved' });
    const owner = w.core.sessions.current('owner')!;
    for (let i = 0; i < 21; i++) w.core.customers.create(owner, { name: `Bulk ${i}`, tags: ['bulk'] });
    const del = { filters: { tag: 'bulk' }, expectCount: 21 };
    expect(await call(anna, 'customers.deleteMatching', del)).toMatchObject({ ok: false, error: { code: 'APPROVAL_REQUIRED', fields: { rows: '21' } } });
    const req = await value<Requested>(anna, 'approvals.request', { operation: 'customers.deleteMatching', input: del, reason: 'old trade fair list' });
    // A manager may approve customer operations.
    await value(manager, 'approvals.decide', { id: req.id, approve: true, password: PASSWORD });
    w.core.customers.create(owner, { name: 'Bulk late', tags: ['bulk'] });
    expect(await call(anna, 'customers.deleteMatching', { ...del, approvalId: req.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT', fields: { approval: 'payload_changed' } } });
    expect(rows(w, 'approval.execute').map((r) => r.outcome)).toEqual(['rejected']);
    w.core.close();
  });

  it('one-owner path: nobody else can approve an owner change, so confirmation + password + cooling-off, never a silent bypass', async () => {
    const t = clock();
    const { w, anna, call, value } = await world({ now: t.now });
    const change = { username: 'support1', role: 'sales', ownerPassword: me };
    expect(await call(anna, 'users.setRole', change)).toMatchObject({ ok: false, error: { code: 'APPROVAL_REQUIRED', fields: { confirm: 'support1', noSecondPerson: 'yes' } } });
    const ask = { operation: 'users.setRole', input: { username: 'support1', role: 'sales' }, reason: 'moves to sales' };
    expect(await call(anna, 'approvals.request', ask)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { confirmSummary: 'required' } } });
    expect(await call(anna, 'approvals.request', { ...ask, confirmSummary: 'someone', password: me })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { confirmSummary: 'mismatch' } } });
    expect(await call(anna, 'approvals.request', { ...ask, confirmSummary: 'support1', password: 'wrong password 1' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const req = await value<Requested>(anna, 'approvals.request', { ...ask, confirmSummary: 'support1', password: me });
    expect(req).toMatchObject({ state: 'approved', noSecondPerson: true });
    expect(req.usableAfter).toBe(new Date(t.now() + 60 * 60_000).toISOString());
    expect(await call(anna, 'users.setRole', { ...change, approvalId: req.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT', fields: { approval: 'cooling_off' } } });
    expect(roleOf(w, 'support1')).toBe('support');
    t.advance(60 * 60_000);
    await value(anna, 'session.unlock', { password: me }); // idle lock on the fake clock
    expect(await value(anna, 'users.setRole', { ...change, approvalId: req.id })).toEqual({ username: 'support1', role: 'sales' });
    expect(rows(w, 'approval.request')).toMatchObject([{ reason: 'users.setRole no_second_person' }]);
    w.core.close();
  });

  it('the policy: alone the owner changes it at once (audited); with a second owner it needs their approval', async () => {
    const alone = await world();
    const policy = { operations: { 'customers.export': false }, exportRows: 100, deleteRows: 5, expiryHours: 12, coolingOffMinutes: 30 };
    expect(await alone.value(alone.anna, 'approvals.setPolicy', policy)).toEqual(policy);
    expect(await alone.value(alone.manager, 'approvals.policy', {})).toEqual(policy);
    expect(rows(alone.w, 'approval.policy')).toHaveLength(1);
    expect(await alone.call(alone.manager, 'approvals.setPolicy', policy)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    alone.w.core.close();

    const two = await world({ twoOwners: true });
    expect(await two.call(two.anna, 'approvals.setPolicy', policy)).toMatchObject({ ok: false, error: { code: 'APPROVAL_REQUIRED', fields: { operation: 'approvals.setPolicy' } } });
    const req = await two.value<Requested>(two.anna, 'approvals.request', { operation: 'approvals.setPolicy', input: policy, reason: 'fewer prompts' });
    // Owner-only: a manager may not approve the policy.
    expect(await two.call(two.manager, 'approvals.decide', { id: req.id, approve: true, password: PASSWORD })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await two.value(two.second, 'approvals.decide', { id: req.id, approve: true, password: SECOND.password });
    expect(await two.value(two.anna, 'approvals.setPolicy', { ...policy, approvalId: req.id })).toEqual(policy);
    two.w.core.close();
  });

  it('no secret is stored or listed: an owner password reset asks without the password and gives it again at run', async () => {
    const { w, anna, second, call, value } = await world({ twoOwners: true });
    const newPassword = 'Taken over 1234';
    expect(await call(anna, 'users.resetPassword', { username: 'second', newPassword, ownerPassword: me })).toMatchObject({ ok: false, error: { code: 'APPROVAL_REQUIRED' } });
    const req = await value<Requested>(anna, 'approvals.request', { operation: 'users.resetPassword', input: { username: 'second', newPassword, ownerPassword: me }, reason: 'forgot it' });
    const table = JSON.stringify(w.core.vault.db().prepare('SELECT * FROM approvals').all());
    const listed = JSON.stringify(await value(second, 'approvals.list', { view: 'all' }));
    for (const text of [table, listed]) {
      expect(text).not.toContain(newPassword);
      expect(text).not.toContain(me);
      expect(text).not.toMatch(/scrypt/i);
    }
    await value(second, 'approvals.decide', { id: req.id, approve: true, password: SECOND.password });
    expect(await value(anna, 'users.resetPassword', { username: 'second', newPassword, ownerPassword: me, approvalId: req.id })).toEqual({ username: 'second' });
    expect(await call({ senderId: 'x' }, 'session.login', { username: 'second', password: newPassword })).toMatchObject({ ok: true });
    w.core.close();
  });
});
