import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { approvalsOff } from './vault-helpers';
import { accessWorld, type AccessWorld } from './access-helpers';

/** Issue 16: the privacy regime and contact, and the register of disclosures written with an export. */
type Role = Parameters<AccessWorld['caller']>[0];
const call = (w: AccessWorld, role: Role, channel: string, input: unknown) => w.router.dispatch(w.caller(role), channel, input);
const value = <T>(answer: { ok: boolean; value?: unknown }): T => {
  if (!answer.ok) throw new Error(JSON.stringify(answer));
  return answer.value as T;
};
const audit = (w: AccessWorld, action: string) =>
  w.core.vault.db().prepare('SELECT id, username, record_id AS recordId, fields, reason FROM audit_log WHERE action = ? ORDER BY id').all(action) as { id: number; username: string; recordId: string | null; fields: string | null; reason: string | null }[];

const DISCLOSURE = { recipient: '顺丰速运（配送合作方）', purpose: '年货节配送', agreementRef: 'DPA-2026-07', basis: 'contract' };

async function world(): Promise<{ w: AccessWorld; folder: string }> {
  const folder = tempDir();
  let n = 0;
  const w = await accessWorld({ pickSaveFile: async () => path.join(folder, `export-${++n}.csv`) });
  approvalsOff(w.core, w.core.sessions.current('owner')!);
  return { w, folder };
}

