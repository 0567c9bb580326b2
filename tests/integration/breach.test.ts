import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { accessWorld, MARKERS, PASSWORD, type AccessWorld } from './access-helpers';
import { OWNER } from './vault-helpers';

/** Issue 17: a breach from "user X leaked" to the affected customers, the containment and the evidence, through the router. */
const MINUTE = 60_000;
let world: AccessWorld | undefined;
afterEach(() => world?.core.close());

type Role = Parameters<AccessWorld['caller']>[0];

async function setUp() {
  let t = Date.UTC(2026, 10, 2, 9);
  const dir = tempDir();
  let file = 0;
  const saved: string[] = [];
  const w = await accessWorld({
    now: () => t,
    pickSaveFile: async () => {
      const target = path.join(dir, `out-${(file += 1)}`);
      saved.push(target);
      return target;
    },
  });
  world = w;
  const call = (role: Role, channel: string, input: unknown) => w.router.dispatch(w.caller(role), channel, input);
  const ok = async <T = Record<string, unknown>>(role: Role, channel: string, input: unknown): Promise<T> => {
    const result = await call(role, channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message} ${JSON.stringify(result.error.fields)}`);
    return result.value as T;
  };
  return { w, call, ok, saved, at: () => new Date(t).toISOString(), tick: (minutes = 1) => (t += minutes * MINUTE), set: (ms: number) => (t = ms), now: () => t };
}

interface Detail {
  id: number;
  status: string;
  clocks: { kind: string; hours: number; dueAt: string; metAt: string | null; minutesLeft: number | null; overdue: boolean }[];
  overdue: boolean;
  evidenceSha256: string | null;
  events: { kind: string; by: string | null; detail: Record<string, unknown> }[];
  affected: { total: number; seen: number; revealed: number; exported: number; categories: Record<string, number>; customers: { id: number; name: string | null; seen: boolean; revealed: string[]; exported: string[] }[] };
}

const audits = (w: AccessWorld, action: string) =>
  w.core.vault.db().prepare('SELECT username, entity, record_id AS recordId, outcome, fields, reason FROM audit_log WHERE action = ? ORDER BY id').all(action) as Record<string, string | null>[];

describeKeychain('the breach register', () => {
  it('from "manager1 leaked" to exactly the customers they saw, revealed or exported in the window, the contact list, a notice and the evidence file', async () => {
    const { w, call, ok, saved, at, tick } = await setUp();
    const owner = w.core.sessions.current('owner')!;
    const make = (name: string, tags: string[] = []) => w.core.customers.create(owner, { name, mobile: MARKERS.mobile, tags }).id;
    const [before, seen, revealed, exportedA, exportedB, othersOnly, after] = [make('Before Window'), make('Seen One'), make('Revealed One'), make('Export A', ['leak']), make('Export B', ['leak']), make('Owner Only'), make('After Window')];
    expect((await call('manager', 'customers.get', { id: before })).ok).toBe(true);
    tick();
    const from = at();
    tick();
    expect((await call('manager', 'customers.get', { id: seen })).ok).toBe(true);
    expect((await call('manager', 'customers.reveal', { id: revealed, field: 'mobile', reason: 'calling back about an order' })).ok).toBe(true);
    // A manager's export needs the owner's yes: the normal approval path.
    const exportInput = { format: 'csv', columns: ['name', 'mobile'], filters: { tag: 'leak' } };
    const request = await ok<{ id: number }>('manager', 'approvals.request', { operation: 'customers.export', input: exportInput, reason: 'price list for the fair' });
    await ok('owner', 'approvals.decide', { id: request.id, approve: true, password: OWNER.password });
    expect(await ok('manager', 'customers.export', { ...exportInput, approvalId: request.id })).toMatchObject({ status: 'saved', rows: 2 });
    expect((await call('owner', 'customers.get', { id: othersOnly })).ok).toBe(true);
    tick();
    const to = at();
    tick();
    expect((await call('manager', 'customers.get', { id: after })).ok).toBe(true);

    const made = await ok<Detail>('owner', 'breach.create', { summary: 'Manager password seen on a sticky note by a visitor.\nReported by the cashier.', discoveredAt: at(), source: 'leaked-account', categories: ['contact'], username: 'manager1', actionsTaken: 'Account disabled, key rotated.' });
    expect(made).toMatchObject({ status: 'open', affected: { total: 0 } });
    const detail = await ok<Detail>('owner', 'breach.affected', { id: made.id, username: 'manager1', from, to });
    expect(detail.affected.customers.map((c) => c.id)).toEqual([seen, revealed, exportedA, exportedB]);
    expect(detail.affected).toMatchObject({ total: 4, revealed: 1, exported: 2, categories: { basic: 4, contact: 3, address: 0, 'id-document': 0, financial: 0, notes: 0 } });
    expect(detail.affected.customers.find((c) => c.id === revealed)).toMatchObject({ name: 'Revealed One', revealed: ['mobile'], exported: [] });
    expect(detail.affected.customers.find((c) => c.id === exportedA)).toMatchObject({ exported: ['mobile', 'name'] });
    // The question is on record with the customers it names; a manager reads the record, may not change it.
    expect(audits(w, 'breach.affected')).toEqual([expect.objectContaining({ username: OWNER.username, entity: 'breach', recordId: String(made.id) })]);
    expect((await call('manager', 'breach.get', { id: made.id })).ok).toBe(true);
    for (const role of ['sales', 'support', 'auditor'] as const) expect(await call(role, 'breach.get', { id: made.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call('manager', 'breach.affected', { id: made.id, username: 'manager1', from, to })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call('owner', 'breach.affected', { id: made.id, username: 'manager1', from: to, to: from })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });

    // The contact list goes out through the customer export: its own audit row, only the affected customers.
    expect(await ok('owner', 'breach.exportContacts', { id: made.id, format: 'csv' })).toEqual({ status: 'saved', rows: 4 });
    const list = fs.readFileSync(saved.at(-1)!, 'utf8');
    for (const name of ['Seen One', 'Revealed One', 'Export A', 'Export B']) expect(list).toContain(name);
    for (const name of ['Before Window', 'Owner Only', 'After Window']) expect(list).not.toContain(name);
    expect(audits(w, 'customer.export').at(-1)).toMatchObject({ username: OWNER.username, outcome: 'ok' });

    const notice = await ok<{ status: string; sha256: string }>('owner', 'breach.notice', { id: made.id, audience: 'regulator', language: 'zh-CN' });
    const noticeText = fs.readFileSync(saved.at(-1)!);
    expect(createHash('sha256').update(noticeText).digest('hex')).toBe(notice.sha256);
    expect(noticeText.toString('utf8')).toContain('可能受影响的人数：4');
    expect(noticeText.toString('utf8')).toContain('员工账号泄露');
    await ok('owner', 'breach.logSent', { id: made.id, audience: 'regulator', channel: 'online-form', sentAt: at(), count: 1, reference: 'CAC-2026-001' });

    const evidence = await ok<{ status: string; sha256: string }>('owner', 'breach.evidence', { id: made.id });
    const bytes = fs.readFileSync(saved.at(-1)!);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(evidence.sha256);
    const file = JSON.parse(bytes.toString('utf8')) as { audit: { verify: { ok: boolean }; head: { id: number; hash: string }; rows: { userId: number; action: string; hash: string }[] }; incident: { events: { kind: string }[] } };
    expect(file.audit.verify.ok).toBe(true);
    expect(file.audit.head.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(file.audit.rows.length).toBeGreaterThan(3);
    expect(new Set(file.audit.rows.map((r) => r.userId))).toEqual(new Set([w.userIds.manager]));
    expect(file.audit.rows.map((r) => r.action)).toEqual(expect.arrayContaining(['customer.read', 'customer.reveal', 'customer.export']));
    expect(file.incident.events.map((e) => e.kind)).toEqual(['created', 'affected', 'contacts-exported', 'notice', 'sent']);
    // No key material, no recovery key, no password hash, no customer's contact value.
    const descriptor = JSON.parse(fs.readFileSync(path.join(w.profileDir, 'vault.json'), 'utf8')) as { vaultId: string };
    const secret = await w.keychain.get(`vault-${descriptor.vaultId}`);
    expect(secret).toBeTruthy();
    const text = bytes.toString('utf8');
    for (const leak of [secret!, w.recoveryKey, MARKERS.mobile, 'scrypt', 'Revealed One']) expect(text).not.toContain(leak);
    const recorded = await ok<Detail>('owner', 'breach.get', { id: made.id });
    expect(recorded.evidenceSha256).toBe(evidence.sha256);
    expect(audits(w, 'breach.evidence')).toEqual([expect.objectContaining({ recordId: String(made.id), reason: expect.stringContaining(`sha256=${evidence.sha256}`) })]);
    expect(await ok('owner', 'audit.verify', {})).toMatchObject({ ok: true });
  }, 120_000);

  it('containment buttons take effect through the normal paths and are audited on the record', async () => {
    const { w, call, ok } = await setUp();
    const made = await ok<Detail>('owner', 'breach.create', { summary: 'Sales laptop stolen from a car.', discoveredAt: new Date(Date.UTC(2026, 10, 2, 8)).toISOString(), source: 'lost-laptop' });
    // Nothing to contain until the account is named on the record.
    expect(await call('owner', 'breach.contain', { id: made.id, action: 'end-sessions' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    await ok('owner', 'breach.update', { id: made.id, summary: 'Sales laptop stolen from a car.', discoveredAt: new Date(Date.UTC(2026, 10, 2, 8)).toISOString(), source: 'lost-laptop', username: 'sales1' });
    expect(w.core.sessions.current('sales')).toBeDefined();
    expect(await ok('owner', 'breach.contain', { id: made.id, action: 'end-sessions' })).toMatchObject({ sessionsEnded: 1 });
    expect(w.core.sessions.current('sales')).toBeUndefined();
    expect(audits(w, 'logout').at(-1)).toMatchObject({ username: OWNER.username, entity: 'user', recordId: String(w.userIds.sales) });

    await w.router.dispatch(w.caller('sales'), 'session.login', { username: 'sales1', password: PASSWORD });
    const disabled = await ok<{ sessionsEnded: number }>('owner', 'breach.contain', { id: made.id, action: 'disable-user' });
    expect(disabled.sessionsEnded).toBe(1);
    expect(w.core.vault.db().prepare("SELECT status FROM users WHERE username = 'sales1'").get()).toEqual({ status: 'disabled' });
    expect(audits(w, 'user.disable')).toEqual([expect.objectContaining({ username: OWNER.username, recordId: String(w.userIds.sales) })]);
    expect(await w.router.dispatch(w.caller('sales'), 'session.login', { username: 'sales1', password: PASSWORD })).toMatchObject({ ok: false });
    expect(await call('owner', 'breach.contain', { id: made.id, action: 'disable-user' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    const keyId = () => (JSON.parse(fs.readFileSync(path.join(w.profileDir, 'vault.json'), 'utf8')) as { keys: { current: { keyId: string } } }).keys.current.keyId;
    const before = keyId();
    expect(await call('owner', 'breach.contain', { id: made.id, action: 'rotate-key' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await call('owner', 'breach.contain', { id: made.id, action: 'rotate-key', password: 'Not the password 1' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(keyId()).toBe(before);
    await ok('owner', 'breach.contain', { id: made.id, action: 'rotate-key', password: OWNER.password });
    expect(keyId()).not.toBe(before);
    expect(audits(w, 'vault.rotateKey')).toEqual([expect.objectContaining({ username: OWNER.username, outcome: 'ok' })]);

    const detail = await ok<Detail>('owner', 'breach.get', { id: made.id });
    expect(detail.events.map((e) => e.kind)).toEqual(['created', 'updated', 'end-sessions', 'disable-user', 'rotate-key']);
    expect(audits(w, 'breach.update').map((r) => r.fields)).toEqual(['["summary","discoveredAt","occurredAt","source","categories","username","firstReport","actionsTaken"]', '["contain.endSessions"]', '["contain.disableUser"]', '["contain.rotateKey"]']);
    // Only the owner contains; the manager reads.
    expect(await call('manager', 'breach.contain', { id: made.id, action: 'end-sessions' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await ok('owner', 'audit.verify', {})).toMatchObject({ ok: true });
  }, 120_000);

  it('lists the account\'s sign-ins with the end the log proves, and one session taken as the window finds only what was seen in it', async () => {
    const { w, call, ok, at, tick } = await setUp();
    const owner = w.core.sessions.current('owner')!;
    const make = (name: string) => w.core.customers.create(owner, { name, mobile: MARKERS.mobile, tags: [] }).id;
    const [first, second, third] = [make('Morning One'), make('Night Two'), make('Still Open Three')];
    const manager = (channel: string, input: unknown) => w.router.dispatch(w.caller('manager'), channel, input);
    // manager1's own sessions: signed in at setup, reads one customer, signs out.
    tick();
    expect((await manager('customers.get', { id: first })).ok).toBe(true);
    tick();
    expect((await manager('session.logout', {})).ok).toBe(true);
    // A second sign-in nobody remembers (the leaked password): reads another, then the owner signs it out.
    tick(5);
    expect((await manager('session.login', { username: 'manager1', password: PASSWORD })).ok).toBe(true);
    tick();
    expect((await manager('customers.get', { id: second })).ok).toBe(true);
    tick();
    const made = await ok<Detail>('owner', 'breach.create', { summary: 'Password on a sticky note.', discoveredAt: at(), source: 'leaked-account', username: 'manager1' });
    tick();
    await ok('owner', 'breach.contain', { id: made.id, action: 'end-sessions' });
    // A third, still open.
    tick(3);
    expect((await manager('session.login', { username: 'manager1', password: PASSWORD })).ok).toBe(true);
    tick();
    expect((await manager('customers.get', { id: third })).ok).toBe(true);

    const signIns = await ok<{ loginId: number; startedAt: string; endedAt: string | null }[]>('owner', 'breach.signIns', { id: made.id, username: 'manager1' });
    expect(signIns).toHaveLength(3);
    const [open, forced, own] = signIns;
    expect(open!.endedAt).toBeNull();
    // Ended by the owner's "end sessions" (the owner's audit row names the account), and by manager1's own sign-out.
    const logouts = w.core.vault.db().prepare("SELECT at, username FROM audit_log WHERE action = 'logout' ORDER BY id").all() as { at: string; username: string }[];
    expect(logouts.map((l) => l.username)).toEqual(['manager1', OWNER.username]);
    expect(own!.endedAt).toBe(logouts[0]!.at);
    expect(forced!.endedAt).toBe(logouts[1]!.at);
    expect(own!.startedAt < own!.endedAt! && own!.endedAt! < forced!.startedAt && forced!.endedAt! < open!.startedAt).toBe(true);

    // The leaked session as the window: only the customer read in it.
    const affected = await ok<Detail>('owner', 'breach.affected', { id: made.id, username: 'manager1', from: forced!.startedAt, to: forced!.endedAt! });
    expect(affected.affected.customers.map((c) => c.id)).toEqual([second]);
    expect(audits(w, 'breach.read').at(-1)).toMatchObject({ username: OWNER.username, entity: 'breach', recordId: String(made.id), fields: '["signIns"]', reason: `user=${w.userIds.manager} rows=3` });

    // Typed errors, nothing written: an unknown account, an unknown incident; the manager only reads the register.
    expect(await call('owner', 'breach.signIns', { id: made.id, username: 'nobody' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await call('owner', 'breach.signIns', { id: 999, username: 'manager1' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await call('owner', 'breach.signIns', { id: made.id, username: 'manager1', extra: 1 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await call('manager', 'breach.signIns', { id: made.id, username: 'manager1' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  }, 120_000);

  it('runs the deadline clock of the regime: GDPR 72 hours, PIPL the owner\'s "immediately" figure, the optional 4-hour first report', async () => {
    const { w, ok, tick, now } = await setUp();
    const discovered = new Date(now()).toISOString();
    const base = { summary: 'Customer list found on a public share.', discoveredAt: discovered, source: 'other' };
    const pipl = await ok<Detail>('owner', 'breach.create', { ...base, firstReport: true });
    expect(pipl.clocks.map((c) => [c.kind, c.hours, c.minutesLeft])).toEqual([['first-report', 4, 240], ['authority', 24, 1440], ['individuals', 24, 1440]]);

    await ok('owner', 'breach.setImmediateHours', { hours: 12 });
    expect(await ok('manager', 'breach.settings', {})).toEqual({ regime: 'pipl', immediateHours: 12 });
    const piplTwelve = await ok<Detail>('owner', 'breach.create', base);
    expect(piplTwelve.clocks.map((c) => [c.kind, c.hours])).toEqual([['authority', 12], ['individuals', 12]]);

    await ok('owner', 'privacy.setSettings', { regime: 'gdpr', contactName: '', contactReach: '' });
    const gdpr = await ok<Detail>('owner', 'breach.create', base);
    expect(gdpr.clocks).toEqual([{ kind: 'authority', hours: 72, dueAt: new Date(Date.parse(discovered) + 72 * 3_600_000).toISOString(), metAt: null, minutesLeft: 72 * 60, overdue: false }]);
    // A running clock keeps its regime when the shop's changes later.
    expect((await ok<Detail>('owner', 'breach.get', { id: pipl.id })).clocks[1]).toMatchObject({ kind: 'authority', hours: 24 });

    // Five hours on: the first report is late; the rest still run.
    tick(5 * 60);
    await w.router.dispatch(w.caller('owner'), 'session.unlock', { password: OWNER.password });
    await w.router.dispatch(w.caller('manager'), 'session.unlock', { password: PASSWORD });
    const late = await ok<Detail>('owner', 'breach.get', { id: pipl.id });
    expect(late.clocks.map((c) => [c.kind, c.overdue, c.minutesLeft])).toEqual([['first-report', true, -60], ['authority', false, 19 * 60], ['individuals', false, 19 * 60]]);
    expect(late.overdue).toBe(true);
    expect(await ok('manager', 'breach.summary', {})).toEqual({ open: 3, overdue: 1, nearest: { id: pipl.id, kind: 'first-report', dueAt: late.clocks[0]!.dueAt, minutesLeft: -60 } });
    // Logging the regulator's report stops its clocks (met late for the first report, in time for the authority).
    const reported = await ok<Detail>('owner', 'breach.logSent', { id: pipl.id, audience: 'regulator', channel: 'online-form', sentAt: new Date(now()).toISOString(), count: 1 });
    expect(reported.clocks.map((c) => [c.kind, c.metAt !== null, c.overdue, c.minutesLeft])).toEqual([['first-report', true, true, null], ['authority', true, false, null], ['individuals', false, false, 19 * 60]]);

    // Seventy-three hours after discovery the GDPR incident is overdue until closed or reported.
    tick(68 * 60);
    await w.router.dispatch(w.caller('owner'), 'session.unlock', { password: OWNER.password });
    expect((await ok<Detail>('owner', 'breach.get', { id: gdpr.id })).clocks[0]).toMatchObject({ overdue: true, minutesLeft: -60 });
    const closed = await ok<Detail>('owner', 'breach.setStatus', { id: gdpr.id, status: 'closed', note: 'Reported by phone, see the notes.' });
    expect(closed.clocks[0]).toMatchObject({ overdue: true, minutesLeft: null });
    expect(audits(w, 'breach.update').at(-1)).toMatchObject({ fields: '["status"]', reason: 'open -> closed' });
    // Bad input changes nothing.
    const rows = () => w.core.vault.db().prepare('SELECT count(*) AS n FROM breach_incidents').get();
    const count = rows();
    expect(await w.router.dispatch(w.caller('owner'), 'breach.create', { ...base, discoveredAt: '2099-01-01T00:00:00Z' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await w.router.dispatch(w.caller('owner'), 'breach.create', { ...base, username: 'nobody' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await w.router.dispatch(w.caller('owner'), 'breach.create', { ...base, source: 'hackers' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(rows()).toEqual(count);
  }, 120_000);
});
