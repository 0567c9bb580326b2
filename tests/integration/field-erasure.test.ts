import { expect, it } from 'vitest';
import { DEFAULT_APPROVAL_POLICY } from '../../shared/approvals';
import type { ChannelOutput } from '../../shared/contract';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { MARKERS, accessWorld, type AccessWorld } from './access-helpers';
import { OWNER, approvalsOff } from './vault-helpers';

/**
 * Issue 16: erasing a switched-off field's stored values across all customers is a bulk erasure.
 * It needs approval like the others (typed row count), is written on the decision ledger first
 * (field name and time, no value), so a restore of an older backup erases the field again, and
 * the merge-undo snapshots lose the field too (as they lose a person when that person is erased).
 */
type Role = Parameters<AccessWorld['caller']>[0];
const call = (w: AccessWorld, role: Role, channel: string, input: unknown) => w.router.dispatch(w.caller(role), channel, input);
const value = async <T>(w: AccessWorld, role: Role, channel: string, input: unknown): Promise<T> => {
  const answer = await call(w, role, channel, input);
  if (!answer.ok) throw new Error(`${channel}: ${JSON.stringify(answer.error)}`);
  return answer.value as T;
};
const ERASE_PHONE = { field: 'phone', enabled: false, erase: { expectCount: 2 } } as const;
const phonesLeft = (w: AccessWorld) => (w.core.vault.db().prepare('SELECT count(*) AS n FROM customers WHERE phone IS NOT NULL').get() as { n: number }).n;
const snapshotsText = (w: AccessWorld) => JSON.stringify(w.core.vault.db().prepare('SELECT before FROM customer_merges').all());
const ledger = (w: AccessWorld) => w.core.vault.db().prepare('SELECT * FROM decision_ledger ORDER BY at').all() as Record<string, unknown>[];

