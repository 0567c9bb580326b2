import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { approvalsOff } from './vault-helpers';
import { MARKERS, accessWorld, type AccessWorld } from './access-helpers';

/** Issue 16 minimisation through the router: per-field switches, erasure, and notes for support. */
type Role = Parameters<AccessWorld['caller']>[0];
const call = (w: AccessWorld, role: Role, channel: string, input: unknown) => w.router.dispatch(w.caller(role), channel, input);
const value = <T>(answer: { ok: boolean; value?: unknown }): T => {
  if (!answer.ok) throw new Error(JSON.stringify(answer));
  return answer.value as T;
};
const fieldAudit = (w: AccessWorld) =>
  w.core.vault.db().prepare("SELECT username, fields, reason, customer_ids IS NOT NULL AS hasIds FROM audit_log WHERE action = 'settings.customerField' ORDER BY id").all() as { username: string; fields: string; reason: string; hasIds: number }[];

async function world(): Promise<{ w: AccessWorld; target: () => string }> {
  const folder = tempDir();
  let n = 0;
  let last = '';
  const w = await accessWorld({ pickSaveFile: async () => (last = path.join(folder, `export-${++n}.csv`)) });
  // Exports of every customer are gated by default; this file is about the fields, not approvals.
  approvalsOff(w.core, w.core.sessions.current('owner')!);
  return { w, target: () => last };
}

