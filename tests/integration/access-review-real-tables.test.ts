import { expect, it } from 'vitest';
import { hashPassword } from '../../electron/core/users/password-hash';
import { insertUser } from '../../electron/core/users/user-repository';
import { describeKeychain } from '../support/keyring';
import { accessWorld } from './access-helpers';
import { alertRows, seedCustomers } from './monitoring-helpers';
import { OWNER } from './vault-helpers';

/** users.accessReview counts approvals and alerts from the REAL approvals (025) and alerts (026) tables. */
const SECOND = { username: 'second', password: 'Harbor lantern 42' };

describeKeychain('access review against the real approvals and alerts tables', () => {
  it('a request approved by the second owner and a deletes.many alert are counted for the right people', { timeout: 180_000 }, async () => {
    const w = await accessWorld({ fastDisk: true });
    try {
      insertUser(w.core.vault.db(), { username: SECOND.username, displayName: 'Second Owner', role: 'owner', passwordHash: await hashPassword(SECOND.password) });
      const second = { senderId: 'second-owner' };
      expect(await w.router.dispatch(second, 'session.login', SECOND)).toMatchObject({ ok: true });
      const anna = w.caller('owner');
      const asked = await w.router.dispatch(anna, 'approvals.request', { operation: 'users.setRole', input: { username: 'support1', role: 'sales' }, reason: 'moves to the sales desk' });
      const id = (asked as { ok: true; value: { id: number } }).value.id;
      expect(await w.router.dispatch(second, 'approvals.decide', { id, approve: true, password: SECOND.password })).toMatchObject({ ok: true });
      expect(await w.router.dispatch(anna, 'users.setRole', { username: 'support1', role: 'sales', ownerPassword: OWNER.password, approvalId: id })).toMatchObject({ ok: true });
      // A real alert: the manager deletes more than 20 customers in a day (deletes.many).
      const ids = seedCustomers(w, 21, w.userIds.owner);
      for (const cid of ids) expect(await w.router.dispatch(w.caller('manager'), 'customers.delete', { id: cid })).toMatchObject({ ok: true });
      expect(alertRows(w).map((a) => [a.rule, a.userId])).toEqual([['deletes.many', w.userIds.manager]]);

      const review = await w.router.dispatch(anna, 'users.accessReview', { periodDays: 30 });
      expect(review.ok).toBe(true);
      const users = (review as { ok: true; value: { users: { username: string; alerts: number; approvalsRequested: number; approvalsGiven: number }[] } }).value.users;
      const of = (username: string) => users.find((u) => u.username === username)!;
      expect(of(OWNER.username)).toMatchObject({ approvalsRequested: 1, approvalsGiven: 0, alerts: 0 });
      expect(of(SECOND.username)).toMatchObject({ approvalsRequested: 0, approvalsGiven: 1, alerts: 0 });
      expect(of('manager1')).toMatchObject({ alerts: 1, approvalsRequested: 0, approvalsGiven: 0 });
    } finally {
      w.core.close();
    }
  });

  it("a lone owner's own go-ahead is counted as 'no second person' for that owner (the review is the report that names it)", { timeout: 180_000 }, async () => {
    const w = await accessWorld({ fastDisk: true });
    try {
      const anna = w.caller('owner');
      // Only one owner: a role change may be approved by owners only, so nobody else is eligible.
      const asked = await w.router.dispatch(anna, 'approvals.request', { operation: 'users.setRole', input: { username: 'support1', role: 'sales' }, reason: 'moves to the sales desk', confirmSummary: 'support1', password: OWNER.password });
      expect(asked).toMatchObject({ ok: true, value: { noSecondPerson: true } });
      const review = await w.router.dispatch(anna, 'users.accessReview', { periodDays: 30 });
      const users = (review as { ok: true; value: { users: { username: string; approvalsRequested: number; approvalsNoSecondPerson: number }[] } }).value.users;
      expect(users.find((u) => u.username === OWNER.username)).toMatchObject({ approvalsRequested: 1, approvalsNoSecondPerson: 1 });
      expect(users.filter((u) => u.username !== OWNER.username).every((u) => u.approvalsNoSecondPerson === 0)).toBe(true);
    } finally {
      w.core.close();
    }
  });
});
