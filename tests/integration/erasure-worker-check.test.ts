import path from 'node:path';
import { expect, it } from 'vitest';
import type { CheckProgress, EraseResult, PrivacyLogEntry } from '../../shared/erasure';
import { appendAudit } from '../../electron/core/audit/audit-log';
import { eraseThenCheck } from '../../electron/core/privacy/erasure';
import { createErasureChecks } from '../../electron/core/privacy/erasure-checks';
import { describeKeychain } from '../support/keyring';
import { erasureWorld, ownerApproves, PERSON } from './erasure-helpers';
import { OWNER } from './vault-helpers';

/** Issue 16 with the after-check on the worker thread (out/main/erasure-worker.js: build first). */
const DAY = 86_400_000;

describeKeychain('erasure after-check on the worker thread', () => {
  it('the erase answers with the worker check’s result while main keeps running; the row says running until then, the log keeps the answer, progress is visible', async () => {
    const e = await erasureWorld();
    const db = e.w.core.vault.db();
    const input = { customerId: e.id, mode: 'anonymise' as const };
    const approvalId = await ownerApproves(e, input);
    // Main's event loop while the erase waits: a blocking check would let no tick and no poll through.
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 1);
    const seen = { running: 0, rowRunning: false };
    let finished = false;
    const erasing = e.value<EraseResult>('owner', 'privacy.erase', { ...input, approvalId }).finally(() => (finished = true));
    while (!finished) {
      const progress = await e.value<CheckProgress>('owner', 'privacy.checkProgress', {});
      seen.running = Math.max(seen.running, progress.running);
      const row = db.prepare("SELECT json_extract(check_detail, '$.status') AS status FROM privacy_log").get() as { status: string | null } | undefined;
      if (row?.status === 'running') seen.rowRunning = true;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    clearInterval(timer);
    const result = await erasing;
    expect(result.check).toMatchObject({ passed: true, hits: {} });
    expect(result.check.status).toBeUndefined();
    expect(result.check.scannedColumns).toBeGreaterThan(50);
    expect(seen).toEqual({ running: 1, rowRunning: true });
    expect(ticks).toBeGreaterThan(5);
    expect(await e.value('owner', 'privacy.checkProgress', {})).toEqual({ running: 0, done: 0, total: 0 });
    // Stored exactly as the in-place check stored it: the flag and the detail, in the erasure's own row.
    expect(db.prepare('SELECT check_passed AS passed, check_detail AS detail FROM privacy_log').get()).toEqual({ passed: 1, detail: JSON.stringify(result.check) });
    const log = await e.value<{ entries: PrivacyLogEntry[] }>('owner', 'privacy.log', { limit: 10 });
    expect(log.entries.map((l) => [l.id, l.check])).toEqual([[result.logId, result.check]]);
    expect(db.prepare('SELECT count(*) AS n FROM alerts').get()).toEqual({ n: 0 });
    expect(await e.value('owner', 'audit.verify', {})).toMatchObject({ ok: true });
    e.w.core.close();
  }, 90_000);

  it('a failed check (the phone written again before the worker read) is kept in the privacy log, audited and alerted; a worker that cannot run, or a check cut off by a quit, is "interrupted", never passed', async () => {
    const e = await erasureWorld();
    const core = e.w.core;
    const db = core.vault.db();
    const erased = eraseThenCheck(db, e.id, 'delete', { trigger: 'manual' })!;
    expect(erased.result.check.status).toBe('running');
    // Committed; someone writes the person's phone into another customer's notes before the check reads.
    db.prepare('UPDATE customers SET notes = ? WHERE id = ?').run(`call back ${PERSON.mobile}`, e.other);
    const checks = await core.erasureChecks.runErasureChecks([erased.job]);
    expect(checks.get(erased.result.logId)).toMatchObject({ passed: false, hits: { 'customers.notes': 1 } });
    const log = await e.value<{ entries: PrivacyLogEntry[] }>('owner', 'privacy.log', { limit: 10 });
    expect(log.entries[0]).toMatchObject({ id: erased.result.logId, check: { passed: false, hits: { 'customers.notes': 1 } } });
    expect(db.prepare('SELECT rule_id AS rule, user_id AS user, state FROM alerts').all()).toEqual([{ rule: 'erasure.check.failed', user: null, state: 'open' }]);
    expect(db.prepare("SELECT reason FROM audit_log WHERE action = 'privacy.check'").all()).toEqual([{ reason: `log ${erased.result.logId} check failed` }]);
    // The alert inbox shows it to the owner, naming no one.
    expect(await e.value('owner', 'alerts.list', {})).toMatchObject({ items: [expect.objectContaining({ rule: 'erasure.check.failed', subject: null })] });

    // No worker: the check cannot run, and says so (and alerts again).
    const broken = createErasureChecks({
      script: path.resolve('out/main/no-such-worker.js'),
      material: () => ({ ...core.vault.backupMaterial() }),
      db: () => core.vault.db(),
      audit: appendAudit,
      raiseFailed: (database, count, at) => core.monitor.raiseErasureCheck(database, count, at),
      now: Date.now,
    });
    const third = core.customers.create(core.sessions.current('owner')!, { name: '周杰', mobile: '13900003333' }).id;
    const cut = eraseThenCheck(db, third, 'anonymise', { trigger: 'manual' })!;
    expect((await broken.runErasureChecks([cut.job])).get(cut.result.logId)).toMatchObject({ passed: false, status: 'interrupted' });
    expect(db.prepare('SELECT count(*) AS n FROM alerts').get()).toEqual({ n: 2 });

    // A quit between the commit and the answer: the row stays 'running' until the next open settles it.
    const fourth = core.customers.create(core.sessions.current('owner')!, { name: '吴芳', mobile: '13900004444' }).id;
    const left = eraseThenCheck(db, fourth, 'anonymise', { trigger: 'manual' })!;
    core.vault.lock();
    await core.retryKeychain();
    const reopened = core.vault.db();
    expect(JSON.parse((reopened.prepare('SELECT check_detail AS d FROM privacy_log WHERE id = ?').get(left.result.logId) as { d: string }).d)).toMatchObject({ passed: false, status: 'interrupted' });
    expect(reopened.prepare('SELECT count(*) AS n FROM alerts').get()).toEqual({ n: 3 });
    expect(reopened.prepare('SELECT check_passed AS p FROM privacy_log ORDER BY id').all()).toEqual([{ p: 0 }, { p: 0 }, { p: 0 }]);
    core.close();
  }, 90_000);

  it('the automatic purge takes every item over 30 days, more than 10 in one run, never a held one; each has its privacy-log record with a passed check; one purge audit row', async () => {
    let t = Date.parse('2026-11-25T09:00:00Z');
    const e = await erasureWorld({ now: () => t });
    const core = e.w.core;
    const owner = core.sessions.current('owner')!;
    const ids = Array.from({ length: 13 }, (_, i) => core.customers.create(owner, { name: `测试客户${i}`, mobile: `1370000${String(1000 + i)}` }).id);
    for (const id of ids) await e.value('owner', 'customers.delete', { id });
    const held = ids[4]!;
    await e.value('owner', 'privacy.setHold', { customerId: held, hold: true });
    t += 31 * DAY;
    // Main keeps turning while the purge runs: each item is its own transaction, the loop let go in between.
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 0);
    const purged = await core.purgeRecycleBin();
    clearInterval(timer);
    expect(purged).toBe(12);
    expect(ticks).toBeGreaterThanOrEqual(12);
    const db = core.vault.db();
    expect(db.prepare(`SELECT id FROM customers WHERE id IN (${ids.join(',')})`).all()).toEqual([{ id: held }]);
    expect(db.prepare("SELECT trigger, mode, check_passed AS passed FROM privacy_log WHERE trigger = 'auto-purge'").all()).toHaveLength(12);
    expect(db.prepare('SELECT count(*) AS n FROM privacy_log WHERE check_passed = 1').get()).toEqual({ n: 12 });
    expect(db.prepare("SELECT reason FROM audit_log WHERE action = 'privacy.purge'").all()).toEqual([{ reason: 'auto 12' }]);
    expect(db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'privacy.check' AND reason LIKE '% check passed'").get()).toEqual({ n: 12 });
    // Held: still in the bin, and the next run leaves it there. (31 days on, the owner's window locked itself.)
    expect(await core.purgeRecycleBin()).toBe(0);
    if (core.sessions.current('owner')?.locked) await e.value('owner', 'session.unlock', { password: OWNER.password });
    expect(await e.value('owner', 'recycleBin.list', {})).toMatchObject({ items: [expect.objectContaining({ id: held, legalHold: true, purgeAfter: null })] });
    expect(await e.value('owner', 'audit.verify', {})).toMatchObject({ ok: true });
    core.close();
  }, 120_000);
});