describeKeychain('minimisation: any non-required field can be switched off', () => {
  it('Settings lists every field with its class; name and level cannot be switched off; only the owner switches', async () => {
    const { w } = await world();
    const { fields } = value<{ fields: { field: string; class: string; required: boolean; enabled: boolean }[] }>(await call(w, 'sales', 'settings.fields', {}));
    expect(fields.find((f) => f.field === 'notes')).toEqual({ field: 'notes', class: 'free-text', required: false, enabled: true });
    expect(fields.find((f) => f.field === 'bankCard')).toMatchObject({ class: 'financial' });
    expect(fields.find((f) => f.field === 'mobile')).toMatchObject({ class: 'contact' });
    expect(fields.find((f) => f.field === 'idNumber')).toMatchObject({ class: 'identity', enabled: true });
    expect(fields.find((f) => f.field === 'name')).toMatchObject({ required: true, enabled: true });
    expect(await call(w, 'owner', 'settings.setField', { field: 'name', enabled: false })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    for (const role of ['manager', 'sales', 'support', 'auditor'] as const) {
      expect(await call(w, role, 'settings.setField', { field: 'wechat', enabled: false }), role).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    w.core.close();
  });

  it('a field switched off is refused on input, hidden from record, list, search, filters and export, and comes back when switched on', async () => {
    const { w, target } = await world();
    await call(w, 'owner', 'customers.update', { id: 2, changes: { region: '华东', wechat: 'marker_wx_77' } });
    expect(value(await call(w, 'owner', 'settings.setField', { field: 'mobile', enabled: false }))).toEqual({ field: 'mobile', enabled: false, erased: 0 });
    expect(value(await call(w, 'owner', 'settings.setField', { field: 'region', enabled: false }))).toMatchObject({ enabled: false });

    // Input: typed refusal naming the field, nothing written.
    const before = w.core.vault.db().prepare('SELECT count(*) AS n FROM customers').get();
    expect(await call(w, 'sales', 'customers.create', { name: '李娜', mobile: '13700001111' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { mobile: 'disabled' } } });
    expect(await call(w, 'owner', 'customers.update', { id: 2, changes: { region: '华南' } })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { region: 'disabled' } } });
    expect(w.core.vault.db().prepare('SELECT count(*) AS n FROM customers').get()).toEqual(before);

    // Views: the stored value stays in the vault (not erased) but no channel shows it.
    const got = value<Record<string, unknown>>(await call(w, 'owner', 'customers.get', { id: 2 }));
    expect(got).not.toHaveProperty('mobile');
    expect(got).not.toHaveProperty('region');
    const list = value<{ items: Record<string, unknown>[] }>(await call(w, 'owner', 'customers.list', { limit: 50 }));
    expect(JSON.stringify(list)).not.toContain(MARKERS.mobile);
    expect(value<unknown[]>(await call(w, 'owner', 'customers.search', { query: MARKERS.mobile }))).toEqual([]);
    expect(await call(w, 'owner', 'customers.reveal', { id: 2, field: 'mobile', reason: 'calling back about an order' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // "Who is calling" does not name a person by a number the shop chose not to keep.
    expect(value<{ items: unknown[] }>(await call(w, 'owner', 'customers.lookup', { query: MARKERS.mobile })).items).toEqual([]);
    expect(await call(w, 'owner', 'customers.list', { limit: 50, filters: { region: '华东' } })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { region: 'disabled' } } });
    expect(value<{ regions: unknown[] }>(await call(w, 'owner', 'customers.filterValues', {})).regions).toEqual([]);

    // Export: the column is left out (named as omitted), the file never holds the value.
    const exported = value<{ status: string; omitted: string[] }>(await call(w, 'owner', 'customers.export', { format: 'csv', columns: ['name', 'mobile', 'region', 'email'] }));
    expect(exported).toMatchObject({ status: 'saved', omitted: ['mobile', 'region'] });
    const csv = fs.readFileSync(target(), 'utf8');
    expect(csv).not.toContain(MARKERS.mobile);
    expect(csv).not.toContain('华东');
    expect(csv).toContain(MARKERS.email);

    // Switched on again without an erase: the values were kept and show again.
    await call(w, 'owner', 'settings.setField', { field: 'mobile', enabled: true });
    expect(value<Record<string, unknown>>(await call(w, 'owner', 'customers.get', { id: 2 }))).toMatchObject({ mobile: MARKERS.mobile });
    expect(fieldAudit(w).map((r) => [r.username, r.fields, r.reason])).toEqual([
      ['anna', '["mobile"]', 'off'],
      ['anna', '["region"]', 'off'],
      ['anna', '["mobile"]', 'on'],
    ]);
    w.core.close();
  });

  it('switching off offers to erase: the count must be confirmed, the erase is audited with it, and the value is gone everywhere', async () => {
    const { w } = await world();
    // Customers 1 and 2 carry the marker phone; 3 has none.
    expect(value(await call(w, 'owner', 'settings.fieldStoredCount', { field: 'phone' }))).toEqual({ field: 'phone', count: 2 });
    expect(await call(w, 'manager', 'settings.fieldStoredCount', { field: 'phone' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    // A stale count (someone added a value since the dialog opened): refused, nothing changed.
    expect(await call(w, 'owner', 'settings.setField', { field: 'phone', enabled: false, erase: { expectCount: 1 } })).toMatchObject({ ok: false, error: { code: 'CONFLICT', fields: { eraseExpectCount: '2' } } });
    expect(value<{ fields: { field: string; enabled: boolean }[] }>(await call(w, 'owner', 'settings.fields', {})).fields.find((f) => f.field === 'phone')?.enabled).toBe(true);
    expect(fieldAudit(w)).toEqual([]);
    // Erasing is only for switching off.
    expect(await call(w, 'owner', 'settings.setField', { field: 'phone', enabled: true, erase: { expectCount: 2 } })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });

    expect(value(await call(w, 'owner', 'settings.setField', { field: 'phone', enabled: false, erase: { expectCount: 2 } }))).toEqual({ field: 'phone', enabled: false, erased: 2 });
    expect(fieldAudit(w)).toEqual([{ username: 'anna', fields: '["phone"]', reason: 'off, erased 2', hasIds: 1 }]);
    const db = w.core.vault.db();
    expect(db.prepare('SELECT count(*) AS n FROM customers WHERE phone IS NOT NULL').get()).toEqual({ n: 0 });
    // Not in the search index either (its phone column held both numbers' digits).
    const digits = MARKERS.phone.replace(/\D/g, '');
    expect(db.prepare("SELECT count(*) AS n FROM customer_search WHERE phone LIKE '%' || ? || '%'").get(digits)).toEqual({ n: 0 });
    // Switched on again, nothing comes back; the audit log holds no value.
    await call(w, 'owner', 'settings.setField', { field: 'phone', enabled: true });
    expect(value<Record<string, unknown>>(await call(w, 'owner', 'customers.get', { id: 2 }))).not.toHaveProperty('phone');
    expect(JSON.stringify(db.prepare('SELECT * FROM audit_log').all())).not.toContain(MARKERS.phone);
    w.core.close();
  });

  it('the older ID/bank-card switch and the per-field state are one: setCustomerFields moves both fields', async () => {
    const { w } = await world();
    expect(value(await call(w, 'owner', 'settings.setCustomerFields', { optionalFields: false }))).toEqual({ optionalFields: false, erased: 0 });
    const fields = value<{ fields: { field: string; enabled: boolean }[] }>(await call(w, 'owner', 'settings.fields', {})).fields;
    expect(fields.filter((f) => !f.enabled).map((f) => f.field)).toEqual(['idNumber', 'bankCard']);
    await call(w, 'owner', 'settings.setField', { field: 'idNumber', enabled: true });
    // One of the two on is not "optional fields on".
    expect(value(await call(w, 'owner', 'customers.get', { id: 2 }))).toHaveProperty('idNumber');
    expect(value(await call(w, 'owner', 'settings.customerFields', {}))).toEqual({ optionalFields: false });
    w.core.close();
  });
});

describeKeychain('notes are personal data: support sees them only when the owner allows', () => {
  it('withheld from support in record, list and search (main leaves them out), shown once allowed, audited', async () => {
    const { w } = await world();
    const note = '客户说她下个月搬到杭州';
    await call(w, 'owner', 'customers.update', { id: 2, changes: { notes: note } });
    const support = value<Record<string, unknown>>(await call(w, 'support', 'customers.get', { id: 2 }));
    expect(support).not.toHaveProperty('notes');
    expect(JSON.stringify(await call(w, 'support', 'customers.list', { limit: 50 }))).not.toContain(note);
    expect(value<unknown[]>(await call(w, 'support', 'customers.search', { query: '搬到杭州' }))).toEqual([]);
    // Others with customers.read keep their notes.
    expect(value(await call(w, 'manager', 'customers.get', { id: 2 }))).toMatchObject({ notes: note });
    expect(value<unknown[]>(await call(w, 'manager', 'customers.search', { query: '搬到杭州' }))).toHaveLength(1);

    expect(await call(w, 'manager', 'settings.setNotesForSupport', { allowed: true })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(value(await call(w, 'owner', 'settings.setNotesForSupport', { allowed: true }))).toEqual({ notesForSupport: true });
    expect(value(await call(w, 'support', 'customers.get', { id: 2 }))).toMatchObject({ notes: note });
    expect(value<unknown[]>(await call(w, 'support', 'customers.search', { query: '搬到杭州' }))).toHaveLength(1);
    expect(fieldAudit(w)).toEqual([{ username: 'anna', fields: '["notes.support"]', reason: 'support sees notes', hasIds: 0 }]);
    w.core.close();
  });
});
