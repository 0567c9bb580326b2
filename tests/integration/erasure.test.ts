import { expect, it } from 'vitest';
import { REDACTED, type EraseResult, type LookupCustomer, type Mention, type PrivacyLogEntry } from '../../shared/erasure';
import { eraseCustomer } from '../../electron/core/privacy/erasure';
import { describeKeychain } from '../support/keyring';
import { erasureWorld, everyText, ownerApproves, PERSON, type ErasureWorld } from './erasure-helpers';
import { verifiedRequest } from './request-steps-helpers';
import { OWNER } from './vault-helpers';

/** Issue 16, erasure and anonymisation, through the router with a real vault and keychain. */
type Lookup = { customers: LookupCustomer[]; mentions: Mention[]; truncated: boolean };

const traces = [PERSON.name, PERSON.mobile, PERSON.email.toLowerCase(), PERSON.wechat, '138 0013 8000', '138-0013-8000'];
const leftIn = (text: string) => traces.filter((t) => text.toLowerCase().includes(t.toLowerCase()));
const auditText = (e: ErasureWorld) => JSON.stringify(e.w.core.vault.db().prepare('SELECT * FROM audit_log').all());

describeKeychain('erasure and anonymisation', () => {
  it('lookup by phone lists the customer and every free-text mention before acting; masked for a manager; refused to sales, support, auditor; audited without the typed text', async () => {
    const e = await erasureWorld();
    const owner = await e.value<Lookup>('owner', 'privacy.lookup', { query: '138 0013 8000' });
    expect(owner.customers).toEqual([expect.objectContaining({ id: e.id, name: PERSON.name, mobile: PERSON.mobile, interactions: 1, purchases: 1, reminders: 1, inRecycleBin: false, legalHold: false })]);
    expect(owner.mentions.map((m) => m.place).sort()).toEqual(['customer.notes', 'customer.notes', 'interaction.summary', 'purchase.note', 'reminder.note']);
    expect(owner.mentions.find((m) => m.customerId === e.other)?.context).toContain('138 0013 8000');
    // By e-mail (any case) and by name the same person.
    expect((await e.value<Lookup>('owner', 'privacy.lookup', { query: 'li.na@EXAMPLE.com' })).customers.map((c) => c.id)).toEqual([e.id]);
    expect((await e.value<Lookup>('owner', 'privacy.lookup', { query: PERSON.name })).customers.map((c) => c.id)).toEqual([e.id]);

    const manager = await e.call('manager', 'privacy.lookup', { query: '13800138000' });
    expect(manager.ok).toBe(true);
    const managerView = manager.ok ? (manager.value as Lookup) : null;
    expect(managerView?.mentions.length).toBe(5);
    for (const role of ['sales', 'support', 'auditor'] as const) expect(await e.call(role, 'privacy.lookup', { query: '13800138000' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await e.call('owner', 'privacy.lookup', { query: 'x' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });

    const rows = e.w.core.vault.db().prepare("SELECT username, customer_ids AS ids, reason FROM audit_log WHERE action = 'privacy.lookup'").all() as { username: string; ids: string; reason: string | null }[];
    expect(rows.map((r) => r.username)).toEqual(['anna', 'anna', 'anna', 'manager1']);
    expect(leftIn(auditText(e))).toEqual([]);
    e.w.core.close();
    // Several approvals and whole-vault checks on a real vault: more than the default bound on a busy machine.
  }, 60_000);

  it('anonymise with approval: pseudonym, contacts gone, mentions redacted, purchases kept; the check passes; search no longer finds the phone; the audit chain verifies and holds no personal data', async () => {
    const e = await erasureWorld();
    const input = { customerId: e.id, mode: 'anonymise' as const, requestId: await verifiedRequest(e.w, 'deletion', [e.id]) };
    expect(await e.call('owner', 'privacy.erase', input)).toMatchObject({ ok: false, error: { code: 'APPROVAL_REQUIRED', fields: { operation: 'privacy.erase', confirm: String(e.id) } } });
    expect(await e.call('owner', 'privacy.erase', { ...input, mode: 'shred' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await e.call('sales', 'privacy.erase', input)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(leftIn(everyText(e, 'customers'))).toEqual(traces.slice(0, 5)); // nothing changed by the refusals

    // Before: the search finds the person by phone and by name (so the "after" below can fail).
    expect((await e.value<unknown[]>('owner', 'customers.search', { query: '13800138000' })).length).toBeGreaterThan(0);
    expect((await e.value<unknown[]>('owner', 'customers.search', { query: PERSON.name })).length).toBeGreaterThan(0);
    const approvalId = await ownerApproves(e, input);
    const result = await e.value<EraseResult>('owner', 'privacy.erase', { ...input, approvalId });
    expect(result.check).toMatchObject({ passed: true, hits: {} });
    expect(result.check.scannedColumns).toBeGreaterThan(50);
    expect(result.pseudonym).toBe(`已匿名 Anonymised #${e.id}`);
    expect(result.touched).toMatchObject({ customers: 2, interactions: 1, purchases: 1, reminders: 1, customer_tags: 1 });

    const db = e.w.core.vault.db();
    expect(db.prepare('SELECT name, mobile, email, wechat, city, address_detail AS a, company, notes FROM customers WHERE id = ?').get(e.id)).toEqual({
      name: result.pseudonym, mobile: null, email: null, wechat: null, city: null, a: null, company: null, notes: `老客户，${REDACTED}喜欢龙井`,
    });
    expect(db.prepare('SELECT amount_minor AS amount, date, note FROM purchases WHERE customer_id = ?').all(e.id)).toEqual([{ amount: 12800, date: '2026-11-20', note: `${REDACTED} paid cash` }]);
    expect(db.prepare('SELECT notes FROM customers WHERE id = ?').get(e.other)).toEqual({ notes: `${REDACTED} (${REDACTED}) 介绍来的` });
    expect(leftIn(everyText(e))).toEqual([]);

    // Search: neither the phone nor the name finds anyone now.
    for (const query of ['13800138000', PERSON.name, 'lina']) {
      expect(await e.value<unknown[]>('owner', 'customers.search', { query }), query).toEqual([]);
    }
    // The privacy log: masked identity, what was touched, who, the approval, the check.
    const log = await e.value<{ entries: PrivacyLogEntry[] }>('owner', 'privacy.log', { limit: 10 });
    expect(log.entries).toEqual([
      expect.objectContaining({ requestId: input.requestId, customerId: e.id, mode: 'anonymise', trigger: 'manual', maskedName: '李*', maskedPhone: '138****8000', maskedEmail: expect.stringMatching(/^l\*+@/i), actor: 'anna', approvalId, check: result.check }),
    ]);
    expect(await e.value('auditor', 'privacy.log', { limit: 10 })).toMatchObject({ entries: [{ id: log.entries[0]!.id }] });
    expect(await e.call('manager', 'privacy.log', { limit: 10 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(leftIn(JSON.stringify(db.prepare('SELECT * FROM privacy_log').all()))).toEqual([]);

    // The real audit verify, and no audit row's text holds the name, phone or e-mail.
    expect(await e.value('owner', 'audit.verify', {})).toMatchObject({ ok: true });
    expect(leftIn(auditText(e))).toEqual([]);
    // The erasure's row is written as it commits (its check still running on the worker); the check's own row follows.
    expect(db.prepare("SELECT reason, fields FROM audit_log WHERE action = 'privacy.erase'").all()).toEqual([
      { reason: expect.stringMatching(/^anonymise manual log \d+ check running$/), fields: expect.stringContaining('interactions') },
    ]);
    expect(db.prepare("SELECT reason FROM audit_log WHERE action = 'privacy.check'").all()).toEqual([{ reason: expect.stringMatching(/^log \d+ check passed$/) }]);
    // The approval ran once.
    expect(await e.call('owner', 'privacy.erase', { ...input, approvalId })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    e.w.core.close();
    // Several approvals and whole-vault checks on a real vault: more than the default bound on a busy machine.
  }, 60_000);

  it('delete: a manager asks, an owner approves, the customer and the personal data of related rows are gone; under a legal hold the purchases stay, amounts and dates only', async () => {
    const e = await erasureWorld();
    const db = e.w.core.vault.db();
    // A second person to erase, held: the owner sets the hold (the manager may not).
    const held = e.w.core.customers.create(e.w.core.sessions.current('owner')!, { name: '赵敏', mobile: '13700001111' }).id;
    await e.value('owner', 'purchases.add', { customerId: held, date: '2026-10-01', item: 'Pu-erh cake', amountMinor: 45600, currency: 'CNY', note: '赵敏 invoice' });
    expect(await e.call('manager', 'privacy.setHold', { customerId: held, hold: true })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await e.value('owner', 'privacy.setHold', { customerId: held, hold: true })).toEqual({ hold: true });

    for (const [customerId, label] of [[e.id, 'plain'], [held, 'held']] as const) {
      const input = { customerId, mode: 'delete' as const };
      // A manager's grant is 'approval': always asked, and only an owner may approve.
      expect(await e.call('manager', 'privacy.erase', input), label).toMatchObject({ ok: false, error: { code: 'APPROVAL_REQUIRED' } });
      const req = await e.value<{ id: number }>('manager', 'approvals.request', { operation: 'privacy.erase', input, reason: 'deletion request by phone' });
      await e.value('owner', 'approvals.decide', { id: req.id, approve: true, password: OWNER.password });
      const result = await e.value<EraseResult>('manager', 'privacy.erase', { ...input, approvalId: req.id });
      expect(result.check.passed, label).toBe(true);
    }
    expect(db.prepare('SELECT count(*) AS n FROM customers WHERE id = ?').get(e.id)).toEqual({ n: 0 });
    for (const table of ['interactions', 'purchases', 'reminders', 'customer_tags', 'customer_keys', 'customer_pinyin']) {
      expect(db.prepare(`SELECT count(*) AS n FROM ${table} WHERE customer_id = ?`).get(e.id), table).toEqual({ n: 0 });
    }
    expect(db.prepare('SELECT amount_minor AS amount, date, note FROM purchases WHERE customer_id = ?').all(held)).toEqual([{ amount: 45600, date: '2026-10-01', note: null }]);
    expect(db.prepare('SELECT name, mobile, deleted_at IS NOT NULL AS gone FROM customers WHERE id = ?').get(held)).toEqual({ name: `已匿名 Anonymised #${held}`, mobile: null, gone: 1 });
    expect(leftIn(everyText(e))).toEqual([]);
    expect(everyText(e)).not.toContain('赵敏');
    const log = await e.value<{ entries: PrivacyLogEntry[] }>('owner', 'privacy.log', { limit: 10 });
    expect(log.entries.map((l) => [l.maskedName, l.mode, l.actor, l.pseudonym !== null])).toEqual([['赵*', 'delete', 'manager1', true], ['李*', 'delete', 'manager1', false]]);
    expect(await e.value('owner', 'audit.verify', {})).toMatchObject({ ok: true });
    // Neither bin shows the held remainder, and it cannot be restored into a person again.
    expect(await e.value('owner', 'recycleBin.list', {})).toMatchObject({ items: [] });
    expect(await e.value('owner', 'customers.deleted', {})).toEqual([]);
    expect(await e.call('owner', 'customers.restore', { id: held })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    e.w.core.close();
    // Several approvals and whole-vault checks on a real vault: more than the default bound on a busy machine.
  }, 60_000);

  it('eraseCustomer needs no session (the ledger re-applies after a restore) and is idempotent; a BEFORE_ERASE hook that throws aborts everything', async () => {
    const e = await erasureWorld();
    const db = e.w.core.vault.db();
    const { BEFORE_ERASE } = await import('../../electron/core/privacy/erasure-hooks');
    const seen: string[] = [];
    BEFORE_ERASE.push((_db, subject) => {
      seen.push(`${subject.customerId} ${subject.mode}`);
      if (subject.mode === 'delete') throw new Error('ledger unavailable');
    });
    try {
      expect(() => eraseCustomer(db, e.id, 'delete', { trigger: 'reapply' })).toThrow('ledger unavailable');
      expect(leftIn(everyText(e, 'customers'))).toEqual(traces.slice(0, 5));
      expect(db.prepare('SELECT count(*) AS n FROM privacy_log').get()).toEqual({ n: 0 });
      const first = eraseCustomer(db, e.id, 'anonymise', { trigger: 'reapply' });
      expect(first?.check.passed).toBe(true);
      expect(eraseCustomer(db, e.id, 'anonymise', { trigger: 'reapply' })).toBeNull();
      expect(seen).toEqual([`${e.id} delete`, `${e.id} anonymise`]);
      expect(db.prepare("SELECT trigger, actor_id AS actor FROM privacy_log").all()).toEqual([{ trigger: 'reapply', actor: null }]);
      expect(db.prepare("SELECT username, reason FROM audit_log WHERE action = 'privacy.erase'").all()).toEqual([{ username: null, reason: expect.stringContaining('anonymise reapply') }]);
    } finally {
      BEFORE_ERASE.pop();
    }
    e.w.core.close();
    // Several approvals and whole-vault checks on a real vault: more than the default bound on a busy machine.
  }, 60_000);

  it('the recycle bin: listed with its purge date, held items stay, "empty" purges for real (same privacy-log record), and items over 30 days go automatically at unlock', async () => {
    let t = Date.parse('2026-11-25T09:00:00Z');
    const e = await erasureWorld({ now: () => t });
    const db = e.w.core.vault.db();
    const owner = e.w.core.sessions.current('owner')!;
    const keep = e.w.core.customers.create(owner, { name: '孙丽', mobile: '13600002222' }).id;
    for (const id of [e.id, keep, e.other]) await e.value('owner', 'customers.delete', { id });
    await e.value('owner', 'privacy.setHold', { customerId: keep, hold: true });
    const bin = await e.value<{ items: { id: number; legalHold: boolean; purgeAfter: string | null }[]; days: number }>('owner', 'recycleBin.list', {});
    expect(bin.days).toBe(30);
    expect(bin.items.find((i) => i.id === keep)).toMatchObject({ legalHold: true, purgeAfter: null });
    expect(bin.items.find((i) => i.id === e.id)?.purgeAfter).toBe('2026-12-25T09:00:00.000Z');
    expect(await e.call('manager', 'recycleBin.empty', { expectCount: 2 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await e.call('owner', 'recycleBin.empty', { expectCount: 3 })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    // Automatic: not yet (29 days), then at unlock after 31 days the two unheld ones are purged.
    t += 29 * 86_400_000;
    expect(await e.w.core.purgeRecycleBin()).toBe(0);
    expect(db.prepare('SELECT count(*) AS n FROM customers WHERE deleted_at IS NOT NULL').get()).toEqual({ n: 3 });
    t += 2 * 86_400_000;
    // Lock, then open again from the keychain: the purge runs as the vault opens.
    e.w.core.vault.lock();
    await e.w.core.retryKeychain();
    expect(e.w.core.vault.state()).toBe('unlocked');
    // The purge runs right after the open has answered (a timer of 0), not inside it; this joins
    // that run (or starts it), and resolves once its checks have answered from the worker.
    await new Promise((resolve) => setTimeout(resolve, 0));
    await e.w.core.purgeRecycleBin();
    const live = e.w.core.vault.db();
    expect(live.prepare('SELECT id FROM customers WHERE deleted_at IS NOT NULL').all()).toEqual([{ id: keep }]);
    expect(live.prepare("SELECT trigger, mode, actor_id AS actor, check_passed AS passed FROM privacy_log ORDER BY id").all()).toEqual([
      { trigger: 'auto-purge', mode: 'delete', actor: null, passed: 1 },
      { trigger: 'auto-purge', mode: 'delete', actor: null, passed: 1 },
    ]);
    expect(leftIn(everyText(e))).toEqual([]);
    expect(live.prepare("SELECT username, reason FROM audit_log WHERE action = 'privacy.purge'").all()).toEqual([{ username: null, reason: 'auto 2' }]);

    // Manual: lift the hold, then empty the bin with the count the owner saw.
    const session = e.w.core.sessions.current('owner');
    if (!session) await e.value('owner', 'session.login', { username: OWNER.username, password: OWNER.password });
    else if (session.locked) await e.value('owner', 'session.unlock', { password: OWNER.password });
    await e.value('owner', 'privacy.setHold', { customerId: keep, hold: false });
    expect(await e.value('owner', 'recycleBin.empty', { expectCount: 1 })).toMatchObject({ purged: 1, held: 0 });
    expect(live.prepare('SELECT count(*) AS n FROM customers WHERE id = ?').get(keep)).toEqual({ n: 0 });
    expect(live.prepare("SELECT trigger, masked_name AS name FROM privacy_log ORDER BY id DESC LIMIT 1").get()).toEqual({ trigger: 'purge', name: '孙*' });
    expect(await e.value('owner', 'audit.verify', {})).toMatchObject({ ok: true });
    e.w.core.close();
    // Several approvals and whole-vault checks on a real vault: more than the default bound on a busy machine.
  }, 60_000);

  it('secure_delete is on for the vault connection (SQLCipher keeps it) and after a lock and unlock', async () => {
    const e = await erasureWorld();
    expect(e.w.core.vault.db().pragma('secure_delete', { simple: true })).toBe(1);
    e.w.core.vault.lock();
    await e.w.core.retryKeychain();
    expect(e.w.core.vault.db().pragma('secure_delete', { simple: true })).toBe(1);
    e.w.core.close();
    // Several approvals and whole-vault checks on a real vault: more than the default bound on a busy machine.
  }, 60_000);
});
