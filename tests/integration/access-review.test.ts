import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import { expect, it } from 'vitest';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { accessWorld, PASSWORD } from './access-helpers';
import { OWNER, approvalsOff } from './vault-helpers';

/** Issue 15, access review: figures checked against what was done through the router. */
type World = Awaited<ReturnType<typeof accessWorld>>;
type Review = { periodDays: number; unusedDays: number; due: boolean; lastReviewedAt: string | null; users: Record<string, unknown>[] };
const DAY = 24 * 60 * 60 * 1000;

function clock(start = Date.UTC(2026, 9, 1, 9)) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

async function review(world: World, periodDays: 30 | 90 | 180 | 365): Promise<Review> {
  const answer = await world.router.dispatch(world.caller('owner'), 'users.accessReview', { periodDays });
  if (!answer.ok) throw new Error(answer.error.code);
  return answer.value as Review;
}
const byName = (r: Review) => Object.fromEntries(r.users.map((u) => [u.username as string, u]));

/** After a clock jump every window is idle-locked: each signs in again with its password. */
async function unlockAll(world: World) {
  for (const role of ['owner', 'manager', 'sales', 'support', 'auditor'] as const) {
    await world.router.dispatch(world.caller(role), 'session.unlock', { password: role === 'owner' ? OWNER.password : PASSWORD });
  }
}

