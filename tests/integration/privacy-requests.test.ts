import { expect, it } from 'vitest';
import { writePrivacySettings } from '../../electron/core/privacy/privacy-settings-repository';
import { PERSON_SECTIONS } from '../../electron/core/privacy/person-sections';
import { describeKeychain } from '../support/keyring';
import { accessWorld, PASSWORD } from './access-helpers';

/** Issue 16: the data-subject request and complaint register, through the router with a real vault and keychain. */
type World = Awaited<ReturnType<typeof accessWorld>>;
type Role = Parameters<World['caller']>[0];
const DAY = 86_400_000;

function clock(start = Date.UTC(2026, 8, 28, 10)) {
  let at = start;
  return { now: () => at, to: (iso: string) => (at = Date.parse(`${iso}T10:00:00Z`)), advance: (days: number) => (at += days * DAY) };
}

/** Days pass: idle sessions lock (15 minutes), so the roles that act next sign back in. */
async function wake(world: World, roles: readonly Role[]) {
  for (const role of roles) await world.router.dispatch(world.caller(role), 'session.unlock', { password: PASSWORD });
}

async function call(world: World, role: Role, channel: string, input: unknown) {
  return world.router.dispatch(world.caller(role), channel, input);
}
async function ok<T = Record<string, unknown>>(world: World, role: Role, channel: string, input: unknown): Promise<T> {
  const result = await call(world, role, channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message} ${JSON.stringify(result.error.fields)}`);
  return result.value as T;
}
const snapshot = (world: World) =>
  JSON.stringify(['privacy_requests', 'privacy_request_events', 'privacy_request_customers', 'customers'].map((t) => world.core.vault.db().prepare(`SELECT * FROM ${t} ORDER BY 1`).all()));
const audits = (world: World, action: string) =>
  world.core.vault.db().prepare('SELECT username, record_id AS recordId, outcome, fields, reason, customer_ids AS customerIds FROM audit_log WHERE action = ? ORDER BY id').all(action) as Record<string, unknown>[];

interface Detail {
  id: number;
  state: string;
  dueOn: string;
  originalDueOn: string;
  daysLeft: number | null;
  overdue: boolean;
  ackDueOn: string | null;
  extended: boolean;
  nextStates: string[];
  customers: { id: number; name: string | null }[];
  events: { kind: string; by: string; fromState: string | null; toState: string | null; fields: string[]; note: string | null; customerId: number | null }[];
  identity: { method: string; checkedBy: string; note: string | null } | null;
  [key: string]: unknown;
}
const NEW = { type: 'access', receivedOn: '2026-09-28', channel: 'in-store', summary: '想看一下店里存了我哪些资料', customerIds: [1] };

describeKeychain('the request register', () => {
  it('owner and manager keep it, the auditor only reads it (without customer names), sales and support never see it', async () => {
    const time = clock();
    const world = await accessWorld({ now: time.now });
    const made = await ok<Detail>(world, 'manager', 'privacyRequests.create', NEW);
    for (const role of ['sales', 'support'] as const) {
      for (const [channel, input] of [['privacyRequests.list', {}], ['privacyRequests.get', { id: made.id }], ['privacyRequests.create', NEW], ['privacyRequests.summary', {}]] as const) {
        expect(await call(world, role, channel, input), `${channel} ${role}`).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      }
    }
    const seen = await ok<Detail>(world, 'auditor', 'privacyRequests.get', { id: made.id });
    expect(seen.customers).toEqual([{ id: 1, name: null }]);
    expect((await ok<Detail>(world, 'owner', 'privacyRequests.get', { id: made.id })).customers).toEqual([{ id: 1, name: '王伟' }]);
    expect(await call(world, 'auditor', 'privacyRequests.act', { action: 'note', id: made.id, note: 'x' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call(world, 'auditor', 'privacyRequests.create', NEW)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // Deadline defaults and the holiday table are the owner's.
    const rule = { regime: 'pipl', amount: 10, unit: 'working-days', ackDays: null, extendAmount: 0, extendUnit: 'working-days', remindDays: 3 };
    expect(await call(world, 'manager', 'privacyRequests.setRule', rule)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call(world, 'manager', 'privacyRequests.setDay', { day: '2026-12-31', kind: 'holiday' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    world.core.close();
    // Five password sign-ins per world, more after clock jumps: over the default bound on a busy machine.
  }, 90_000);

  it('PIPL: 15 working days over 国庆 with the 调休 Saturday; logged with history and an audit row; bad input changes nothing', async () => {
    const time = clock();
    const world = await accessWorld({ now: time.now });
    const before = snapshot(world);
    for (const [input, field] of [
      [{ ...NEW, receivedOn: '2026-09-29' }, 'receivedOn'], // tomorrow
      [{ ...NEW, receivedOn: '2026-02-30' }, 'receivedOn'],
      [{ ...NEW, type: 'gossip' }, 'type'],
      [{ ...NEW, channel: 'fax' }, 'channel'],
      [{ ...NEW, handler: 'sales1' }, 'handler'], // sales does not keep the register
    ] as const) {
      expect(await call(world, 'owner', 'privacyRequests.create', input), JSON.stringify(input)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { [field]: expect.any(String) } } });
    }
    expect(await call(world, 'owner', 'privacyRequests.create', { ...NEW, customerIds: [1, 999] })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(snapshot(world)).toBe(before);

    const made = await ok<Detail>(world, 'owner', 'privacyRequests.create', { ...NEW, handler: 'manager1' });
    expect(made).toMatchObject({ state: 'received', dueOn: '2026-10-23', daysLeft: 25, overdue: false, ackDueOn: null, handlerName: 'manager one', nextStates: ['verified', 'refused'] });
    expect(made.events.map((e) => e.kind)).toEqual(['created', 'linked']);
    expect(audits(world, 'privacyRequest.create')).toEqual([{ username: 'anna', recordId: String(made.id), outcome: 'ok', fields: '["type","receivedOn","channel"]', reason: null, customerIds: expect.any(String) }]);
    // The summary text is the person's words: it never goes into the audit log.
    expect(JSON.stringify(world.core.vault.db().prepare('SELECT * FROM audit_log').all())).not.toContain('想看');
    // A request about nobody yet is fine; the customer is linked later, once.
    const loose = await ok<Detail>(world, 'owner', 'privacyRequests.create', { ...NEW, customerIds: [] });
    expect(loose.customers).toEqual([]);
    expect((await ok<Detail>(world, 'owner', 'privacyRequests.act', { action: 'link', id: loose.id, customerId: 2 })).customers).toEqual([{ id: 2, name: 'Owner Customer' }]);
    expect(await call(world, 'owner', 'privacyRequests.act', { action: 'link', id: loose.id, customerId: 2 })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    world.core.close();
    // Five password sign-ins per world, more after clock jumps: over the default bound on a busy machine.
  }, 90_000);

  it('moves received → verified → in progress → answered → closed; every step an event; illegal moves and missing reasons are refused', async () => {
    const time = clock();
    const world = await accessWorld({ now: time.now });
    const { id } = await ok<Detail>(world, 'owner', 'privacyRequests.create', NEW);
    expect(await call(world, 'owner', 'privacyRequests.act', { action: 'answer', id, outcome: 'Sent the copy' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    // No ID numbers in the identity note.
    expect(await call(world, 'owner', 'privacyRequests.act', { action: 'verify', id, method: 'id-card-seen', note: '11010119900307451X' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { note: expect.any(String) } } });
    const verified = await ok<Detail>(world, 'manager', 'privacyRequests.act', { action: 'verify', id, method: 'id-card-seen', note: '本人到店' });
    expect(verified.identity).toMatchObject({ method: 'id-card-seen', checkedBy: 'manager one', note: '本人到店' });
    time.advance(2);
    await wake(world, ['owner', 'manager']);
    await ok(world, 'owner', 'privacyRequests.act', { action: 'start', id });
    expect(await call(world, 'owner', 'privacyRequests.act', { action: 'answer', id, outcome: '   ' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const answered = await ok<Detail>(world, 'owner', 'privacyRequests.act', { action: 'answer', id, outcome: '已提供个人信息副本' });
    expect(answered).toMatchObject({ state: 'answered', outcome: '已提供个人信息副本', daysLeft: null, overdue: false, nextStates: ['closed'] });
    const closed = await ok<Detail>(world, 'owner', 'privacyRequests.act', { action: 'close', id });
    expect(closed.events.filter((e) => e.kind === 'state').map((e) => `${e.fromState}>${e.toState} ${e.by}`)).toEqual([
      'received>verified manager one',
      'verified>in_progress Anna Example',
      'in_progress>answered Anna Example',
      'answered>closed Anna Example',
    ]);
    // History cannot be rewritten, even by a direct write.
    expect(() => world.core.vault.db().prepare('DELETE FROM privacy_request_events').run()).toThrow(/append-only/);
    expect(audits(world, 'privacyRequest.update').map((r) => r.fields)).toEqual(['["verify"]', '["start"]', '["answer"]', '["close"]']);

    // Refusal needs a reason (PIPL art. 50); a complaint needs an analysis to close.
    const complaint = await ok<Detail>(world, 'owner', 'privacyRequests.create', { ...NEW, type: 'complaint', channel: 'phone' });
    expect(await call(world, 'owner', 'privacyRequests.act', { action: 'refuse', id: complaint.id })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    await ok(world, 'owner', 'privacyRequests.act', { action: 'refuse', id: complaint.id, reason: '无法核实投诉人身份' });
    expect(await call(world, 'owner', 'privacyRequests.act', { action: 'close', id: complaint.id })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { analysis: 'required' } } });
    const done = await ok<Detail>(world, 'owner', 'privacyRequests.act', { action: 'close', id: complaint.id, analysis: '店员未说明收集目的；已培训' });
    expect(done).toMatchObject({ state: 'closed', refusalReason: '无法核实投诉人身份', analysis: '店员未说明收集目的；已培训' });
    world.core.close();
    // Five password sign-ins per world, more after clock jumps: over the default bound on a busy machine.
  }, 90_000);

  it('GDPR one month, extended once by up to two with a recorded reason and notice date; CCPA confirms receipt in 10 business days', async () => {
    const time = clock();
    const world = await accessWorld({ now: time.now });
    writePrivacySettings(world.core.vault.db(), { regime: 'gdpr', contactName: '', contactReach: '' }, 'now');
    const gdpr = await ok<Detail>(world, 'owner', 'privacyRequests.create', NEW);
    expect(gdpr).toMatchObject({ regime: 'gdpr', dueOn: '2026-10-28', extendAmount: 2, extendUnit: 'months' });
    expect(await call(world, 'owner', 'privacyRequests.act', { action: 'extend', id: gdpr.id, amount: 3, reason: 'Complex request', noticeOn: '2026-09-28' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { amount: 'too_long' } } });
    const extended = await ok<Detail>(world, 'owner', 'privacyRequests.act', { action: 'extend', id: gdpr.id, amount: 2, reason: 'Many records to collect', noticeOn: '2026-09-28' });
    expect(extended).toMatchObject({ dueOn: '2026-12-28', originalDueOn: '2026-10-28', extended: true, extensionReason: 'Many records to collect', extensionNoticeOn: '2026-09-28', extendAmount: 0 });
    expect(await call(world, 'owner', 'privacyRequests.act', { action: 'extend', id: gdpr.id, amount: 1, reason: 'again', noticeOn: '2026-09-28' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    writePrivacySettings(world.core.vault.db(), { regime: 'ccpa', contactName: '', contactReach: '' }, 'now');
    const ccpa = await ok<Detail>(world, 'owner', 'privacyRequests.create', NEW);
    expect(ccpa).toMatchObject({ regime: 'ccpa', dueOn: '2026-11-12', ackDueOn: '2026-10-12', acknowledgedOn: null });
    expect(await call(world, 'owner', 'privacyRequests.act', { action: 'acknowledge', id: ccpa.id, on: '2026-09-27' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect((await ok<Detail>(world, 'owner', 'privacyRequests.act', { action: 'acknowledge', id: ccpa.id, on: '2026-09-28' })).acknowledgedOn).toBe('2026-09-28');

    // PIPL by default allows no extension: the owner would have to change the default first.
    writePrivacySettings(world.core.vault.db(), { regime: 'pipl', contactName: '', contactReach: '' }, 'now');
    const pipl = await ok<Detail>(world, 'owner', 'privacyRequests.create', NEW);
    expect(await call(world, 'owner', 'privacyRequests.act', { action: 'extend', id: pipl.id, amount: 5, reason: 'x', noticeOn: '2026-09-28' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { amount: 'no_extension' } } });
    world.core.close();
    // Five password sign-ins per world, more after clock jumps: over the default bound on a busy machine.
  }, 90_000);

  it('the owner changes the defaults and the holiday table: new requests follow, received ones keep their deadline', async () => {
    const time = clock();
    const world = await accessWorld({ now: time.now });
    const old = await ok<Detail>(world, 'owner', 'privacyRequests.create', NEW);
    await ok(world, 'owner', 'privacyRequests.setRule', { regime: 'pipl', amount: 10, unit: 'working-days', ackDays: null, extendAmount: 5, extendUnit: 'working-days', remindDays: 2 });
    expect((await ok<Detail>(world, 'owner', 'privacyRequests.create', NEW)).dueOn).toBe('2026-10-16');
    // A shop closed on Monday 12 Oct (a holiday it adds) pushes the deadline a working day on.
    await ok(world, 'owner', 'privacyRequests.setDay', { day: '2026-10-12', kind: 'holiday', name: '店休' });
    expect((await ok<Detail>(world, 'owner', 'privacyRequests.create', NEW)).dueOn).toBe('2026-10-19');
    // Removing the 调休 Saturday 10 Oct moves it once more.
    await ok(world, 'owner', 'privacyRequests.setDay', { day: '2026-10-10', kind: null });
    expect((await ok<Detail>(world, 'owner', 'privacyRequests.create', NEW)).dueOn).toBe('2026-10-20');
    expect((await ok<Detail>(world, 'owner', 'privacyRequests.get', { id: old.id })).dueOn).toBe('2026-10-23');
    const settings = await ok<{ rules: { regime: string; amount: number }[]; days: { day: string; kind: string; name: string }[]; handlers: { username: string }[] }>(world, 'manager', 'privacyRequests.settings', { year: 2026 });
    expect(settings.rules.find((r) => r.regime === 'pipl')?.amount).toBe(10);
    expect(settings.days).toContainEqual({ day: '2026-10-12', kind: 'holiday', name: '店休', verify: false });
    expect(settings.days.map((d) => d.day)).not.toContain('2026-10-10');
    expect(settings.handlers.map((h) => h.username).sort()).toEqual(['anna', 'manager1']);
    expect(await call(world, 'owner', 'privacyRequests.setRule', { regime: 'pipl', amount: 0, unit: 'working-days', ackDays: null, extendAmount: 0, extendUnit: 'working-days', remindDays: 2 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(audits(world, 'privacyRequest.settings').map((r) => r.recordId)).toEqual(['pipl', '2026-10-12', '2026-10-10']);
    world.core.close();
    // Five password sign-ins per world, more after clock jumps: over the default bound on a busy machine.
  }, 90_000);

  it('days left, overdue and due-soon: the dashboard summary and the register filters follow the clock', async () => {
    const time = clock();
    const world = await accessWorld({ now: time.now });
    const mine = await ok<Detail>(world, 'owner', 'privacyRequests.create', { ...NEW, handler: 'manager1' });
    const other = await ok<Detail>(world, 'owner', 'privacyRequests.create', { ...NEW, receivedOn: '2026-09-25', handler: 'anna' });
    expect(other.dueOn).toBe('2026-10-22');
    time.to('2026-10-20');
    await wake(world, ['owner', 'manager']);
    const summary = await ok<{ open: number; overdue: number; nearest: { id: number; daysLeft: number } | null; dueSoon: { id: number; mine: boolean }[] }>(world, 'manager', 'privacyRequests.summary', {});
    expect(summary).toMatchObject({ open: 2, overdue: 0, nearest: { id: other.id, daysLeft: 2 } });
    // The reminder reaches the handler only: manager1's request is due in 3 days (PIPL reminds 3 days before).
    expect(summary.dueSoon).toEqual([{ id: mine.id, type: 'access', deadline: 'answer', dueOn: '2026-10-23', daysLeft: 3, mine: true }]);
    expect((await ok<{ dueSoon: { id: number }[] }>(world, 'owner', 'privacyRequests.summary', {})).dueSoon.map((d) => d.id)).toEqual([other.id]);
    time.to('2026-10-24');
    await wake(world, ['owner']);
    expect(await ok(world, 'owner', 'privacyRequests.summary', {})).toMatchObject({ open: 2, overdue: 2 });
    const overdue = await ok<Detail[]>(world, 'owner', 'privacyRequests.list', { filter: 'overdue' });
    expect(overdue.map((r) => [r.id, r.daysLeft, r.overdue])).toEqual([[other.id, -2, true], [mine.id, -1, true]]);
    await ok(world, 'owner', 'privacyRequests.act', { action: 'refuse', id: other.id, reason: '非本店客户' });
    expect((await ok<Detail[]>(world, 'owner', 'privacyRequests.list', { filter: 'overdue' })).map((r) => r.id)).toEqual([mine.id]);
    expect((await ok<Detail[]>(world, 'owner', 'privacyRequests.list', { filter: 'all', type: 'complaint' }))).toEqual([]);
    expect((await ok<Detail[]>(world, 'owner', 'privacyRequests.list', { filter: 'all', customerId: 1 })).length).toBe(2);
    expect(audits(world, 'privacyRequest.list').length).toBeGreaterThan(0);
    world.core.close();
    // Five password sign-ins per world, more after clock jumps: over the default bound on a busy machine.
  }, 90_000);

  it('correction: changes made while handling it are checked, linked in the audit row and the request history; anything wrong changes nothing', async () => {
    const time = clock();
    const world = await accessWorld({ now: time.now });
    const req = await ok<Detail>(world, 'owner', 'privacyRequests.create', { ...NEW, type: 'correction', customerIds: [2] });
    const access = await ok<Detail>(world, 'owner', 'privacyRequests.create', { ...NEW, customerIds: [2] });
    const before = snapshot(world);
    const update = (role: Role, requestId: number, id = 2) => call(world, role, 'customers.update', { id, changes: { company: '新公司' }, requestId });
    expect(await update('owner', req.id)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } }); // not verified yet
    await ok(world, 'owner', 'privacyRequests.act', { action: 'verify', id: req.id, method: 'phone-callback' });
    expect(await update('owner', access.id)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { requestId: 'wrong_type' } } });
    expect(await update('owner', 999)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await update('owner', req.id, 3)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { requestId: 'not_linked' } } });
    // Sales edits their own customer 1, but cannot link an edit to the register.
    expect(await call(world, 'sales', 'customers.update', { id: 1, changes: { company: 'x' }, requestId: req.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const state = JSON.parse(snapshot(world)) as unknown[];
    const was = JSON.parse(before) as unknown[];
    expect(state[0]).not.toEqual(was[0]); // the verify step itself changed the request
    expect(state[3]).toEqual(was[3]); // ... but no customer changed
    expect(await update('manager', req.id)).toMatchObject({ ok: true, value: { company: '新公司' } });
    const detail = await ok<Detail>(world, 'owner', 'privacyRequests.get', { id: req.id });
    expect(detail.events.at(-1)).toMatchObject({ kind: 'corrected', customerId: 2, fields: ['company'], by: 'manager one' });
    expect(audits(world, 'customer.update').at(-1)).toMatchObject({ username: 'manager1', recordId: '2', fields: '["company"]', reason: `request #${req.id}` });
    world.core.close();
    // Five password sign-ins per world, more after clock jumps: over the default bound on a busy machine.
  }, 90_000);

  it("the access package's requests section: this customer's requests and history, staff by display name, no other customer", async () => {
    const time = clock();
    const world = await accessWorld({ now: time.now });
    const both = await ok<Detail>(world, 'owner', 'privacyRequests.create', { ...NEW, customerIds: [1, 2] });
    await ok<Detail>(world, 'owner', 'privacyRequests.create', { ...NEW, customerIds: [2] });
    await ok(world, 'owner', 'privacyRequests.act', { action: 'note', id: both.id, note: '内部备注：老客户' });
    await ok(world, 'manager', 'privacyRequests.act', { action: 'refuse', id: both.id, reason: '身份无法核实' });
    const section = PERSON_SECTIONS.find((s) => s.key === 'requests')!;
    const rows = section.rows(world.core.vault.db(), 1);
    expect(rows.map((r) => [r.requestId, r.event, r.toState, r.byStaff])).toEqual([
      [both.id, 'created', 'received', 'Anna Example'],
      [both.id, 'linked', null, 'Anna Example'],
      [both.id, 'state', 'refused', 'manager one'],
    ]);
    expect(rows[0]).toMatchObject({ type: 'access', refusalReason: '身份无法核实' });
    const text = JSON.stringify(rows);
    for (const absent of ['Owner Customer', '内部备注', 'manager1', 'anna']) expect(text).not.toContain(absent);
    expect(section.rows(world.core.vault.db(), 3)).toEqual([]);
    world.core.close();
    // Five password sign-ins per world, more after clock jumps: over the default bound on a busy machine.
  }, 90_000);
});
