import { expect, it } from 'vitest';
import type { NewConsent } from '../../shared/ledger';
import { BEFORE_ERASE } from '../../electron/core/privacy/erasure-hooks';
import { SIDE_FILE, decodeSideFile } from '../../electron/core/privacy/ledger-side-file';
import type { AccessWorld } from './access-helpers';
import { describeKeychain } from '../support/keyring';
import { importWorld, table } from './import-helpers';
import fs from 'node:fs';
import path from 'node:path';

const ERASED = { name: '陈静', mobile: '13812345670', email: 'chen.jing@example.cn' };
const PAPER: NewConsent = { purposes: ['marketing-sms'], basis: 'consent', separate: false, evidenceSource: 'paper-form', evidenceDate: '2026-11-30' };
const IN_STORE: NewConsent = { ...PAPER, purposes: ['marketing-sms', 'phone-follow-up'], evidenceSource: 'in-store-verbal' };

/**
 * Erases a customer the way the erasure stream will: the BEFORE_ERASE hooks inside its
 * transaction, then the rows (here a stand-in anonymisation; the real one is eraseCustomer).
 */
function eraseAsTheErasureWill(w: AccessWorld, customerId: number): void {
  const db = w.core.vault.db();
  db.transaction(() => {
    for (const hook of BEFORE_ERASE) hook(db, { customerId, ...ERASED, mode: 'anonymise' }, new Date());
    db.prepare("UPDATE customers SET name = '已注销客户#123456', mobile = NULL, email = NULL WHERE id = ?").run(customerId);
    db.prepare('DELETE FROM customer_keys WHERE customer_id = ?').run(customerId); // its duplicate keys go with it
  })();
}

const count = (w: AccessWorld) => (w.core.vault.db().prepare('SELECT count(*) AS n FROM customers').get() as { n: number }).n;
const consentRows = (w: AccessWorld) => w.core.vault.db().prepare('SELECT customer_id AS customerId, count(*) AS n FROM consent_events GROUP BY customer_id').all();
const consentAudit = (w: AccessWorld) => w.core.vault.db().prepare("SELECT record_id AS recordId, reason, customer_ids AS customerIds FROM audit_log WHERE action = 'consent.record'").all();
const supersedeAudit = (w: AccessWorld) => w.core.vault.db().prepare("SELECT username, outcome, reason FROM audit_log WHERE action = 'ledger.supersede'").all();

