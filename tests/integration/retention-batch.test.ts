import { describe, expect, it } from 'vitest';
import type { Batch, RunReport } from '../../shared/retention';
import { retentionWorld } from './retention-helpers';

describe('the anonymising batch end to end (issue 17)', () => {
  it('notice list through the gated export, the wait, the approval, a chunked run through eraseCustomer: ledger first, a deletion record per customer', async () => {
    const r = await retentionWorld();
    const extra = Array.from({ length: 12 }, (_, i) => r.create(`Old ${i + 1}`, { mobile: `139000011${String(i).padStart(2, '0')}` }));
    await r.turnOn(30);
    r.at('2025-02-01T10:00:00Z');
    const run = await r.value<RunReport>('owner', 'retention.runNow', {});
    expect(run.proposed).toBe(15);
    const id = run.batchId!;

    // Nothing happens without the owner: no approval, no run; and with a notice period, not before the notice.
    expect(await r.call('owner', 'retention.anonymise', { batchId: id })).toMatchObject({ ok: false, error: { code: 'APPROVAL_REQUIRED', fields: { operation: 'retention.anonymise', rows: '15' } } });
    const early = await r.approve(id, 15);
    expect(await r.call('owner', 'retention.anonymise', { batchId: id, approvalId: early })).toMatchObject({ ok: false, error: { code: 'CONFLICT', fields: { batch: 'notice-required' } } });

    // The notice: the contact list of the batch's customers through the gated export, then the wait starts.
    const list = await r.value<{ status: string; rows: number }>('owner', 'customers.export', { format: 'csv', columns: ['name', 'mobile'], filters: { retentionBatch: id } });
    expect(list).toMatchObject({ status: 'saved', rows: 15 });
    const notice = await r.value<Batch>('owner', 'retention.startNotice', { id });
    expect(notice).toMatchObject({ state: 'notice', noticeAt: '2025-02-01T10:00:00.000Z', notBefore: '2025-03-03T10:00:00.000Z' });
    r.later(29);
    const mid = await r.approve(id, 15);
    expect(await r.call('owner', 'retention.anonymise', { batchId: id, approvalId: mid })).toMatchObject({ ok: false, error: { code: 'CONFLICT', fields: { batch: 'notice-wait' } } });

    // During the wait one customer calls: woken, out of the batch, so the approval for 15 no longer fits.
    await r.value('owner', 'interactions.add', { customerId: extra[0], kind: 'call', at: '2025-03-02T09:00:00Z', summary: 'Still a customer' });
    expect(await r.call('owner', 'retention.anonymise', { batchId: id, approvalId: mid })).toMatchObject({ ok: false, error: { code: 'CONFLICT', fields: { approval: 'payload_changed' } } });
    r.later(2);
    // Held meanwhile: still in the batch's count, but the run skips it.
    await r.value('owner', 'privacy.setHold', { customerId: extra[1], hold: true });
    // An access request arrives for another: open, so the run skips it too (its data must be handed over first).
    await r.value('owner', 'privacyRequests.create', { type: 'access', receivedOn: '2025-03-04', channel: 'in-store', customerIds: [extra[2]] });
    const approvalId = await r.approve(id, 14);
    const started = await r.value<Batch>('owner', 'retention.anonymise', { batchId: id, approvalId });
    expect(started).toMatchObject({ state: 'running', approvalId, pending: 14 });
    await r.w.core.retention.settled();
    const done = await r.batch(id);
    expect(done).toMatchObject({ state: 'done', total: 15, erased: 12, skipped: 3, pending: 0, finishedAt: '2025-03-04T10:00:00.000Z' });

    const db = r.w.core.vault.db();
    const members = db.prepare("SELECT customer_id AS id, log_id AS logId FROM retention_batch_members WHERE batch_id = ? AND state = 'erased'").all(id) as { id: number; logId: number }[];
    // A deletion record per customer, under the approval, with its after-check; the ledger entry for each.
    const logs = db.prepare('SELECT id, customer_id AS customerId, mode, approval_id AS approvalId, check_passed AS passed FROM privacy_log ORDER BY id').all() as { id: number; customerId: number; mode: string; approvalId: number; passed: number }[];
    expect(logs).toHaveLength(12);
    expect(logs.every((l) => l.mode === 'anonymise' && l.approvalId === approvalId && l.passed === 1)).toBe(true);
    expect(new Set(members.map((m) => m.logId))).toEqual(new Set(logs.map((l) => l.id)));
    const ledger = db.prepare("SELECT customer_id AS id FROM decision_ledger WHERE kind = 'erase'").all() as { id: number }[];
    expect(new Set(ledger.map((l) => l.id))).toEqual(new Set(members.map((m) => m.id)));
    // Anonymised: pseudonyms, no phone; the woken, the held and the requested customers untouched.
    expect(db.prepare('SELECT count(*) AS n FROM customers WHERE erased_at IS NOT NULL AND mobile IS NULL').get()).toEqual({ n: 12 });
    expect(db.prepare('SELECT name, erased_at AS e FROM customers WHERE id IN (?, ?, ?) ORDER BY id').all(extra[0], extra[1], extra[2])).toEqual([
      { name: 'Old 1', e: null },
      { name: 'Old 2', e: null },
      { name: 'Old 3', e: null },
    ]);
    // The approval ran once; the chain still verifies.
    expect(await r.call('owner', 'retention.anonymise', { batchId: id, approvalId })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await r.value<{ ok: boolean }>('owner', 'audit.verify', {})).toMatchObject({ ok: true });
  }, 180_000);
});
