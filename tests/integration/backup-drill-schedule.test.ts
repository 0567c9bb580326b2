import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import type { ChannelOutput } from '../../shared/contract';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { accessWorld, type AccessWorld } from './access-helpers';

type Status = ChannelOutput<'backup.status'>;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * The monthly restore test on its own (issue 15): main's timer calls tick; a fake clock walks
 * weeks in minutes. Weekly backups keep the real worker jobs few on a shared machine.
 */
async function world(start = '2026-11-02T09:00:00Z') {
  const clock = { now: Date.parse(start) };
  const folder = tempDir('coffer-backups-');
  const w = await accessWorld({ pickFolder: async () => folder, now: () => clock.now });
  const o = w.caller('owner');
  expect(await w.router.dispatch(o, 'settings.chooseBackupFolder', {})).toMatchObject({ ok: true });
  const retention = { daily: 7, weekly: 4, monthly: 12 };
  expect(await w.router.dispatch(o, 'backup.setSchedule', { schedule: { every: 'weekly', at: '12:30', onQuit: false }, retention })).toMatchObject({ ok: true });
  const db = () => w.core.vault.db();
  return {
    w,
    clock,
    folder,
    retention,
    drills: () => db().prepare('SELECT at, passed, first_failure AS firstFailure, user_id AS userId FROM drill_reports ORDER BY id').all() as { at: string; passed: number; firstFailure: string | null; userId: number | null }[],
    drillAudit: () => db().prepare("SELECT user_id AS userId, outcome, reason FROM audit_log WHERE action = 'backup.drill' ORDER BY id").all() as { userId: number | null; outcome: string; reason: string }[],
    alerts: () => db().prepare('SELECT rule_id AS rule, user_id AS userId, state FROM alerts ORDER BY id').all(),
    backups: () => (db().prepare("SELECT count(*) AS n FROM backup_runs WHERE outcome = 'ok'").get() as { n: number }).n,
    status: (): Status => w.core.backups.status(),
    /** Ticks every six hours (main ticks every minute; nothing is due in between) for `days`. */
    async walk(days: number) {
      const end = clock.now + days * DAY;
      while (clock.now < end) {
        clock.now += 6 * HOUR;
        await w.core.backups.tick();
      }
      await w.core.backups.settled();
    },
  };
}

function close(w: AccessWorld) {
  w.core.close();
}