describeKeychain('privacy settings: regime and contact', () => {
  it('everyone reads them; only the owner changes them; a regime change is audited without the contact values', async () => {
    const { w } = await world();
    expect(value(await call(w, 'support', 'privacy.settings', {}))).toEqual({ regime: 'pipl', contactName: '', contactReach: '' });
    const next = { regime: 'gdpr', contactName: '陈静 (个人信息保护负责人)', contactReach: 'privacy@tea.example / 021-5550 1234' };
    for (const role of ['manager', 'sales', 'support', 'auditor'] as const) {
      expect(await call(w, role, 'privacy.setSettings', next), role).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(await call(w, 'owner', 'privacy.setSettings', { ...next, regime: 'lgpd' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await call(w, 'owner', 'privacy.setSettings', { ...next, contactName: 'x'.repeat(201) })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(audit(w, 'privacy.settings')).toEqual([]);

    expect(value(await call(w, 'owner', 'privacy.setSettings', next))).toEqual(next);
    expect(value(await call(w, 'sales', 'privacy.settings', {}))).toEqual(next);
    // Saving the same again writes nothing; a contact-only change says 'contact'.
    await call(w, 'owner', 'privacy.setSettings', next);
    await call(w, 'owner', 'privacy.setSettings', { ...next, contactReach: 'privacy@tea.example' });
    const rows = audit(w, 'privacy.settings');
    expect(rows.map((r) => [r.username, r.fields, r.reason])).toEqual([
      ['anna', '["regime","contactName","contactReach"]', 'regime pipl -> gdpr'],
      ['anna', '["contactReach"]', 'contact'],
    ]);
    expect(JSON.stringify(w.core.vault.db().prepare('SELECT * FROM audit_log').all())).not.toMatch(/陈静|privacy@tea/);
    w.core.close();
  });
});

describeKeychain('disclosures to third parties, linked from the export', () => {
  it('an export marked as a disclosure writes its register row with the audit rows; the register is for owner, manager and auditor', async () => {
    const { w, folder } = await world();
    const saved = value<{ status: string; exportId: string; rows: number }>(
      await call(w, 'owner', 'customers.export', { format: 'csv', columns: ['name', 'mobile', 'city'], filters: { tag: 'vip' }, disclosure: DISCLOSURE }),
    );
    expect(saved).toMatchObject({ status: 'saved', rows: 1 });
    const [exportRow] = audit(w, 'customer.export');
    const [disclosureRow] = audit(w, 'privacy.disclosure');
    expect(exportRow).toMatchObject({ recordId: saved.exportId });
    // Written together: the disclosure's audit row follows the export's in the same transaction.
    expect(disclosureRow).toMatchObject({ id: exportRow!.id + 1, username: 'anna', fields: '["name","mobile","city"]', reason: `export ${saved.exportId} rows=1 basis=contract` });
    // The audit log holds neither recipient nor purpose (free text): they live in the register.
    expect(JSON.stringify(audit(w, 'privacy.disclosure'))).not.toMatch(/顺丰|年货节/);

    const register = value<Record<string, unknown>[]>(await call(w, 'auditor', 'privacy.disclosures', {}));
    expect(register).toEqual([
      expect.objectContaining({ id: Number(disclosureRow!.recordId), recordedBy: 'Anna Example', recipient: DISCLOSURE.recipient, purpose: DISCLOSURE.purpose, agreementRef: 'DPA-2026-07', basis: 'contract', regime: 'pipl', exportId: saved.exportId, filter: { tag: 'vip' }, columns: ['name', 'mobile', 'city'], rows: 1 }),
    ]);
    expect(value<unknown[]>(await call(w, 'manager', 'privacy.disclosures', {}))).toHaveLength(1);
    for (const role of ['sales', 'support'] as const) expect(await call(w, role, 'privacy.disclosures', {}), role).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // Which customers: the one vip customer, by id.
    expect(w.core.vault.db().prepare('SELECT customer_id AS id FROM disclosure_customers').all()).toEqual([{ id: 1 }]);

    // An export not marked writes no register row.
    await call(w, 'owner', 'customers.export', { format: 'csv', columns: ['name'] });
    expect(value<unknown[]>(await call(w, 'owner', 'privacy.disclosures', {}))).toHaveLength(1);
    expect(fs.readdirSync(folder)).toHaveLength(2);
    w.core.close();
  });

  it('a basis the regime does not offer is refused before any file or row; under GDPR legitimate interest is accepted', async () => {
    const { w, folder } = await world();
    const marked = { format: 'csv', columns: ['name'], filters: { tag: 'vip' }, disclosure: { ...DISCLOSURE, basis: 'legitimate-interest' } };
    expect(await call(w, 'owner', 'customers.export', marked)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { 'disclosure.basis': 'not_in_regime' } } });
    expect(await call(w, 'owner', 'customers.export', { ...marked, disclosure: { ...DISCLOSURE, recipient: '  ' } })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await call(w, 'owner', 'customers.export', { ...marked, disclosure: { ...DISCLOSURE, basis: 'friendship' } })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(fs.readdirSync(folder)).toEqual([]);
    expect(audit(w, 'customer.export')).toEqual([]);
    expect(w.core.vault.db().prepare('SELECT count(*) AS n FROM disclosures').get()).toEqual({ n: 0 });

    await call(w, 'owner', 'privacy.setSettings', { regime: 'gdpr', contactName: '', contactReach: '' });
    expect(value(await call(w, 'owner', 'customers.export', marked))).toMatchObject({ status: 'saved', rows: 1 });
    expect(value<{ basis: string; regime: string }[]>(await call(w, 'owner', 'privacy.disclosures', {}))).toEqual([expect.objectContaining({ basis: 'legitimate-interest', regime: 'gdpr' })]);
    w.core.close();
  });

  it("a manager's disclosure export waits for approval like any export; the register row is written only when it runs", async () => {
    const w = await accessWorld({ pickSaveFile: async () => path.join(tempDir(), 'x.csv') });
    const answer = await call(w, 'manager', 'customers.export', { format: 'csv', columns: ['name'], filters: { tag: 'vip' }, disclosure: DISCLOSURE });
    expect(answer).toMatchObject({ ok: false, error: { code: 'APPROVAL_REQUIRED' } });
    expect(w.core.vault.db().prepare('SELECT count(*) AS n FROM disclosures').get()).toEqual({ n: 0 });
    w.core.close();
  });
});
