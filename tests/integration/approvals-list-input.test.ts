import { expect, it } from 'vitest';
import type { ApprovalItem } from '../../shared/approvals';
import { canonicalJson, payloadHash, payloadOf } from '../../electron/core/approvals/canonical';
import { hashPassword } from '../../electron/core/users/password-hash';
import { insertUser } from '../../electron/core/users/user-repository';
import { describeKeychain } from '../support/keyring';
import { accessWorld } from './access-helpers';
import { OWNER } from './vault-helpers';

/** approvals.list 'mine' carries the stored, secret-free input, so Run works after a restart. */
const SECOND = { username: 'second', password: 'Harbor lantern 42' };
const NEW_PASSWORD = 'Quiet river 77 stones';

describeKeychain('approvals.list: the requester sees the approved input (never a secret)', () => {
  it('mine carries the input whose hash is the stored one; the inbox does not; Run with it + the password works', { timeout: 180_000 }, async () => {
    const w = await accessWorld({ fastDisk: true });
    try {
      insertUser(w.core.vault.db(), { username: SECOND.username, displayName: 'Second Owner', role: 'owner', passwordHash: await hashPassword(SECOND.password) });
      const second = { senderId: 'second-owner' };
      expect(await w.router.dispatch(second, 'session.login', SECOND)).toMatchObject({ ok: true });
      const anna = w.caller('owner');
      const create = { username: 'newmanager', displayName: 'New Manager', role: 'manager', password: NEW_PASSWORD, ownerPassword: OWNER.password };
      expect(await w.router.dispatch(anna, 'users.create', create)).toMatchObject({ ok: false, error: { code: 'APPROVAL_REQUIRED' } });
      const asked = await w.router.dispatch(anna, 'approvals.request', { operation: 'users.create', input: { username: 'newmanager', displayName: 'New Manager', role: 'manager', password: NEW_PASSWORD }, reason: 'runs the second shop' });
      expect(asked).toMatchObject({ ok: true, value: { state: 'pending' } });
      const id = (asked as { value: { id: number } }).value.id;
      expect(await w.router.dispatch(second, 'approvals.decide', { id, approve: true, password: SECOND.password })).toMatchObject({ ok: true });

      const list = async (who: { senderId: string }, view: string) => ((await w.router.dispatch(who, 'approvals.list', { view })) as { ok: true; value: { items: ApprovalItem[] } }).value.items;
      const mine = (await list(anna, 'mine')).find((i) => i.id === id)!;
      expect(mine.input).toEqual({ username: 'newmanager', displayName: 'New Manager', role: 'manager' });
      const stored = (w.core.vault.db().prepare('SELECT payload_hash AS h FROM approvals WHERE id = ?').get(id) as { h: string }).h;
      expect(payloadHash(canonicalJson(payloadOf(mine.input!)))).toBe(stored);
      // Others' views never carry it; no item anywhere carries a password or a hash.
      for (const item of [...(await list(second, 'all')), ...(await list(anna, 'all'))]) if (item.requester.id !== w.userIds.owner) expect(item.input).toBeUndefined();
      expect((await list(second, 'all')).every((i) => i.input === undefined)).toBe(true);
      const everything = JSON.stringify([await list(anna, 'mine'), await list(anna, 'all'), await list(second, 'all')]);
      expect(everything).not.toContain(NEW_PASSWORD);
      expect(everything).not.toContain(OWNER.password);
      expect(everything).not.toContain(stored);
      expect(everything).not.toMatch(/\$argon2|\$scrypt|passwordHash|payloadHash/i);
      // Run, as the renderer does after a restart: the listed input + the password typed again.
      expect(await w.router.dispatch(anna, 'users.create', { ...mine.input, password: NEW_PASSWORD, ownerPassword: OWNER.password, approvalId: id })).toMatchObject({ ok: true });
    } finally {
      w.core.close();
    }
  });
});
