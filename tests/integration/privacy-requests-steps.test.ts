import { expect, it } from 'vitest';
import { DEFAULT_APPROVAL_POLICY } from '../../shared/approvals';
import { writePrivacySettings } from '../../electron/core/privacy/privacy-settings-repository';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { accessWorld, PASSWORD } from './access-helpers';
import { OWNER } from './vault-helpers';

/**
 * Issue 16, around the register: steps started from a request (access package, erasure, consent
 * withdrawal) land in its history; re-assign and unlink; CCPA's acknowledgement as a deadline;
 * the 2027 holidays. Through the router, real vault and keychain.
 */
type World = Awaited<ReturnType<typeof accessWorld>>;
type Role = Parameters<World['caller']>[0];
const DAY = 86_400_000;

function clock(start = Date.UTC(2026, 8, 28, 10)) {
  let at = start;
  return { now: () => at, to: (iso: string) => (at = Date.parse(`${iso}T10:00:00Z`)), advance: (days: number) => (at += days * DAY) };
}
async function wake(world: World, roles: readonly Role[]) {
  for (const role of roles) await world.router.dispatch(world.caller(role), 'session.unlock', { password: PASSWORD });
}
const call = (world: World, role: Role, channel: string, input: unknown) => world.router.dispatch(world.caller(role), channel, input);
async function ok<T = Record<string, unknown>>(world: World, role: Role, channel: string, input: unknown): Promise<T> {
  const result = await call(world, role, channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message} ${JSON.stringify(result.error.fields)}`);
  return result.value as T;
}
const audits = (world: World, action: string) =>
  world.core.vault.db().prepare('SELECT username, record_id AS recordId, fields, reason, customer_ids AS customerIds FROM audit_log WHERE action = ? ORDER BY id').all(action) as Record<string, unknown>[];
const history = (world: World) => JSON.stringify(world.core.vault.db().prepare('SELECT * FROM privacy_request_events ORDER BY id').all());

interface Detail {
  id: number;
  state: string;
  dueOn: string;
  daysLeft: number | null;
  overdue: boolean;
  ackDueOn: string | null;
  ackDaysLeft: number | null;
  ackOverdue: boolean;
  handlerName: string | null;
  customers: { id: number; name: string | null }[];
  events: { kind: string; by: string; customerId: number | null; fields: string[]; note: string | null }[];
}
const NEW = { type: 'access', receivedOn: '2026-09-28', channel: 'in-store', summary: '', customerIds: [1] };
const make = (world: World, input: Record<string, unknown>) => ok<Detail>(world, 'owner', 'privacyRequests.create', { ...NEW, ...input });
const verify = (world: World, id: number) => ok<Detail>(world, 'owner', 'privacyRequests.act', { action: 'verify', id, method: 'id-card-seen' });
const WITHDRAW = { customerId: 1, purpose: 'marketing-sms', event: 'withdrawn', separate: false, evidenceSource: 'in-store-verbal', evidenceDate: '2026-09-28' };

describeKeychain('steps started from a request', () => {
  it('access package, consent withdrawal: only for a verified request of the matching type about a linked customer; the step lands in the history with the audit row', async () => {
    const folder = tempDir('coffer-steps-');
    const time = clock();
    const world = await accessWorld({ now: time.now, pickFolder: async () => folder });
    const access = await make(world, { type: 'portability' });
    const withdrawal = await make(world, { type: 'withdrawal' });
    const before = history(world);
    const pkg = (requestId: number, customerId = 1) => call(world, 'owner', 'privacy.accessPackage', { customerId, requestId });
    expect(await pkg(access.id)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } }); // not verified
    await verify(world, access.id);
    await verify(world, withdrawal.id);
    const afterVerify = history(world);
    expect(await pkg(withdrawal.id)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { requestId: 'wrong_type' } } });
    expect(await pkg(access.id, 2)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { requestId: 'not_linked' } } });
    expect(await pkg(999)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(history(world)).toBe(afterVerify);
    expect(afterVerify).not.toBe(before);
    const saved = await ok<{ sha256: string; contents: { section: string }[] }>(world, 'owner', 'privacy.accessPackage', { customerId: 1, requestId: access.id });
    const detail = await ok<Detail>(world, 'owner', 'privacyRequests.get', { id: access.id });
    expect(detail.events.at(-1)).toEqual(expect.objectContaining({ kind: 'package', customerId: 1, by: 'Anna Example', note: `sha256=${saved.sha256}`, fields: saved.contents.map((c) => c.section) }));
    expect(audits(world, 'customer.accessPackage').at(-1)).toMatchObject({ recordId: '1', reason: expect.stringContaining(`request=${access.id}`) });

    // Consent: a grant cannot answer a withdrawal request; sales (own customer 1) cannot link to the register.
    expect(await call(world, 'owner', 'consent.record', { ...WITHDRAW, event: 'granted', basis: 'consent', separate: true, requestId: withdrawal.id })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: { requestId: 'not_withdrawal' } },
    });
    expect(await call(world, 'sales', 'consent.record', { ...WITHDRAW, requestId: withdrawal.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call(world, 'owner', 'consent.record', { ...WITHDRAW, requestId: access.id })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { requestId: 'wrong_type' } } });
    expect((await ok<{ events: unknown[] }>(world, 'owner', 'consent.history', { customerId: 1 })).events).toEqual([]);
    await ok(world, 'manager', 'consent.record', { ...WITHDRAW, requestId: withdrawal.id });
    const withdrawn = await ok<Detail>(world, 'owner', 'privacyRequests.get', { id: withdrawal.id });
    expect(withdrawn.events.at(-1)).toEqual(expect.objectContaining({ kind: 'withdrawn', customerId: 1, by: 'manager one', note: 'purpose=marketing-sms' }));
    expect((await ok<{ events: { event: string }[] }>(world, 'owner', 'consent.history', { customerId: 1 })).events.map((e) => e.event)).toEqual(['withdrawn']);
    world.core.close();
  }, 120_000);

  it('erasure: a deletion request is checked before the approval is asked for, and the erasure lands in its history with the privacy-log id', async () => {
    const time = clock(Date.now());
    const world = await accessWorld({ now: time.now });
    const today = new Date(time.now()).toISOString().slice(0, 10);
    const deletion = await make(world, { type: 'deletion', receivedOn: today });
    const access = await make(world, { type: 'access', receivedOn: today });
    await verify(world, access.id);
    // Wrong type and unverified: refused before any approval is requested.
    expect(await call(world, 'owner', 'privacy.erase', { customerId: 1, mode: 'anonymise', requestId: access.id })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { requestId: 'wrong_type' } } });
    expect(await call(world, 'owner', 'privacy.erase', { customerId: 1, mode: 'anonymise', requestId: deletion.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    await verify(world, deletion.id);
    const input = { customerId: 1, mode: 'anonymise' as const, requestId: deletion.id };
    expect(await call(world, 'owner', 'privacy.erase', input)).toMatchObject({ ok: false, error: { code: 'APPROVAL_REQUIRED' } });
    await ok(world, 'owner', 'approvals.setPolicy', { ...DEFAULT_APPROVAL_POLICY, coolingOffMinutes: 0 });
    const approval = await ok<{ id: number; state: string }>(world, 'owner', 'approvals.request', { operation: 'privacy.erase', input, reason: 'asked to be forgotten', confirmSummary: '1', password: OWNER.password });
    expect(approval.state).toBe('approved');
    const approvalId = approval.id;
    const result = await ok<{ logId: number }>(world, 'owner', 'privacy.erase', { ...input, approvalId });
    const detail = await ok<Detail>(world, 'owner', 'privacyRequests.get', { id: deletion.id });
    expect(detail.events.at(-1)).toEqual(expect.objectContaining({ kind: 'erased', customerId: 1, note: `anonymise log ${result.logId}` }));
    // The request still says who it was about (by id); the name is no longer there (pseudonym or none).
    expect(detail.customers.map((c) => c.id)).toEqual([1]);
    expect(JSON.stringify(detail)).not.toContain('王伟');
    world.core.close();
  }, 120_000);

  it('re-assign and unlink: owner and manager only, audited, with a reason; a closed request keeps its customers', async () => {
    const time = clock();
    const world = await accessWorld({ now: time.now });
    const req = await make(world, { customerIds: [1, 2], handler: 'manager1' });
    expect(req.handlerName).toBe('manager one');
    expect((await ok<Detail>(world, 'manager', 'privacyRequests.act', { action: 'assign', id: req.id, handler: OWNER.username })).handlerName).toBe('Anna Example');
    expect(await call(world, 'owner', 'privacyRequests.act', { action: 'assign', id: req.id, handler: 'sales1' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { handler: 'not_a_handler' } } });
    for (const role of ['auditor', 'sales'] as const) {
      expect(await call(world, role, 'privacyRequests.act', { action: 'assign', id: req.id, handler: OWNER.username })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await call(world, role, 'privacyRequests.act', { action: 'unlink', id: req.id, customerId: 2, reason: 'x' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(await call(world, 'owner', 'privacyRequests.act', { action: 'unlink', id: req.id, customerId: 2 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await call(world, 'owner', 'privacyRequests.act', { action: 'unlink', id: req.id, customerId: 2, reason: '  ' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await call(world, 'owner', 'privacyRequests.act', { action: 'unlink', id: req.id, customerId: 3, reason: '同名' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', fields: { customerId: 'not_linked' } } });
    const unlinked = await ok<Detail>(world, 'manager', 'privacyRequests.act', { action: 'unlink', id: req.id, customerId: 2, reason: '同名，不是这位客户' });
    expect(unlinked.customers.map((c) => c.id)).toEqual([1]);
    expect(unlinked.events.slice(-2)).toEqual([expect.objectContaining({ kind: 'assigned', note: 'Anna Example', by: 'manager one' }), expect.objectContaining({ kind: 'unlinked', customerId: 2, note: '同名，不是这位客户' })]);
    expect(audits(world, 'privacyRequest.update').slice(-2)).toEqual([
      expect.objectContaining({ username: 'manager1', recordId: String(req.id), fields: '["assign"]' }),
      expect.objectContaining({ username: 'manager1', recordId: String(req.id), fields: '["unlink"]', customerIds: '2' }),
    ]);
    // Linked again, then the request is finished: its customers stay.
    await ok(world, 'owner', 'privacyRequests.act', { action: 'link', id: req.id, customerId: 2 });
    await ok(world, 'owner', 'privacyRequests.act', { action: 'refuse', id: req.id, reason: '身份无法核实' });
    await ok(world, 'owner', 'privacyRequests.act', { action: 'close', id: req.id });
    expect(await call(world, 'owner', 'privacyRequests.act', { action: 'unlink', id: req.id, customerId: 2, reason: '同名' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await ok<Detail>(world, 'owner', 'privacyRequests.get', { id: req.id })).customers.map((c) => c.id)).toEqual([1, 2]);
    world.core.close();
  }, 120_000);

  it("CCPA: the acknowledgement is a deadline in the list, the overdue count and the reminder until it is recorded", async () => {
    const time = clock();
    const world = await accessWorld({ now: time.now });
    writePrivacySettings(world.core.vault.db(), { regime: 'ccpa', contactName: '', contactReach: '' }, 'now');
    const req = await make(world, {});
    // 10 business days from Monday 28 September: Monday 12 October; the answer 45 days later.
    expect(req).toMatchObject({ ackDueOn: '2026-10-12', ackDaysLeft: 14, ackOverdue: false, dueOn: '2026-11-12', daysLeft: 45 });
    let summary = await ok<{ overdue: number; nearest: { deadline: string; dueOn: string }; dueSoon: { deadline: string; dueOn: string }[] }>(world, 'owner', 'privacyRequests.summary', {});
    expect(summary).toMatchObject({ overdue: 0, nearest: { id: req.id, deadline: 'ack', dueOn: '2026-10-12' }, dueSoon: [] });
    time.to('2026-10-08'); // 4 days before: inside CCPA's 5-day reminder
    await wake(world, ['owner']);
    summary = await ok(world, 'owner', 'privacyRequests.summary', {});
    expect(summary.dueSoon).toEqual([{ id: req.id, type: 'access', deadline: 'ack', dueOn: '2026-10-12', daysLeft: 4, mine: false }]);
    time.to('2026-10-14');
    await wake(world, ['owner']);
    expect(await ok(world, 'owner', 'privacyRequests.summary', {})).toMatchObject({ open: 1, overdue: 1 });
    const listed = await ok<Detail[]>(world, 'owner', 'privacyRequests.list', { filter: 'overdue' });
    expect(listed.map((r) => [r.id, r.overdue, r.ackOverdue, r.ackDaysLeft])).toEqual([[req.id, false, true, -2]]);
    const acknowledged = await ok<Detail>(world, 'owner', 'privacyRequests.act', { action: 'acknowledge', id: req.id, on: '2026-10-13' });
    expect(acknowledged).toMatchObject({ ackDaysLeft: null, ackOverdue: false, acknowledgedOn: '2026-10-13' });
    expect(await ok(world, 'owner', 'privacyRequests.summary', {})).toMatchObject({ overdue: 0, nearest: { deadline: 'answer', dueOn: '2026-11-12' } });
    expect(await ok<Detail[]>(world, 'owner', 'privacyRequests.list', { filter: 'overdue' })).toEqual([]);
    world.core.close();
  }, 120_000);

  it('2027: a PIPL request received late December 2026 counts over 元旦 2027 from the shipped table, flagged verify until the owner confirms a day', async () => {
    const time = clock(Date.UTC(2026, 11, 24, 10));
    const world = await accessWorld({ now: time.now });
    // Thursday 24 December + 15 working days, 1 January 2027 off: Friday 15 January (without the 2027 table: the 14th).
    const req = await make(world, { receivedOn: '2026-12-24' });
    expect(req.dueOn).toBe('2027-01-15');
    const settings = await ok<{ days: { day: string; kind: string; verify: boolean }[] }>(world, 'manager', 'privacyRequests.settings', { year: 2027 });
    expect(settings.days.find((d) => d.day === '2027-01-01')).toMatchObject({ kind: 'holiday', verify: true });
    expect(settings.days.find((d) => d.day === '2027-02-06')).toMatchObject({ kind: 'holiday', verify: true });
    // The owner checks it against the State Council notice: an edit clears the flag; a make-up working day counts.
    await ok(world, 'owner', 'privacyRequests.setDay', { day: '2027-01-01', kind: 'holiday', name: '元旦' });
    await ok(world, 'owner', 'privacyRequests.setDay', { day: '2027-01-09', kind: 'workday', name: '调休上班' });
    const confirmed = await ok<{ days: { day: string; verify: boolean }[] }>(world, 'owner', 'privacyRequests.settings', { year: 2027 });
    expect(confirmed.days.filter((d) => d.day < '2027-01-10')).toEqual([expect.objectContaining({ day: '2027-01-01', verify: false }), expect.objectContaining({ day: '2027-01-09', verify: false })]);
    // A request received after the edit uses it (received earlier: its deadline was fixed at receipt).
    expect((await make(world, { receivedOn: '2026-12-24' })).dueOn).toBe('2027-01-14');
    expect((await ok<Detail>(world, 'owner', 'privacyRequests.get', { id: req.id })).dueOn).toBe('2027-01-15');
    world.core.close();
  }, 120_000);
});