describeKeychain('the scheduled restore drill (fake clock)', () => {
  it('a month of ticks drills exactly once, right after a backup, audited with no actor as scheduled; the next falls due after the interval', async () => {
    const t = await world();
    expect(t.status().schedule.drillEveryDays).toBe(30);
    expect(t.status().nextDrillAt).toBe(new Date(t.clock.now).toISOString()); // never drilled: due now
    expect(await t.w.core.backups.tick()).toBe('ran'); // first backup, then its drill, in one tick
    expect(t.drills()).toHaveLength(1);
    const [first] = t.drills();
    expect(first).toMatchObject({ passed: 1, userId: null });
    const backupAt = (t.w.core.vault.db().prepare("SELECT finished_at AS at FROM backup_runs WHERE outcome = 'ok'").get() as { at: string }).at;
    expect(Date.parse(first!.at)).toBeGreaterThanOrEqual(Date.parse(backupAt)); // after the backup, not before
    expect(t.drillAudit()).toEqual([{ userId: null, outcome: 'ok', reason: 'scheduled; passed' }]);
    expect(t.status().nextDrillAt).toBe(new Date(Date.parse(first!.at) + 30 * DAY).toISOString());

    await t.walk(29);
    expect(t.backups()).toBeGreaterThanOrEqual(4); // the weekly backups ran...
    expect(t.drills()).toHaveLength(1); // ...without a drill each
    expect(t.status().warnings).not.toContain('no-drill');
    expect(t.status().warnings).not.toContain('drill-missed');

    await t.walk(8); // the interval is up: the next weekly backup is drilled
    expect(t.drills()).toHaveLength(2);
    expect(t.drillAudit().map((a) => a.reason)).toEqual(['scheduled; passed', 'scheduled; passed']);
    expect(fs.readdirSync(path.join(t.w.core.vault.backupMaterial().profileDir, 'scratch'))).toEqual([]);
    close(t.w);
  }, 240_000);

  it('a corrupt backup fails the scheduled drill: the report is kept, the audit row says failed, status says drill-failed', async () => {
    const t = await world();
    // The backup file is damaged between the backup and its drill (the disk, not Coffer).
    const off = t.w.core.backups.onChange((task, phase) => {
      if (task !== 'drill' || phase !== 'started') return;
      const [file] = fs.readdirSync(t.folder).filter((f) => f.endsWith('.cofferbak'));
      const full = path.join(t.folder, file!);
      const bytes = fs.readFileSync(full);
      bytes.writeUInt8(bytes.readUInt8(bytes.length - 40) ^ 0x80, bytes.length - 40);
      fs.writeFileSync(full, bytes);
    });
    expect(await t.w.core.backups.tick()).toBe('ran');
    off();
    expect(t.drills()).toMatchObject([{ passed: 0, firstFailure: 'authenticate', userId: null }]);
    expect(t.drillAudit()).toEqual([{ userId: null, outcome: 'failed', reason: 'scheduled; authenticate' }]);
    // The alert inbox has it too (monitoring's drill.failed rule), about no one.
    expect(t.alerts()).toEqual([{ rule: 'drill.failed', userId: null, state: 'open' }]);
    expect(t.status().lastDrill).toMatchObject({ passed: false });
    expect(t.status().warnings).toEqual(expect.arrayContaining(['drill-failed', 'no-drill']));
    // A passing drill of a fresh backup clears it.
    t.clock.now += 60_000;
    const fresh = await t.w.core.backups.backup('manual', null);
    expect(await t.w.core.backups.drill(null, fresh.fileName)).toMatchObject({ passed: true });
    expect(t.status().warnings).not.toContain('drill-failed');
    expect(t.status().warnings).not.toContain('no-drill');
    close(t.w);
  }, 120_000);

  it('no drill passing for the interval plus 7 days gives drill-missed, alerted once in the audit log', async () => {
    const t = await world();
    expect(await t.w.core.backups.tick()).toBe('ran');
    expect(t.drills()).toHaveLength(1);
    fs.rmSync(t.folder, { recursive: true }); // the USB disk is unplugged: backups, and so drills, stop
    t.clock.now += 36 * DAY;
    await t.w.core.backups.tick();
    expect(t.status().warnings).not.toContain('drill-missed');
    t.clock.now += 2 * DAY; // 38 days: past 30 + 7
    expect(t.status().warnings).toContain('drill-missed');
    await t.w.core.backups.tick();
    await t.w.core.backups.tick();
    expect(t.drillAudit().filter((a) => a.reason.startsWith('scheduled; missed'))).toEqual([{ userId: null, outcome: 'failed', reason: expect.stringContaining('missed since') }]);
    expect(t.alerts()).toEqual([{ rule: 'drill.missed', userId: null, state: 'open' }]); // once, like the audit row
    expect(t.drills()).toHaveLength(1); // an alert, not a drill report
    close(t.w);
  }, 120_000);

  it('a manual drill resets the schedule', async () => {
    const t = await world();
    expect(await t.w.core.backups.tick()).toBe('ran');
    await t.walk(20);
    await t.w.core.backups.drill(null); // the owner's drill on day 20
    expect(t.drills()).toHaveLength(2);
    const manualAt = Date.parse(t.drills()[1]!.at);
    expect(t.status().nextDrillAt).toBe(new Date(manualAt + 30 * DAY).toISOString());
    await t.walk(28); // day 48: a scheduled drill would have run on day ~35 without the reset
    expect(t.drills()).toHaveLength(2);
    await t.walk(9);
    expect(t.drills()).toHaveLength(3);
    expect(t.drillAudit().map((a) => a.reason)).toEqual(['scheduled; passed', 'passed', 'scheduled; passed']);
    close(t.w);
  }, 240_000);

  it('never drills while the vault is locked, nor when it locked during the backup', async () => {
    const t = await world();
    t.w.core.vault.lock();
    expect(await t.w.core.backups.tick()).toBe('idle');
    await t.w.core.vault.unlockFromKeychain();
    const off = t.w.core.backups.onChange((task, phase) => {
      if (task === 'backup' && phase === 'finished') t.w.core.vault.lock();
    });
    expect(await t.w.core.backups.tick()).toBe('ran');
    off();
    await t.w.core.backups.settled();
    expect(t.w.core.vault.state()).toBe('locked');
    await t.w.core.vault.unlockFromKeychain();
    expect(t.backups()).toBe(1);
    expect(t.drills()).toHaveLength(0);
    await t.walk(8); // the next backup is drilled
    expect(t.drills()).toHaveLength(1);
    close(t.w);
  }, 120_000);

  it('the owner sets the interval; bad input is a typed error that changes nothing', async () => {
    const t = await world();
    const o = t.w.caller('owner');
    const schedule = { every: 'weekly', at: '12:30', onQuit: false };
    for (const bad of [6, 91, 7.5, '30', null]) {
      expect(await t.w.router.dispatch(o, 'backup.setSchedule', { schedule: { ...schedule, drillEveryDays: bad }, retention: t.retention })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    expect(t.status().schedule.drillEveryDays).toBe(30);
    expect(await t.w.router.dispatch(t.w.caller('manager'), 'backup.setSchedule', { schedule: { ...schedule, drillEveryDays: 7 }, retention: t.retention })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await t.w.router.dispatch(o, 'backup.setSchedule', { schedule: { ...schedule, drillEveryDays: 90 }, retention: t.retention })).toMatchObject({ ok: true });
    expect(t.status().schedule.drillEveryDays).toBe(90);
    // Left out (older callers), it stays as it was.
    expect(await t.w.router.dispatch(o, 'backup.setSchedule', { schedule, retention: t.retention })).toMatchObject({ ok: true });
    expect(t.status().schedule.drillEveryDays).toBe(90);
    const audit = t.w.core.vault.db().prepare("SELECT reason FROM audit_log WHERE action = 'settings.change' ORDER BY id DESC LIMIT 1").get() as { reason: string };
    expect(audit.reason).toContain('drill every 90 days');
    close(t.w);
  });
});