describeKeychain('the access review', { timeout: 180_000 }, () => {
  it('counts reveals, exports and deletes per account in the period, flags unused accounts, and one click disables one', async () => {
    const c = clock();
    const folder = tempDir();
    let n = 0;
    const world = await accessWorld({ now: c.now, pickSaveFile: async () => path.join(folder, `file-${++n}.xlsx`) });
    const owner = world.caller('owner');
    // Day 0: sales reveals two values of their own customer; the manager deletes one customer.
    for (const field of ['mobile', 'email'] as const) {
      expect(await world.router.dispatch(world.caller('sales'), 'customers.reveal', { id: 1, field, reason: 'calling back about an order' })).toMatchObject({ ok: true });
    }
    expect(await world.router.dispatch(world.caller('manager'), 'customers.delete', { id: 3 })).toMatchObject({ ok: true });
    // Only the owner may see the review.
    for (const role of ['manager', 'sales', 'support', 'auditor'] as const) {
      expect(await world.router.dispatch(world.caller(role), 'users.accessReview', { periodDays: 90 }), role).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }

    // Day 40: sales signs in again; the owner exports customers twice.
    c.advance(40 * DAY);
    await unlockAll(world);
    await world.router.dispatch(world.caller('sales'), 'session.logout', {});
    expect(await world.router.dispatch(world.caller('sales'), 'session.login', { username: 'sales1', password: PASSWORD })).toMatchObject({ ok: true });
    // Issue 15 gates an owner's export of everyone; this test counts exports, not approvals.
    approvalsOff(world.core, world.core.sessions.current('owner')!);
    for (let i = 0; i < 2; i++) {
      expect(await world.router.dispatch(owner, 'customers.export', { format: 'xlsx', columns: ['name'] })).toMatchObject({ ok: true, value: { status: 'saved' } });
    }

    const month = byName(await review(world, 30));
    // The reveals and the delete were 40 days ago: outside a 30-day period, inside 90.
    expect(month.sales1).toMatchObject({ role: 'sales', status: 'active', reveals: 0, exports: 0, deletes: 0, customersOwned: 1, unused: false, has2fa: false });
    expect(month.anna).toMatchObject({ role: 'owner', exports: 2, reveals: 0, customersOwned: 1 });
    expect(month.manager1).toMatchObject({ deletes: 0, unused: true });
    const quarter = await review(world, 90);
    expect(quarter).toMatchObject({ periodDays: 90, unusedDays: 30 });
    const q = byName(quarter);
    expect(q.sales1).toMatchObject({ reveals: 2, exports: 0, deletes: 0 });
    expect(q.manager1).toMatchObject({ deletes: 1, reveals: 0, unused: true, lastLoginAt: new Date(Date.UTC(2026, 9, 1, 9)).toISOString() });
    expect(q.anna).toMatchObject({ exports: 2, alerts: 0, approvalsRequested: 0, approvalsGiven: 0, dataRulesVersion: null });
    // Signed in today: not unused. Never signed in since day 0: unused (support, auditor too).
    expect(q.support1).toMatchObject({ unused: true });
    expect(q.sales1!.lastLoginAt).toBe(new Date(c.now()).toISOString());

    // The stale-account setting is the one threshold: 60 days and nobody is unused.
    expect(await world.router.dispatch(owner, 'settings.setStaleDays', { days: 60 })).toMatchObject({ ok: true });
    expect((await review(world, 90)).users.filter((u) => u.unused)).toEqual([]);
    await world.router.dispatch(owner, 'settings.setStaleDays', { days: 30 });

    // One click from the report: users.setStatus, not gated for a non-owner.
    expect(await world.router.dispatch(owner, 'users.setStatus', { username: 'manager1', status: 'disabled' })).toMatchObject({ ok: true, value: { status: 'disabled' } });
    expect(byName(await review(world, 90)).manager1).toMatchObject({ status: 'disabled', unused: false });

    // Looking is audited as a read of the users, with the period.
    const reads = world.core.vault.db().prepare("SELECT username, entity, reason FROM audit_log WHERE action = 'user.accessReview' ORDER BY id").all();
    expect(reads[0]).toEqual({ username: 'anna', entity: 'user', reason: 'period 30 days' });
    expect(reads).toHaveLength(4);
    world.core.close();
  });

  it('exports a real .xlsx through the save dialog, audited with its SHA-256, with no personal data in the file name', async () => {
    const folder = tempDir();
    const world = await accessWorld({
      pickSaveFile: async () => path.join(folder, 'review.xlsx'),
    });
    await world.router.dispatch(world.caller('sales'), 'customers.reveal', { id: 1, field: 'mobile', reason: 'calling back about an order' });
    const saved = await world.router.dispatch(world.caller('owner'), 'users.accessReviewExport', { periodDays: 30 });
    expect(saved).toEqual({ ok: true, value: { status: 'saved', rows: 5 } });
    const bytes = fs.readFileSync(path.join(folder, 'review.xlsx'));
    const sheet = XLSX.read(bytes, { type: 'buffer' });
    const rows = XLSX.utils.sheet_to_json<string[]>(sheet.Sheets[sheet.SheetNames[0]!]!, { header: 1, raw: false });
    expect(rows[0]).toEqual(['Access review 账号权限复核']);
    const headings = rows.findIndex((r) => r[0] === 'Username 用户名');
    expect(headings).toBeGreaterThan(0);
    const table = rows.slice(headings + 1);
    const col = (name: string) => rows[headings]!.findIndex((h) => h.startsWith(name));
    const sales = table.find((r) => r[0] === 'sales1')!;
    expect(sales[col('Reveals')]).toBe('1');
    expect(sales[col('Role')]).toBe('sales');
    expect(table.map((r) => r[0]).sort()).toEqual(['anna', 'auditor1', 'manager1', 'sales1', 'support1']);
    // The audit row names the file by its hash, and nothing is left in the folder but the file.
    const row = world.core.vault.db().prepare("SELECT username, reason FROM audit_log WHERE action = 'user.accessReviewExport'").get() as { username: string; reason: string };
    expect(row.username).toBe('anna');
    expect(row.reason).toContain(`sha256=${createHash('sha256').update(bytes).digest('hex')}`);
    expect(fs.readdirSync(folder)).toEqual(['review.xlsx']);
    world.core.close();
  });

  it('cancelled save dialog: nothing written, nothing audited; the suggested name carries no personal data', async () => {
    const names: string[] = [];
    const world = await accessWorld({ pickSaveFile: async (...args: unknown[]) => (names.push(String(args[0])), null) });
    expect(await world.router.dispatch(world.caller('owner'), 'users.accessReviewExport', { periodDays: 90 })).toEqual({ ok: true, value: { status: 'cancelled' } });
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/^coffer-access-review-\d{8}\.xlsx$/);
    expect(world.core.vault.db().prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'user.accessReviewExport'").get()).toEqual({ n: 0 });
    world.core.close();
  });

  it('quarterly reminder: due 90 days after the shop began or the last review, owner only; marking it reviewed is audited', async () => {
    // From the real time: accessWorld's extra accounts are created at it.
    const c = clock(Date.now());
    const world = await accessWorld({ now: c.now });
    const status = async (role: 'owner' | 'manager') => {
      const answer = await world.router.dispatch(world.caller(role), 'app.status', {});
      return answer.ok ? (answer.value as { accessReviewDue: boolean | null }).accessReviewDue : 'error';
    };
    expect(await status('owner')).toBe(false);
    c.advance(91 * DAY);
    await unlockAll(world);
    expect(await status('owner')).toBe(true);
    expect(await status('manager')).toBeNull();
    expect(await world.router.dispatch(world.caller('manager'), 'users.accessReviewDone', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const done = await world.router.dispatch(world.caller('owner'), 'users.accessReviewDone', {});
    expect(done).toEqual({ ok: true, value: { lastReviewedAt: new Date(c.now()).toISOString() } });
    expect(await status('owner')).toBe(false);
    expect(await review(world, 90)).toMatchObject({ due: false, lastReviewedAt: new Date(c.now()).toISOString() });
    expect(world.core.vault.db().prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'user.accessReviewDone' AND username = 'anna'").get()).toEqual({ n: 1 });
    c.advance(91 * DAY);
    await unlockAll(world);
    expect(await status('owner')).toBe(true);
    world.core.close();
  });
});
