import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import type { ChannelInput, ChannelName, ChannelOutput, Role } from '../../shared/contract';
import { PERSON_SECTIONS } from '../../electron/core/privacy/person-sections';
import { writePrivacySettings } from '../../electron/core/privacy/privacy-settings-repository';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { accessWorld, type AccessWorld } from './access-helpers';
import { finished, importWorld, letters, table } from './import-helpers';
import { approvalsOff } from './vault-helpers';

// Seeded customers: 1 王伟 (sales1's), 2 Owner Customer (the owner's), 3 To Delete (the owner's).
const GRANT = { purpose: 'marketing-sms', event: 'granted', basis: 'consent', separate: false, evidenceSource: 'paper-form', evidenceDate: '2026-11-20' } as const;
const { basis: _basis, ...NO_BASIS } = GRANT;
const WITHDRAW = { purpose: 'marketing-sms', event: 'withdrawn', separate: false, evidenceSource: 'wechat', evidenceDate: '2026-11-25' } as const;

function caller(world: AccessWorld) {
  return {
    async ok<C extends ChannelName>(role: Role, channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
      const result = await world.router.dispatch(world.caller(role), channel, input);
      if (!result.ok) throw new Error(`${channel} as ${role}: ${result.error.code} ${result.error.message}`);
      return result.value as ChannelOutput<C>;
    },
    async refused(role: Role, channel: ChannelName, input: unknown) {
      const result = await world.router.dispatch(world.caller(role), channel, input);
      if (result.ok) throw new Error(`${channel} as ${role} should be refused`);
      return result.error;
    },
  };
}

const eventCount = (world: AccessWorld) => (world.core.vault.db().prepare('SELECT count(*) AS n FROM consent_events').get() as { n: number }).n;
const audits = (world: AccessWorld, action: string) =>
  world.core.vault.db().prepare('SELECT username, outcome, record_id AS recordId, reason, customer_ids AS customerIds FROM audit_log WHERE action = ? ORDER BY id').all(action) as {
    username: string;
    outcome: string;
    recordId: string | null;
    reason: string | null;
    customerIds: string | null;
  }[];