describeKeychain('a field erasure is a bulk erasure: approval, the ledger, snapshots', () => {
  it('needs approval with the typed row count; a stale count is refused before anyone is asked; the approved erase runs once', async () => {
    const w = await accessWorld({ fastDisk: true });
    // Switching off and keeping the values, or switching on, is never gated.
    expect(await value(w, 'owner', 'settings.setField', { field: 'wechat', enabled: false })).toEqual({ field: 'wechat', enabled: false, erased: 0 });
    expect(await call(w, 'owner', 'settings.setField', { ...ERASE_PHONE, erase: { expectCount: 5 } })).toMatchObject({ ok: false, error: { code: 'CONFLICT', fields: { eraseExpectCount: '2' } } });
    expect(await call(w, 'owner', 'settings.setField', ERASE_PHONE)).toMatchObject({
      ok: false,
      error: { code: 'APPROVAL_REQUIRED', fields: { operation: 'settings.setField', rows: '2', confirm: '2', noSecondPerson: 'yes' } },
    });
    // The older ID/bank-card switch erases through the same gate.
    expect(await call(w, 'owner', 'settings.setCustomerFields', { optionalFields: false, eraseExisting: true })).toMatchObject({ ok: false, error: { code: 'APPROVAL_REQUIRED', fields: { operation: 'settings.setCustomerFields', rows: '2' } } });
    expect(phonesLeft(w)).toBe(2);
    expect(ledger(w)).toEqual([]);

    // A lone owner types the count back (and their password); no cooling-off here.
    await value(w, 'owner', 'approvals.setPolicy', { ...DEFAULT_APPROVAL_POLICY, coolingOffMinutes: 0 });
    expect(await call(w, 'owner', 'approvals.request', { operation: 'settings.setField', input: ERASE_PHONE, reason: 'we no longer call landlines', confirmSummary: '3', password: OWNER.password })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: { confirmSummary: 'mismatch' } },
    });
    const req = await value<{ id: number; state: string }>(w, 'owner', 'approvals.request', {
      operation: 'settings.setField',
      input: ERASE_PHONE,
      reason: 'we no longer call landlines',
      confirmSummary: '2',
      password: OWNER.password,
    });
    expect(req).toMatchObject({ state: 'approved' });
    // What the approver reads: the count and the field's name, never a value.
    const listed = await value<{ items: { id: number; summary: unknown }[] }>(w, 'owner', 'approvals.list', { view: 'mine' });
    expect(listed.items.find((i) => i.id === req.id)?.summary).toEqual({ rows: 2, field: 'phone' });
    // Approved for phone, not for e-mail.
    expect(await call(w, 'owner', 'settings.setField', { field: 'email', enabled: false, erase: { expectCount: 2 }, approvalId: req.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT', fields: { approval: 'payload_changed' } } });
    expect(await value(w, 'owner', 'settings.setField', { ...ERASE_PHONE, approvalId: req.id })).toEqual({ field: 'phone', enabled: false, erased: 2 });
    expect(phonesLeft(w)).toBe(0);
    expect(await call(w, 'owner', 'settings.setField', { ...ERASE_PHONE, erase: { expectCount: 0 }, approvalId: req.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    w.core.close();
  }, 60_000);

  it('is on the decision ledger before the values go: kind, field and time, no value, no customer; the side file carries it', async () => {
    const w = await accessWorld({ fastDisk: true });
    approvalsOff(w.core, w.core.sessions.current('owner')!);
    await value(w, 'owner', 'settings.setField', ERASE_PHONE);
    const entries = ledger(w);
    expect(entries).toEqual([expect.objectContaining({ kind: 'field.erase', field: 'phone', customer_id: null, mode: null, name_hmac: null, mobile_hmac: null, email_hmac: null, user_id: null })]);
    expect(JSON.stringify(entries)).not.toContain(MARKERS.phone.slice(-6));
    await w.core.ledger.settled();
    // A refused erase (stale count) writes no entry.
    await value(w, 'owner', 'settings.setField', { field: 'phone', enabled: true });
    expect(await call(w, 'owner', 'settings.setField', { field: 'email', enabled: false, erase: { expectCount: 9 } })).toMatchObject({ ok: false });
    expect(ledger(w)).toHaveLength(1);
    w.core.close();
  }, 60_000);

  it('a restore of a backup from before the erasure erases the field again: records, search, merge snapshots; the field is off', async () => {
    const folder = tempDir('coffer-backups-');
    const w = await accessWorld({ pickFolder: async () => folder, fastDisk: true });
    approvalsOff(w.core, w.core.sessions.current('owner')!);
    await value(w, 'owner', 'settings.chooseBackupFolder', {});
    const owner = w.core.sessions.current('owner')!;
    const a = w.core.customers.create(owner, { name: '周杰', phone: '02166667777' }).id;
    const b = w.core.customers.create(owner, { name: '周杰 (dup)', phone: '02188889999' }).id;
    await value(w, 'owner', 'customers.merge', { survivorId: a, ids: [a, b], fields: {} });
    expect(snapshotsText(w)).toContain('02188889999');
    const run = await value<{ fileName: string }>(w, 'owner', 'backup.run', {});

    await value(w, 'owner', 'settings.setField', { field: 'phone', enabled: false, erase: { expectCount: 4 } });
    expect(snapshotsText(w)).not.toContain('0218888');
    await w.core.ledger.settled();

    const done = await value<ChannelOutput<'backup.restore'>>(w, 'owner', 'backup.restore', { fileName: run.fileName, password: OWNER.password });
    expect(done.ledger).toMatchObject({ reapplied: 1, heldBack: 0, sideFile: 'ok' });
    const db = w.core.vault.db();
    expect(phonesLeft(w)).toBe(0);
    expect(snapshotsText(w)).not.toContain('0218888');
    expect(snapshotsText(w)).not.toContain('0216666');
    expect(db.prepare("SELECT count(*) AS n FROM customer_search WHERE phone LIKE '%02166667777%' OR phone LIKE '%' || ? || '%'").get(MARKERS.phone)).toEqual({ n: 0 });
    expect(db.prepare("SELECT enabled FROM customer_field_settings WHERE field = 'phone'").pluck().get()).toBe(0);
    expect(db.prepare("SELECT reason FROM audit_log WHERE action = 'ledger.reapply' ORDER BY id DESC LIMIT 1").pluck().get()).toMatch(/^1 re-applied/);
    w.core.close();
  }, 120_000);
});

describeKeychain('merge-undo snapshots follow an erasure', () => {
  async function merged() {
    const w = await accessWorld({ fastDisk: true });
    approvalsOff(w.core, w.core.sessions.current('owner')!);
    const owner = w.core.sessions.current('owner')!;
    const a = w.core.customers.create(owner, { name: '吴敏', mobile: '13722223333', email: 'wumin@example.com', notes: '她的旧号码 13755556666' }).id;
    const b = w.core.customers.create(owner, { name: '吴敏', mobile: '13755556666', email: 'wumin.old@example.com' }).id;
    const { mergeId } = await value<{ mergeId: string }>(w, 'owner', 'customers.merge', { survivorId: a, ids: [a, b], fields: {} });
    expect(snapshotsText(w)).toContain('13755556666');
    return { w, a, b, mergeId };
  }

  it('a field erasure takes the field out of every snapshot; the undo then brings the records back without it', async () => {
    const { w, b, mergeId } = await merged();
    const count = (await value<{ count: number }>(w, 'owner', 'settings.fieldStoredCount', { field: 'email' })).count;
    await value(w, 'owner', 'settings.setField', { field: 'email', enabled: false, erase: { expectCount: count } });
    expect(snapshotsText(w)).not.toContain('wumin');
    expect(snapshotsText(w)).toContain('13755556666'); // other fields are untouched
    expect(await value(w, 'owner', 'customers.mergeUndo', { mergeId })).toEqual({ restored: [b] });
    expect(w.core.vault.db().prepare("SELECT count(*) AS n FROM customers WHERE email IS NOT NULL AND email <> ''").get()).toEqual({ n: 0 });
    expect(w.core.vault.db().prepare('SELECT mobile FROM customers WHERE id = ?').pluck().get(b)).toBe('13755556666');
    w.core.close();
  }, 60_000);

  it('erasing the person purges the snapshots holding them: the undo is refused and no copy remains', async () => {
    const { w, a, mergeId } = await merged();
    await value(w, 'owner', 'privacy.erase', { customerId: a, mode: 'anonymise' });
    expect(w.core.vault.db().prepare('SELECT count(*) AS n FROM customer_merges').get()).toEqual({ n: 0 });
    expect(await call(w, 'owner', 'customers.mergeUndo', { mergeId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    w.core.close();
  }, 60_000);
});
