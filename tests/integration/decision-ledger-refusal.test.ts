import { expect, it } from 'vitest';
import { BEFORE_ERASE } from '../../electron/core/privacy/erasure-hooks';
import { SIDE_FILE, decodeSideFile } from '../../electron/core/privacy/ledger-side-file';
import type { AccessWorld } from './access-helpers';
import { describeKeychain } from '../support/keyring';
import { importWorld, table } from './import-helpers';
import fs from 'node:fs';
import path from 'node:path';

const ERASED = { name: '陈静', mobile: '13812345670', email: 'chen.jing@example.cn' };

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
    expect(await w.router.dispatch(w.caller('manager'), 'customers.create', { ...ERASED, newConsent: { source: 'paper' } })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(count(w)).toBe(before + 1);
    expect(supersedeAudit(w)).toEqual([]);

    expect(await w.router.dispatch(w.caller('owner'), 'customers.create', { ...ERASED, newConsent: { source: 'in-store' } })).toMatchObject({ ok: true });
    expect(supersedeAudit(w)).toEqual([{ username: 'anna', outcome: 'ok', reason: 'new consent (in-store); 1 entry superseded' }]);
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
    expect(await w.refused('manager', 'import.dryRun', { importId: managerImport, mapping, choice: 'skip', rememberMapping: false, newConsent: { source: 'paper' } })).toMatchObject({ code: 'FORBIDDEN' });

    const ownerImport = await w.open('owner', table(['姓名', '手机'], rows));
    const withConsent = await w.call('owner', 'import.dryRun', { importId: ownerImport, mapping, choice: 'skip', rememberMapping: false, newConsent: { source: 'paper' } });
    expect(withConsent.counts).toMatchObject({ new: 2, error: 0 });
    expect(supersedeAudit(w)).toEqual([]); // a dry run changes nothing
    await w.call('owner', 'import.commit', { importId: ownerImport, confirmRepeat: false });
    for (;;) {
      const progress = await w.call('owner', 'import.progress', { importId: ownerImport });
      if (progress.state !== 'running') break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(supersedeAudit(w)).toEqual([{ username: 'anna', outcome: 'ok', reason: 'new consent (paper); 1 entry superseded' }]);
    expect(w.core.vault.db().prepare("SELECT name FROM customers WHERE mobile LIKE '%5670'").all()).toEqual([{ name: '陈静' }]);
    w.core.close();
  }, 60_000);
});