describeKeychain('consent and lawful basis (router, real SQLCipher)', () => {
  it('records a grant and a withdrawal as two events; the current state is the latest; reads and changes are audited', async () => {
    const world = await accessWorld();
    const c = caller(world);
    await c.ok('sales', 'consent.record', { customerId: 1, ...GRANT });
    await c.ok('sales', 'consent.record', { customerId: 1, ...WITHDRAW });
    const history = await c.ok('sales', 'consent.history', { customerId: 1 });
    expect(history.regime).toBe('pipl');
    expect(history.canRecord).toBe(true);
    expect(history.events.map((e) => [e.event, e.basis, e.evidenceSource, e.recordedBy])).toEqual([
      ['withdrawn', null, 'wechat', 'sales one'],
      ['granted', 'consent', 'paper-form', 'sales one'],
    ]);
    expect(history.states).toEqual([{ purpose: 'marketing-sms', customLabel: null, state: 'withdrawn', basis: null, since: expect.any(String) }]);
    // A renewal makes it active again: still three rows, none edited.
    await c.ok('owner', 'consent.record', { customerId: 1, ...GRANT, event: 'renewed' });
    expect((await c.ok('owner', 'consent.history', { customerId: 1 })).states[0]).toMatchObject({ state: 'active', basis: 'consent' });
    expect(eventCount(world)).toBe(3);
    expect(audits(world, 'consent.record').map((a) => [a.username, a.recordId, a.reason])).toEqual([
      ['sales1', '1', 'purpose=marketing-sms event=granted'],
      ['sales1', '1', 'purpose=marketing-sms event=withdrawn'],
      ['anna', '1', 'purpose=marketing-sms event=renewed'],
    ]);
    expect(audits(world, 'consent.read').map((a) => [a.username, a.recordId, a.outcome])).toEqual([
      ['sales1', '1', 'ok'],
      ['anna', '1', 'ok'],
    ]);
    world.core.close();
  });

  it('bad input is a typed error and writes nothing: labels, bases by regime, PIPL separate consent, unknown notice', async () => {
    const world = await accessWorld();
    const c = caller(world);
    const cases: [unknown, string, Record<string, string> | undefined][] = [
      [{ customerId: 2, ...GRANT, purpose: 'custom' }, 'INVALID_INPUT', { customLabel: 'required' }],
      [{ customerId: 2, ...GRANT, customLabel: '生日' }, 'INVALID_INPUT', { customLabel: 'not_allowed' }],
      [{ customerId: 2, ...WITHDRAW, basis: 'consent' }, 'INVALID_INPUT', { basis: 'not_allowed' }],
      [{ customerId: 2, ...NO_BASIS }, 'INVALID_INPUT', { basis: 'required' }],
      // PIPL has no legitimate interest.
      [{ customerId: 2, ...GRANT, basis: 'legitimate-interest' }, 'INVALID_INPUT', { basis: 'not_in_regime' }],
      // PIPL art. 23/38/29: separate consent for third parties, cross-border, sensitive data.
      [{ customerId: 2, ...GRANT, purpose: 'third-party-sharing' }, 'INVALID_INPUT', { separate: 'required' }],
      [{ customerId: 2, ...GRANT, purpose: 'cross-border' }, 'INVALID_INPUT', { separate: 'required' }],
      [{ customerId: 2, ...GRANT, purpose: 'sensitive-data' }, 'INVALID_INPUT', { separate: 'required' }],
      [{ customerId: 2, ...GRANT, noticeVersion: 4 }, 'INVALID_INPUT', { noticeVersion: 'not_found' }],
      [{ customerId: 2, ...GRANT, evidenceDate: '2026-02-30' }, 'INVALID_INPUT', undefined],
      [{ customerId: 2, ...GRANT, purpose: 'spam' }, 'INVALID_INPUT', undefined],
      [{ customerId: 999, ...GRANT }, 'NOT_FOUND', undefined],
    ];
    for (const [input, code, fields] of cases) {
      const error = await c.refused('owner', 'consent.record', input);
      expect(error.code, JSON.stringify(input)).toBe(code);
      if (fields) expect(error.fields, JSON.stringify(input)).toEqual(fields);
    }
    expect(eventCount(world)).toBe(0);
    expect(audits(world, 'consent.record')).toEqual([]);
    // Separate consent given, and a basis that is not consent: both fine under PIPL.
    await c.ok('owner', 'consent.record', { customerId: 2, ...GRANT, purpose: 'third-party-sharing', separate: true });
    await c.ok('owner', 'consent.record', { customerId: 2, ...GRANT, purpose: 'cross-border', basis: 'contract' });
    // Under GDPR legitimate interest is on offer, and PIPL's news-reporting ground is not.
    writePrivacySettings(world.core.vault.db(), { regime: 'gdpr', contactName: '', contactReach: '' }, 'now');
    expect((await c.ok('owner', 'consent.notices', {})).bases).toContain('legitimate-interest');
    await c.ok('owner', 'consent.record', { customerId: 2, ...GRANT, basis: 'legitimate-interest' });
    expect((await c.refused('owner', 'consent.record', { customerId: 2, ...GRANT, basis: 'news-reporting' })).fields).toEqual({ basis: 'not_in_regime' });
    expect(eventCount(world)).toBe(3);
    world.core.close();
  });

  it('who may: sales records for its own customers only (another is NOT_FOUND, audited as a probe); support reads only; the auditor neither', async () => {
    const world = await accessWorld();
    const c = caller(world);
    expect((await c.refused('sales', 'consent.record', { customerId: 2, ...GRANT })).code).toBe('NOT_FOUND');
    expect((await c.refused('sales', 'consent.history', { customerId: 2 })).code).toBe('NOT_FOUND');
    expect(audits(world, 'customer.probe').filter((a) => a.username === 'sales1' && a.recordId === '2')).toHaveLength(2);
    await c.ok('manager', 'consent.record', { customerId: 2, ...GRANT });
    const support = await c.ok('support', 'consent.history', { customerId: 2 });
    expect(support).toMatchObject({ canRecord: false, events: [{ event: 'granted' }] });
    expect((await c.refused('support', 'consent.record', { customerId: 2, ...GRANT })).code).toBe('FORBIDDEN');
    expect((await c.refused('auditor', 'consent.history', { customerId: 2 })).code).toBe('FORBIDDEN');
    expect((await c.refused('auditor', 'consent.missing', { offset: 0, limit: 10 })).code).toBe('FORBIDDEN');
    expect(eventCount(world)).toBe(1);
    // Consent is customer data: the shop's data rules stand in front of it like the record.
    await c.ok('owner', 'dataRules.set', { text: 'Customer data stays in the shop.' });
    expect((await c.refused('sales', 'consent.missing', { offset: 0, limit: 10 })).code).toBe('DATA_RULES_NOT_ACCEPTED');
    expect((await c.refused('support', 'consent.history', { customerId: 2 })).code).toBe('DATA_RULES_NOT_ACCEPTED');
    world.core.close();
  });

  it('privacy notices: the owner adds versions (never edits); events point at one; others read them but may not add', async () => {
    const world = await accessWorld();
    const c = caller(world);
    expect(await c.ok('owner', 'consent.addNotice', { text: '我们仅为服务您的订单保存您的资料。', effectiveDate: '2026-11-01' })).toEqual({ version: 1 });
    expect(await c.ok('owner', 'consent.addNotice', { text: 'Second version.', effectiveDate: '2026-12-01' })).toEqual({ version: 2 });
    expect((await c.refused('manager', 'consent.addNotice', { text: 'x', effectiveDate: '2026-12-01' })).code).toBe('FORBIDDEN');
    expect((await c.refused('owner', 'consent.addNotice', { text: '   ', effectiveDate: '2026-12-01' })).code).toBe('INVALID_INPUT');
    const list = await c.ok('sales', 'consent.notices', {});
    expect(list.notices.map((n) => [n.version, n.effectiveDate, n.createdBy])).toEqual([
      [2, '2026-12-01', 'Anna Example'],
      [1, '2026-11-01', 'Anna Example'],
    ]);
    expect(list.notices[1]!.text).toBe('我们仅为服务您的订单保存您的资料。');
    await c.ok('sales', 'consent.record', { customerId: 1, ...GRANT, noticeVersion: 1 });
    expect((await c.ok('sales', 'consent.history', { customerId: 1 })).events[0]!.noticeVersion).toBe(1);
    expect(audits(world, 'consent.notice').map((a) => [a.username, a.recordId])).toEqual([
      ['anna', '1'],
      ['anna', '2'],
    ]);
    world.core.close();
  });

  it('the worklist of customers with no recorded basis follows the scope and empties as consent is recorded', async () => {
    const world = await accessWorld();
    const c = caller(world);
    expect(await c.ok('sales', 'consent.missing', { offset: 0, limit: 50 })).toEqual({ total: 1, items: [{ id: 1, name: '王伟', owner: 'sales one' }] });
    expect((await c.ok('owner', 'consent.missing', { offset: 0, limit: 50 })).items.map((i) => i.id)).toEqual([1, 2, 3]);
    expect((await c.ok('owner', 'consent.missing', { offset: 1, limit: 1 })).items.map((i) => i.id)).toEqual([2]);
    await c.ok('sales', 'consent.record', { customerId: 1, ...WITHDRAW });
    expect(await c.ok('sales', 'consent.missing', { offset: 0, limit: 50 })).toEqual({ total: 0, items: [] });
    expect(audits(world, 'consent.missing').map((a) => [a.username, a.reason])).toEqual([
      ['sales1', 'total=1'],
      ['anna', 'total=3'],
      ['anna', 'total=3'],
      ['sales1', 'total=0'],
    ]);
    world.core.close();
  });

  it('an export marked for a purpose leaves out who withdrew or never granted it, and says so in the answer, the file and the audit row', async () => {
    const folder = tempDir();
    let n = 0;
    const world = await accessWorld({ pickSaveFile: async () => path.join(folder, `export-${++n}.csv`) });
    approvalsOff(world.core, world.core.sessions.current('owner')!);
    const c = caller(world);
    await c.ok('owner', 'consent.record', { customerId: 1, ...GRANT });
    await c.ok('owner', 'consent.record', { customerId: 1, ...WITHDRAW });
    await c.ok('owner', 'consent.record', { customerId: 2, ...GRANT });
    // Another purpose's consent does not count for this one.
    await c.ok('owner', 'consent.record', { customerId: 3, ...GRANT, purpose: 'wechat-marketing' });
    const marked = await c.ok('owner', 'customers.export', { format: 'csv', columns: ['name'], purpose: 'marketing-sms' });
    expect(marked).toMatchObject({ status: 'saved', rows: 1, consentLeftOut: { purpose: 'marketing-sms', withdrawn: 1, neverGranted: 1 } });
    const text = fs.readFileSync(path.join(folder, 'export-1.csv'), 'utf8');
    expect(text).toContain('Owner Customer');
    expect(text).not.toContain('王伟');
    expect(text).not.toContain('To Delete');
    const row = audits(world, 'customer.export').at(-1)!;
    expect(row.reason).toMatch(/^purpose=marketing-sms withdrawn=1 neverGranted=1 rows=1 /);
    expect(row.customerIds).not.toContain('1');
    // Unmarked: everyone, as before, and no consent words.
    const plain = await c.ok('owner', 'customers.export', { format: 'csv', columns: ['name'] });
    expect(plain).toMatchObject({ status: 'saved', rows: 3 });
    expect(plain).not.toHaveProperty('consentLeftOut');
    expect(audits(world, 'customer.export').at(-1)!.reason).toMatch(/^rows=3 /);
    world.core.close();
  });

  it('a marketing reminder is refused (CONSENT_WITHDRAWN, with the purpose) for a customer who withdrew it; other reminders are not', async () => {
    const world = await accessWorld();
    const c = caller(world);
    const reminder = { customerId: 1, dueAt: '2026-12-10T09:00:00Z', note: '新品短信' };
    await c.ok('sales', 'consent.record', { customerId: 1, ...GRANT });
    await c.ok('sales', 'reminders.add', { ...reminder, purpose: 'marketing-sms' });
    await c.ok('sales', 'consent.record', { customerId: 1, ...WITHDRAW });
    const before = (world.core.vault.db().prepare('SELECT count(*) AS n FROM reminders').get() as { n: number }).n;
    const error = await c.refused('sales', 'reminders.add', { ...reminder, purpose: 'marketing-sms' });
    expect(error).toMatchObject({ code: 'CONSENT_WITHDRAWN', fields: { purpose: 'marketing-sms' } });
    expect(world.core.vault.db().prepare('SELECT count(*) AS n FROM reminders').get()).toEqual({ n: before });
    await c.ok('sales', 'reminders.add', { ...reminder, purpose: 'wechat-marketing' });
    await c.ok('sales', 'reminders.add', reminder);
    world.core.close();
  });

  it('an import records a basis for the customers it creates and a withdrawal for the customers it matches, audited per batch', async () => {
    const world = await importWorld();
    const owner = world.core.sessions.current('owner')!;
    const known = world.core.customers.create(owner, { name: '老客户', mobile: '13900009999' });
    const id = await world.open('owner', table(['姓名', '手机'], [['新客户甲', '13900001001'], ['新客户乙', '13900001002'], ['老客户', '13900009999']]));
    await world.call('owner', 'import.dryRun', { importId: id, mapping: letters(['name', 'mobile']), choice: 'updateEmpty', rememberMapping: false });
    // A basis the regime does not offer: refused before anything is written.
    const bad = await world.refused('owner', 'import.commit', { importId: id, confirmRepeat: false, consent: { grant: { ...GRANT, basis: 'legitimate-interest', evidenceSource: 'import' } } });
    expect(bad.code).toBe('INVALID_INPUT');
    expect(world.core.vault.db().prepare("SELECT count(*) AS n FROM customers WHERE name LIKE '新客户%'").get()).toEqual({ n: 0 });
    await world.call('owner', 'import.commit', {
      importId: id,
      confirmRepeat: false,
      consent: {
        grant: { purpose: 'phone-follow-up', basis: 'contract', separate: false, evidenceSource: 'import', evidenceDate: '2026-11-30' },
        withdraw: { purpose: 'marketing-sms', evidenceSource: 'paper-form', evidenceDate: '2026-11-30' },
      },
    });
    expect((await finished(world, 'owner', id)).state).toBe('done');
    const db = world.core.vault.db();
    const rows = db
      .prepare('SELECT c.name, e.purpose, e.event, e.basis FROM consent_events e JOIN customers c ON c.id = e.customer_id ORDER BY c.name, e.purpose')
      .all() as { name: string; purpose: string; event: string; basis: string | null }[];
    expect(rows).toEqual([
      { name: '新客户乙', purpose: 'marketing-sms', event: 'withdrawn', basis: null },
      { name: '新客户乙', purpose: 'phone-follow-up', event: 'granted', basis: 'contract' },
      { name: '新客户甲', purpose: 'marketing-sms', event: 'withdrawn', basis: null },
      { name: '新客户甲', purpose: 'phone-follow-up', event: 'granted', basis: 'contract' },
      { name: '老客户', purpose: 'marketing-sms', event: 'withdrawn', basis: null },
    ]);
    const audit = world.audit('consent.record');
    expect(audit).toHaveLength(1);
    expect(audit[0]!.reason).toBe('import grant=phone-follow-up withdraw=marketing-sms customers=3');
    expect(audit[0]!.customerIds).toContain(String(known.id));
    world.core.close();
  });

  it("the access package's consent section has this customer's events only, with the recorder's display name and no staff ids", async () => {
    const world = await accessWorld();
    const c = caller(world);
    await c.ok('sales', 'consent.record', { customerId: 1, ...GRANT });
    await c.ok('owner', 'consent.record', { customerId: 2, ...GRANT });
    const section = PERSON_SECTIONS.find((s) => s.key === 'consent')!;
    const rows = section.rows(world.core.vault.db(), 1);
    expect(rows).toEqual([expect.objectContaining({ purpose: 'marketing-sms', event: 'granted', recordedBy: 'sales one' })]);
    expect(Object.keys(rows[0]!)).not.toContain('id');
    expect(JSON.stringify(rows)).not.toMatch(/sales1|recorded_by/);
    world.core.close();
  });
});
