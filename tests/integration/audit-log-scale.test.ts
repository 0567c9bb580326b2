import { afterEach, expect, it } from 'vitest';
import { appendAudit, rowHash, verifyAudit, type AuditEntry } from '../../electron/core/audit/audit-log';
import type { ChannelOutput } from '../../shared/contract';
import { describeKeychain } from '../support/keyring';
import { accessWorld, type AccessWorld } from './access-helpers';

type Row = ChannelOutput<'audit.query'>[number];
let world: AccessWorld | undefined;
afterEach(() => world?.core.close());

const ACTIONS = ['customer.read', 'customer.update', 'login', 'customer.list', 'backup.run'] as const;

/** `n` more rows by the seeded users, in one transaction, at the world's present (times stay in order). */
function addRows(w: AccessWorld, n: number, at: number): void {
  const db = w.core.vault.db();
  const people = [
    { userId: w.userIds.sales, username: 'sales1', role: 'sales' },
    { userId: w.userIds.manager, username: 'manager1', role: 'manager' },
  ];
  db.transaction(() => {
    for (let i = 0; i < n; i += 1) {
      const action = ACTIONS[i % ACTIONS.length]!;
      const entry: AuditEntry = { actor: people[i % 2]!, action, entity: 'customer', recordId: String((i % 3) + 1), outcome: 'ok', ...(action === 'customer.list' ? { customerIds: [1, 2, 3] } : {}) };
      appendAudit(db, entry, new Date(at));
    }
  })();
}

