import { expect, it } from 'vitest';
import { describeKeychain } from '../support/keyring';
import { accessWorld, PASSWORD } from './access-helpers';

/** Issue 15, staff side: the shop's data rules, versioned, accepted per user before customer work. */
type World = Awaited<ReturnType<typeof accessWorld>>;

const RULES_V1 = '客户资料只在本店使用，不得拍照、抄写或发给任何人。';
const RULES_V2 = `${RULES_V1}\n离职时交回所有客户资料。`;

const auditRows = (world: World, action: string) =>
  world.core.vault.db().prepare('SELECT username, outcome, record_id AS recordId, reason FROM audit_log WHERE action = ? ORDER BY id').all(action) as {
    username: string;
    outcome: string;
    recordId: string | null;
    reason: string | null;
  }[];

async function call(world: World, role: Parameters<World['caller']>[0], channel: string, input: unknown) {
  return world.router.dispatch(world.caller(role), channel, input);
}

describeKeychain('the shop data rules', () => {
  it('no rules: nothing is blocked and nobody is asked to accept', async () => {
    const world = await accessWorld();
    expect(await call(world, 'sales', 'customers.list', { limit: 10 })).toMatchObject({ ok: true });
    expect(await call(world, 'sales', 'dataRules.current', {})).toEqual({ ok: true, value: { version: null, text: '', createdAt: null, acceptedAt: null } });
    expect(await call(world, 'sales', 'app.status', {})).toMatchObject({ ok: true, value: { mustAcceptDataRules: false } });
    expect(await call(world, 'sales', 'dataRules.accept', { version: 1 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    world.core.close();
  });

  it('rules set: sales is blocked with DATA_RULES_NOT_ACCEPTED until they accept; a new version blocks again; an old version is refused', async () => {
    const world = await accessWorld();
    // Only the owner writes the rules.
    expect(await call(world, 'sales', 'dataRules.set', { text: RULES_V1 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call(world, 'manager', 'dataRules.set', { text: RULES_V1 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call(world, 'owner', 'dataRules.set', { text: '   ' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await call(world, 'owner', 'dataRules.set', { text: RULES_V1 })).toEqual({ ok: true, value: { version: 1 } });

    // Every customer channel waits: list, record, search, reveal, reminders, dashboard, interactions.
    for (const [channel, input] of [
      ['customers.list', { limit: 10 }],
      ['customers.get', { id: 1 }],
      ['customers.search', { query: '王伟' }],
      ['customers.reveal', { id: 1, field: 'mobile', reason: 'calling back about an order' }],
      ['reminders.list', { range: 'all' }],
      ['dashboard.summary', { mine: true }],
      ['interactions.add', { customerId: 1, kind: 'call', at: '2026-11-20T10:00:00Z', summary: 'Asked about delivery' }],
    ] as const) {
      expect(await call(world, 'sales', channel, input), channel).toMatchObject({ ok: false, error: { code: 'DATA_RULES_NOT_ACCEPTED' } });
    }
    // Not customer data: one's own account still works, and status says what to do.
    expect(await call(world, 'sales', 'app.status', {})).toMatchObject({ ok: true, value: { mustAcceptDataRules: true } });
    expect(await call(world, 'sales', 'dataRules.current', {})).toMatchObject({ ok: true, value: { version: 1, text: RULES_V1, acceptedAt: null } });
    // The owner who wrote them is not blocked by their own text.
    expect(await call(world, 'owner', 'customers.list', { limit: 10 })).toMatchObject({ ok: true });
    expect(await call(world, 'owner', 'app.status', {})).toMatchObject({ ok: true, value: { mustAcceptDataRules: false } });
    // The manager is blocked too: acceptance is per user.
    expect(await call(world, 'manager', 'customers.list', { limit: 10 })).toMatchObject({ ok: false, error: { code: 'DATA_RULES_NOT_ACCEPTED' } });

    const accepted = await call(world, 'sales', 'dataRules.accept', { version: 1 });
    expect(accepted).toMatchObject({ ok: true, value: { version: 1 } });
    expect(await call(world, 'sales', 'customers.list', { limit: 10 })).toMatchObject({ ok: true });
    expect(await call(world, 'sales', 'app.status', {})).toMatchObject({ ok: true, value: { mustAcceptDataRules: false } });
    expect(await call(world, 'sales', 'dataRules.current', {})).toMatchObject({ ok: true, value: { version: 1, acceptedAt: (accepted.ok && (accepted.value as { acceptedAt: string }).acceptedAt) || 'x' } });

    // A new version: blocked again, and accepting the old one is refused (and audited as such).
    expect(await call(world, 'owner', 'dataRules.set', { text: RULES_V2 })).toEqual({ ok: true, value: { version: 2 } });
    expect(await call(world, 'sales', 'customers.list', { limit: 10 })).toMatchObject({ ok: false, error: { code: 'DATA_RULES_NOT_ACCEPTED' } });
    expect(await call(world, 'sales', 'dataRules.accept', { version: 1 })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await call(world, 'sales', 'customers.list', { limit: 10 })).toMatchObject({ ok: false, error: { code: 'DATA_RULES_NOT_ACCEPTED' } });
    expect(await call(world, 'sales', 'dataRules.accept', { version: 2 })).toMatchObject({ ok: true, value: { version: 2 } });
    expect(await call(world, 'sales', 'customers.list', { limit: 10 })).toMatchObject({ ok: true });

    // Audited: two versions written by the owner, sales accepted 1, was refused 1 after 2, accepted 2.
    expect(auditRows(world, 'dataRules.set')).toEqual([
      { username: 'anna', outcome: 'ok', recordId: '1', reason: null },
      { username: 'anna', outcome: 'ok', recordId: '2', reason: null },
    ]);
    expect(auditRows(world, 'dataRules.accept')).toEqual([
      { username: 'sales1', outcome: 'ok', recordId: '1', reason: null },
      { username: 'sales1', outcome: 'rejected', recordId: '1', reason: 'current 2' },
      { username: 'sales1', outcome: 'ok', recordId: '2', reason: null },
    ]);
    // The rules' text is never copied into the log.
    const dump = JSON.stringify(world.core.vault.db().prepare('SELECT * FROM audit_log').all());
    expect(dump).not.toContain('客户资料只在本店使用');

    // The owner sees who accepted which version.
    const list = await call(world, 'owner', 'dataRules.acceptances', {});
    expect(list).toMatchObject({ ok: true, value: { version: 2 } });
    const users = (list.ok ? (list.value as { users: { username: string; acceptedVersion: number | null }[] }).users : []).map((u) => [u.username, u.acceptedVersion]);
    expect(users).toEqual(expect.arrayContaining([['anna', 2], ['sales1', 2], ['manager1', null], ['support1', null]]));
    expect(await call(world, 'sales', 'dataRules.acceptances', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    world.core.close();
  });

  it('an acceptance survives signing out and in again', async () => {
    const world = await accessWorld();
    await call(world, 'owner', 'dataRules.set', { text: RULES_V1 });
    await call(world, 'sales', 'dataRules.accept', { version: 1 });
    await call(world, 'sales', 'session.logout', {});
    expect(await call(world, 'sales', 'session.login', { username: 'sales1', password: PASSWORD })).toMatchObject({ ok: true });
    expect(await call(world, 'sales', 'app.status', {})).toMatchObject({ ok: true, value: { mustAcceptDataRules: false } });
    expect(await call(world, 'sales', 'customers.list', { limit: 10 })).toMatchObject({ ok: true });
    world.core.close();
  });
});