describeKeychain('decision ledger: an erased person is refused by the customer form and the importer, unless the owner records a new consent', () => {
  it('the form: PERSON_ERASED (matched by mobile or e-mail in any spelling), nothing written; a manager cannot override; the owner can, audited, and the entry stops refusing', async () => {
    const w = await importWorld();
    const owner = w.core.sessions.current('owner')!;
    const { id } = w.core.customers.create(owner, ERASED);
    eraseAsTheErasureWill(w, id);
    await w.core.ledger.settled();
    // The hook's entry reached the side file after the erasure committed.
    const side = decodeSideFile(fs.readFileSync(path.join(w.profileDir, SIDE_FILE)), w.core.vault.backupMaterial().key);
    expect(side.body.entries).toMatchObject([{ kind: 'erase', customerId: id, mode: 'anonymise' }]);
    expect(JSON.stringify(side.body)).not.toContain('13812345670');

    const before = count(w);
    for (const attempt of [{ name: 'Chen Jing', mobile: '+86 138 1234 5670' }, { name: '陈小姐', email: 'CHEN.JING@example.cn' }]) {
      expect(await w.router.dispatch(w.caller('owner'), 'customers.create', attempt)).toMatchObject({ ok: false, error: { code: 'PERSON_ERASED', fields: { mobile: 'erased' } } });
      expect(await w.router.dispatch(w.caller('manager'), 'customers.create', attempt)).toMatchObject({ ok: false, error: { code: 'PERSON_ERASED' } });
    }
    // The same name with another number is someone else: not refused.
    expect(await w.router.dispatch(w.caller('owner'), 'customers.create', { name: '陈静', mobile: '13900000001' })).toMatchObject({ ok: true });
    expect(count(w)).toBe(before + 1);
    expect(await w.router.dispatch(w.caller('manager'), 'customers.create', { ...ERASED, newConsent: PAPER })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(count(w)).toBe(before + 1);
    expect(supersedeAudit(w)).toEqual([]);

    // A consent that breaks the consent rules (legitimate interest is GDPR's, not PIPL's; a notice that does not exist): typed error, nothing written, nothing superseded.
    for (const bad of [{ ...IN_STORE, basis: 'legitimate-interest' }, { ...IN_STORE, noticeVersion: 9 }]) {
      expect(await w.router.dispatch(w.caller('owner'), 'customers.create', { ...ERASED, newConsent: bad })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    expect(await w.router.dispatch(w.caller('owner'), 'customers.create', { ...ERASED, newConsent: { source: 'paper' } })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(count(w)).toBe(before + 1);
    expect(supersedeAudit(w)).toEqual([]);
    expect(consentRows(w)).toEqual([]);

    const back = await w.router.dispatch(w.caller('owner'), 'customers.create', { ...ERASED, newConsent: IN_STORE });
    expect(back).toMatchObject({ ok: true });
    expect(supersedeAudit(w)).toEqual([{ username: 'anna', outcome: 'ok', reason: 'new consent (in-store-verbal); 1 entry superseded' }]);
    // The new consent is in the new customer's consent history: one event per purpose, saying why the person is back.
    const backId = (back as { value: { id: number } }).value.id;
    const history = await w.router.dispatch(w.caller('owner'), 'consent.history', { customerId: backId });
    expect(history).toMatchObject({ ok: true, value: { states: [{ purpose: 'phone-follow-up', state: 'active' }, { purpose: 'marketing-sms', state: 'active' }] } });
    expect((history as { value: { events: unknown[] } }).value.events).toEqual(
      ['phone-follow-up', 'marketing-sms'].map((purpose) =>
        expect.objectContaining({ purpose, event: 'granted', basis: 'consent', evidenceSource: 'in-store-verbal', evidenceDate: '2026-11-30', noticeVersion: null, recordedBy: 'Anna Example', origin: 'after-erasure', mergedFrom: null }),
      ),
    );
    expect(consentRows(w)).toEqual([{ customerId: backId, n: 2 }]);
    expect(consentAudit(w)).toEqual([{ recordId: String(backId), reason: 'after erasure: purposes=marketing-sms,phone-follow-up event=granted', customerIds: String(backId) }]);
    // Superseded: the person may now be added without a consent (e.g. a second record by the manager).
    expect(await w.router.dispatch(w.caller('manager'), 'customers.create', { name: '陈静', mobile: ERASED.mobile })).toMatchObject({ ok: true });
    // The audit log holds no identifier of the person.
    const dump = JSON.stringify(w.core.vault.db().prepare("SELECT * FROM audit_log WHERE action = 'ledger.supersede'").all());
    expect(dump).not.toMatch(/13812345670|chen\.jing|陈/);
    w.core.close();
  }, 60_000);

  it('the importer: the row is an error person_erased; the owner\'s new consent on the dry run lets it in and supersedes the entry at commit; not for a manager', async () => {
    const w = await importWorld();
    const owner = w.core.sessions.current('owner')!;
    const { id } = w.core.customers.create(owner, ERASED);
    eraseAsTheErasureWill(w, id);
    const rows = [['陈静', '138-1234-5670'], ['New Person', '13700000002']];
    const mapping = [{ letter: 'A', target: 'name' as const }, { letter: 'B', target: 'mobile' as const }];

    const managerImport = await w.open('manager', table(['姓名', '手机'], rows));
    const asManager = await w.call('manager', 'import.dryRun', { importId: managerImport, mapping, choice: 'skip', rememberMapping: false });
    expect(asManager.counts).toMatchObject({ new: 1, error: 1 });
    expect(asManager.rows.find((r) => r.row === 2)).toMatchObject({ action: 'error', errors: [{ code: 'person_erased' }] });
    expect(await w.refused('manager', 'import.dryRun', { importId: managerImport, mapping, choice: 'skip', rememberMapping: false, newConsent: PAPER })).toMatchObject({ code: 'FORBIDDEN' });

    const ownerImport = await w.open('owner', table(['姓名', '手机'], rows));
    const withConsent = await w.call('owner', 'import.dryRun', { importId: ownerImport, mapping, choice: 'skip', rememberMapping: false, newConsent: PAPER });
    expect(withConsent.counts).toMatchObject({ new: 2, error: 0 });
    expect(supersedeAudit(w)).toEqual([]); // a dry run changes nothing
    await w.call('owner', 'import.commit', { importId: ownerImport, confirmRepeat: false });
    for (;;) {
      const progress = await w.call('owner', 'import.progress', { importId: ownerImport });
      if (progress.state !== 'running') break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(supersedeAudit(w)).toEqual([{ username: 'anna', outcome: 'ok', reason: 'new consent (paper-form); 1 entry superseded' }]);
    const back = w.core.vault.db().prepare("SELECT id, name FROM customers WHERE mobile LIKE '%5670'").all() as { id: number; name: string }[];
    expect(back.map((c) => c.name)).toEqual(['陈静']);
    // Recorded with the row's batch, on the person let back in only (not on New Person).
    expect(consentRows(w)).toEqual([{ customerId: back[0]!.id, n: 1 }]);
    expect(consentAudit(w)).toEqual([{ recordId: String(back[0]!.id), reason: 'after erasure: purposes=marketing-sms event=granted', customerIds: String(back[0]!.id) }]);
    expect(w.core.vault.db().prepare('SELECT origin, evidence_source AS source, recorded_by AS by FROM consent_events').all()).toEqual([{ origin: 'after-erasure', source: 'paper-form', by: owner.userId }]);
    w.core.close();
  }, 60_000);
});