async function bigWorld(rows: number) {
  let t = Date.now();
  const w = await accessWorld({ now: () => t });
  world = w;
  // A second on, not the 50 minutes a row a second would take: the sessions would lock for idleness.
  t += 1000;
  addRows(w, rows, t);
  const call = async <T>(channel: string, input: unknown): Promise<T> => {
    const result = await w.router.dispatch(w.caller('owner'), channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code}`);
    return result.value as T;
  };
  return { w, call, now: () => t };
}

/** Pages back with beforeId until a short page, as the audit page's "load older" does. */
async function pageAll(call: <T>(channel: string, input: unknown) => Promise<T>, input: Record<string, unknown>): Promise<Row[]> {
  const all: Row[] = [];
  for (;;) {
    const page = await call<Row[]>('audit.query', { limit: 500, ...input, ...(all.length ? { beforeId: all[all.length - 1]!.id } : {}) });
    all.push(...page);
    if (page.length < 500) return all;
  }
}

function tamper(w: AccessWorld, id: number, recompute: boolean): void {
  const db = w.core.vault.db();
  db.exec('DROP TRIGGER IF EXISTS audit_log_no_update');
  db.prepare("UPDATE audit_log SET reason = 'rewritten' WHERE id = ?").run(id);
  if (!recompute) return;
  // A careful attacker: every hash from the row on recomputed, and the head moved with them.
  const rows = db.prepare('SELECT id, at, user_id AS userId, username, role, action, entity, record_id AS recordId, outcome, fields, reason, customer_ids AS customerIds, prev_hash AS prevHash FROM audit_log WHERE id >= ? ORDER BY id').all(id) as Parameters<typeof rowHash>[1][] & { prevHash: string }[];
  let prev = (rows[0] as unknown as { prevHash: string }).prevHash;
  for (const row of rows) {
    const hash = rowHash(prev, row);
    db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?').run(prev, hash, row.id);
    prev = hash;
  }
  db.prepare("UPDATE meta SET value = ? WHERE key = 'audit.head'").run(`${(rows[rows.length - 1] as { id: number }).id}:${prev}`);
}

const chainPart = (v: { ok: boolean; rows: number; firstBrokenId?: number | null; problem?: string | null }) => ({ ok: v.ok, rows: v.rows, firstBrokenId: v.firstBrokenId ?? null, problem: v.problem ?? null });

describeKeychain('the audit log at scale: paging back, verify from the checkpoint and in full', () => {
  it('pages back through a log of 3,000 rows, every row exactly once, unfiltered and filtered', async () => {
    const { w, call } = await bigWorld(3000);
    const db = w.core.vault.db();
    const last = (db.prepare('SELECT max(id) AS id FROM audit_log').get() as { id: number }).id;
    const rows = await pageAll(call, {});
    expect(rows.map((r) => r.id)).toEqual(Array.from({ length: last }, (_, i) => last - i));

    // Filtered the same way SQL alone would filter, row for row (the plans are pinned in tests/unit/audit/audit-filter-plans.test.ts).
    const expected = (db.prepare("SELECT id FROM audit_log WHERE username = 'sales1' AND action NOT IN ('customer.read', 'customer.list') AND id <= ? ORDER BY id DESC").all(last) as { id: number }[]).map((r) => r.id);
    const filtered = (await pageAll(call, { username: 'SALES1', hideReads: true })).filter((r) => r.id <= last);
    expect(filtered.map((r) => r.id)).toEqual(expected);
    expect(expected.length).toBeGreaterThan(500);
    // A customer's rows: those naming it (the lists that returned it are audit.customersSeen's question).
    const aboutTwo = (db.prepare("SELECT id FROM audit_log WHERE entity = 'customer' AND record_id = '2' AND id <= ? ORDER BY id DESC").all(last) as { id: number }[]).map((r) => r.id);
    expect(aboutTwo.length).toBeGreaterThan(500);
    expect((await pageAll(call, { customerId: 2 })).filter((r) => r.id <= last).map((r) => r.id)).toEqual(aboutTwo);
  }, 300_000);

  it('re-verifies only the rows added since the last clean verify; a tamper after it is found, as the full walk names it', async () => {
    const { w, call, now } = await bigWorld(3000);
    const db = w.core.vault.db();
    const first = await call<ChannelOutput<'audit.verify'>>('audit.verify', { scope: 'new' });
    expect(first).toMatchObject({ ok: true, scope: 'full' }); // no checkpoint yet
    addRows(w, 1000, now());
    // Each verify then appends its own row: the old function is asked about the same rows first.
    const old = verifyAudit(db);
    const again = await call<ChannelOutput<'audit.verify'>>('audit.verify', { scope: 'new' });
    expect(again).toMatchObject({ ok: true, scope: 'new', rows: old.rows });

    // Past the checkpoint the last verify left: rows added after it, one of them edited.
    addRows(w, 500, now());
    const target = (db.prepare('SELECT max(id) AS id FROM audit_log').get() as { id: number }).id - 200;
    tamper(w, target, false);
    const caught = await call<ChannelOutput<'audit.verify'>>('audit.verify', { scope: 'new' });
    expect(caught).toMatchObject({ ok: false, scope: 'full', firstBrokenId: target, problem: 'edited' });
    // The verdict is the old function's, field for field.
    expect(chainPart(caught)).toEqual(chainPart(verifyAudit(db)));
  }, 300_000);

  it('a tamper before the checkpoint: the quick check does not walk there, the full verify finds it; a rewritten tail fails the checkpoint itself', async () => {
    const { w, call } = await bigWorld(3000);
    const db = w.core.vault.db();
    expect(await call('audit.verify', { scope: 'full' })).toMatchObject({ ok: true, scope: 'full' });
    tamper(w, 1500, false);
    // Documented limit: the quick check trusts the rows it verified before (README / audit-checkpoint.ts).
    expect(await call('audit.verify', { scope: 'new' })).toMatchObject({ ok: true, scope: 'new' });
    const full = await call<ChannelOutput<'audit.verify'>>('audit.verify', { scope: 'full' });
    expect(full).toMatchObject({ ok: false, scope: 'full', firstBrokenId: 1500, problem: 'edited' });
    expect(chainPart(full)).toEqual(chainPart(verifyAudit(db)));
    // Without a scope: the full walk, as before issue 18.
    expect(await call('audit.verify', {})).toMatchObject({ ok: false, scope: 'full', firstBrokenId: 1500 });
  }, 300_000);

  it('a tail rewritten with every hash recomputed through the checkpoint fails the checkpoint, and the full walk runs', async () => {
    const { w, call } = await bigWorld(2000);
    const db = w.core.vault.db();
    expect(await call('audit.verify', { scope: 'full' })).toMatchObject({ ok: true });
    tamper(w, 1000, true);
    // The whole tail and head rewritten hold together on their own (the backups' anchors catch
    // that); what matters here is that the moved checkpoint sends the check back to row 1.
    const old = verifyAudit(db);
    const verdict = await call<ChannelOutput<'audit.verify'>>('audit.verify', { scope: 'new' });
    expect(verdict.scope).toBe('full');
    expect(chainPart(verdict)).toEqual(chainPart(old));
  }, 300_000);

  it('answers other calls while a full verify runs on the worker, and reports its progress', async () => {
    const { w, call } = await bigWorld(3000);
    const order: string[] = [];
    const verify = call('audit.verify', { scope: 'full' }).then(() => order.push('verify'));
    const status = w.router.dispatch(w.caller('sales'), 'customers.list', { limit: 5 }).then((r) => order.push(r.ok ? 'list' : 'list failed'));
    const progress = await call<{ percent: number } | null>('audit.verifyProgress', {});
    expect(progress === null || (progress.percent >= 0 && progress.percent < 100)).toBe(true);
    await Promise.all([verify, status]);
    expect(order).toEqual(['list', 'verify']);
    expect(await call('audit.verifyProgress', {})).toBeNull();
  }, 300_000);
});
