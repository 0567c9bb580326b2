import path from 'node:path';
import { DRILL_GRACE_DAYS, type BackupProgress, type BackupStatus } from '../../../shared/backup';
import { CofferError } from '../../../shared/errors';
import { auditActor, type Session } from '../auth/session-service';
import type { AuditFn } from '../customers/customer-service';
import { setMeta } from '../db/meta-repository';
import type { VaultService } from '../vault/vault-service';
import { readBackupFolder } from '../settings/backup-folder';
import { recordRestore } from '../audit/audit-anchors';
import { liveAnchorsCheck } from './anchored-verify';
import { listBackups, type ListedBackup } from './backup-files';
import { insertDrillReport, lastBackupRun, lastPassedDrillAt, listDrillReports, recordBackupRun, type BackupTrigger, type StoredDrillReport } from './backup-repository';
import { deviceIdOf, dueAt, readRetention, readSchedule } from './backup-settings';
import { backupStatus } from './backup-status';
import type { BackupJobResult, DrillReport } from './backup-jobs';
import type { JobRunner } from './job-runner';
import { removeLeftovers, type LeftoversRemoved } from './leftovers';
import { restoreInPlace } from './restore-in-place';
import type { ApprovalTicket } from '../approvals/approval-gate';
import { watchSnapshot } from './snapshot-progress';
import { pruneBackups, type RetentionPolicy } from './retention';
import { drillMissed, nextDrillAt, type BackupSchedule } from './schedule';
import { raiseDrillAlert, type DrillInbox } from './drill-alert';
import type { PublishFs } from './publish';
import { NO_LEDGER, type DecisionLedger, type LedgerRestoreOutcome } from '../privacy/ledger-service';
import { liveLedger } from '../privacy/ledger-repository';
import { chooseSecondBackupFolder, copyToSecondFolder, readSecondFolder, recordCopy, removeSecondFolder } from './second-folder';
import type { PickFolder } from '../settings/backup-folder';

// The device id and the schedule, for callers that knew them from here.
export { deviceIdOf, readSchedule } from './backup-settings';

/**
 * Backups and restore drills: one job at a time, each in a worker thread; every run and drill
 * is recorded in the vault and audited in the same transaction. `tick` is the scheduler: main
 * calls it every minute and at start, so a slot missed while the laptop was closed runs then.
 */
export function createBackupService(deps: { vault: VaultService; profileDir: string; audit: AuditFn; runner: JobRunner; appVersion: string; endSessions?: () => void; ledger?: DecisionLedger | undefined; now?: () => number; secondFolderFs?: PublishFs; drillInbox?: DrillInbox }) {
  const now = () => new Date((deps.now ?? Date.now)());
  type Task = NonNullable<BackupStatus['running']>['task'];
  let running: BackupProgress | null = null;
  const busyMessage: Record<Task, string> = {
    backup: 'A backup is already running. Wait for it to finish.',
    drill: 'A restore drill is running. Wait for it to finish.',
    restore: 'A restore is running. Wait for it to finish.',
  };

  // Pruning old backups runs after a backup is reported done (deleting a 300 MB file takes half a
  // second nobody needs to wait for); the next job waits for it, so jobs still never overlap.
  let housekeeping: Promise<unknown> = Promise.resolve();

  let current: Promise<unknown> = Promise.resolve();

  // Who wants to know that a job started or ended (main tells the window to re-read, not poll).
  const listeners = new Set<(task: Task, phase: 'started' | 'finished') => void>();
  const notify = (task: Task, phase: 'started' | 'finished') => {
    for (const listener of listeners) {
      try {
        listener(task, phase);
      } catch {
        /* a listener's failure is not the job's */
      }
    }
  };

  function exclusive<T>(task: Task, job: () => Promise<T>): Promise<T> {
    if (running) return Promise.reject(new CofferError('CONFLICT', busyMessage[running.task]));
    running = { task, step: 'start', percent: null };
    notify(task, 'started');
    const run = housekeeping.then(job).finally(() => {
      running = null;
      notify(task, 'finished');
    });
    current = run.catch(() => undefined);
    return run;
  }

  function folderOrThrow(): string {
    const folder = readBackupFolder(deps.vault.db());
    if (!folder) throw new CofferError('BACKUP_FOLDER_UNAVAILABLE', 'No backup folder is chosen yet. Choose one, then back up.');
    return folder;
  }

  const backup = (trigger: BackupTrigger, session: Session | null): Promise<BackupJobResult> => exclusive('backup', () => runBackup(trigger, session, trigger));

  /** A crashed backup's scratch copy, `.partial` file and prune lock (leftovers.ts). Only while no job runs. */
  function cleanUp(): Promise<LeftoversRemoved> {
    const folder = deps.vault.state() === 'unlocked' ? readBackupFolder(deps.vault.db()) : null;
    return removeLeftovers({
      scratchDir: path.join(deps.profileDir, 'scratch'),
      // The device id file is made only once backups are set up, not on a fresh profile.
      backupFolder: folder === null ? null : { path: folder, deviceId: deviceIdOf(deps.profileDir) },
      now: now(),
    });
  }

  async function runBackup(trigger: BackupTrigger, session: Session | null, reason: string, keep?: string): Promise<BackupJobResult> {
    const startedAt = now().toISOString();
    const material = deps.vault.backupMaterial();
    try {
      const folder = folderOrThrow();
      const db = deps.vault.db();
      const deviceId = deviceIdOf(material.profileDir);
      await cleanUp();
      const scratchDir = path.join(material.profileDir, 'scratch');
      let stopWatching = () => {};
      // Inside a restore, the safety copy's steps show as the restore's.
      const show = (step: string, percent: number | null) => (running = running?.task === 'restore' ? { task: 'restore', step: `safety-copy-${step}`, percent } : { task: 'backup', step, percent });
      const result = await deps.runner
        .backup({ ...material, folder, deviceId, scratchDir, app: `Coffer ${deps.appVersion}`, now: startedAt }, (step, percent) => {
          stopWatching();
          show(step, percent ?? (step === 'snapshot' ? 0 : null));
          if (step === 'snapshot') stopWatching = watchSnapshot(scratchDir, material.dbFile, (p) => running?.step.endsWith('snapshot') && show('snapshot', p));
        })
        .finally(() => stopWatching());
      db.transaction(() => {
        recordBackupRun(db, { startedAt, finishedAt: now().toISOString(), trigger, outcome: 'ok', fileName: result.fileName, bytes: result.bytes });
        deps.audit(db, { actor: session ? auditActor(session) : null, action: 'backup.run', outcome: 'ok', reason }, now());
      })();
      const second = await copyToSecond(path.join(folder, result.fileName), session, reason, (step) => show(step, null));
      // Best effort: a prune that fails (folder gone, another device's lock) runs again after the next backup.
      // Retention is the same in both folders.
      const retention = readRetention(db);
      const protect = [result.fileName, ...(keep ? [keep] : [])];
      const prune = (dir: string) => pruneBackups(dir, deviceId, new Date(startedAt), retention, undefined, protect).catch(() => undefined);
      housekeeping = prune(folder).then(() => (second ? prune(second) : undefined));
      return result;
    } catch (error) {
      const code = error instanceof CofferError ? error.code : 'INTERNAL';
      if (deps.vault.state() === 'unlocked') {
        const db = deps.vault.db();
        db.transaction(() => {
          recordBackupRun(db, { startedAt, finishedAt: now().toISOString(), trigger, outcome: 'failed', errorCode: code });
          deps.audit(db, { actor: session ? auditActor(session) : null, action: 'backup.run', outcome: 'failed', reason: `${reason} ${code}` }, now());
        })();
      }
      throw error;
    } finally {
      material.key.fill(0);
    }
  }

  /**
   * The finished backup, copied to the second backup folder if one is chosen. Never throws: the
   * backup is already safe in the first folder, so a second folder that is unplugged or full only
   * changes its own status (and is audited as a failed copy). Returns the folder copied to.
   */
  async function copyToSecond(source: string, session: Session | null, reason: string, show: (step: string) => void): Promise<string | null> {
    const second = deps.vault.state() === 'unlocked' ? readSecondFolder(deps.vault.db()) : null;
    if (!second) return null;
    show('second-copy');
    let code: string | null = null;
    try {
      await copyToSecondFolder(source, second, deps.secondFolderFs);
    } catch (error) {
      code = error instanceof CofferError ? error.code : 'INTERNAL';
    }
    if (deps.vault.state() !== 'unlocked') return null;
    const db = deps.vault.db();
    db.transaction(() => {
      recordCopy(db, second, now(), code);
      if (code) deps.audit(db, { actor: session ? auditActor(session) : null, action: 'backup.run', outcome: 'failed', reason: `${reason}; second folder ${code}` }, now());
    })();
    return code === null ? second : null;
  }

  async function completeBackup(fileName: string): Promise<ListedBackup> {
    const chosen = (await listBackups(folderOrThrow())).find((b) => b.kind === 'complete' && b.name === fileName);
    if (!chosen) throw new CofferError('NOT_FOUND', 'That backup is not in the backup folder.');
    return chosen;
  }

  /** The newest backup (or the named one) in the folder, decrypted and checked in scratch space. */
  function drill(session: Session | null, fileName?: string, recoverySecret?: Uint8Array, scheduled = false): Promise<StoredDrillReport> {
    return exclusive('drill', async () => {
      const chosen = fileName === undefined ? (await listBackups(folderOrThrow())).find((b) => b.kind === 'complete') : await completeBackup(fileName);
      if (!chosen) throw new CofferError('NOT_FOUND', 'There is no complete backup in the backup folder yet. Back up first.');
      const liveAnchors = await liveAnchorsCheck(deps.vault);
      const material = deps.vault.backupMaterial();
      let report: DrillReport;
      try {
        report = await deps.runner.drill(
          { file: chosen.path, key: { keyId: material.keyId, key: material.key }, recoverySecret, nativeBinding: material.nativeBinding, scratchDir: path.join(material.profileDir, 'scratch'), now: now().toISOString(), anchors: { anchors: liveAnchors.anchors, live: { ok: liveAnchors.ok, detail: liveAnchors.detail } },
            ledger: liveLedger(deps.vault.db()),
          },
          (step, percent) => (running = { task: 'drill', step, percent: percent ?? null }),
        );
      } finally {
        material.key.fill(0);
      }
      const db = deps.vault.db();
      const at = now().toISOString();
      const result = report.firstFailure ?? 'passed';
      const id = db.transaction(() => {
        const stored = insertDrillReport(db, report, at, session?.userId ?? null);
        deps.audit(db, { actor: session ? auditActor(session) : null, action: 'backup.drill', outcome: report.passed ? 'ok' : 'failed', reason: scheduled ? `scheduled; ${result}` : result }, now());
        return stored;
      })();
      if (!report.passed) raiseDrillAlert(db, deps.audit, { kind: 'failed', detail: result }, now(), deps.drillInbox);
      return { ...report, id, at };
    });
  }

  /** After a scheduled backup: drill that backup when the interval since the newest drill is up. */
  async function scheduledDrill(fileName: string): Promise<void> {
    // The vault may have locked while the backup ran: the drill needs its key, and waits for the next tick.
    if (deps.vault.state() !== 'unlocked') return;
    const db = deps.vault.db();
    const last = listDrillReports(db, 1)[0];
    if (nextDrillAt(readSchedule(db).drillEveryDays, last ? new Date(last.at) : null, now()) > now()) return;
    // A failed drill is kept and audited (and alerted) by drill(); only a drill that could not run throws.
    await drill(null, fileName, undefined, true).catch(() => undefined);
  }

  /** A drill missed (backups failing, vault rarely open) has no row of its own: alert it once. */
  function noteMissedDrill(): void {
    const db = deps.vault.db();
    const lastPassed = lastPassedDrillAt(db);
    if (lastPassed && drillMissed(readSchedule(db).drillEveryDays, DRILL_GRACE_DAYS, new Date(lastPassed), now())) raiseDrillAlert(db, deps.audit, { kind: 'missed', lastPassedAt: lastPassed }, now(), deps.drillInbox);
  }

  return {
    backup,

    /** Calls `listener` when any job (backup, drill, restore; any trigger) starts and finishes. Returns the unsubscribe. */
    onChange(listener: (task: Task, phase: 'started' | 'finished') => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    /** At start: queued like pruning, so the first job waits for it. Never throws. */
    removeLeftovers(): Promise<LeftoversRemoved | null> {
      const run = housekeeping.then(cleanUp).catch(() => null);
      housekeeping = run;
      return run;
    },

    /** Resolves once no job and no pruning is under way (tests; quitting). */
    settled: async (): Promise<void> => {
      await current;
      await housekeeping;
    },

    /**
     * Replaces the live vault with a backup (restore-in-place.ts). Audited twice: a failure in the
     * vault that stays, a success in the restored vault (the old vault's log lives on in the
     * safety copy). The restored vault's drill report is kept with it.
     */
    restore(session: Session, fileName: string, recoveryKeyText: string | undefined, ticket: ApprovalTicket): Promise<{ safetyCopy: string; report: StoredDrillReport; ledger: LedgerRestoreOutcome }> {
      return exclusive('restore', async () => {
        const actor = auditActor(session);
        try {
          const chosen = await completeBackup(fileName);
          // The approval is used in the vault being replaced, before the safety copy is taken, so
          // that copy (and the log it keeps) records it as run: a restore is never run twice on one yes.
          const live = deps.vault.db();
          live.transaction(() => ticket.markExecuted(live))();
          const done = await restoreInPlace({
            vault: deps.vault,
            runner: deps.runner,
            chosen,
            recoveryKeyText,
            takeSafetyCopy: () => runBackup('manual', session, 'before-restore', fileName),
            endSessions: () => deps.endSessions?.(),
            progress: (step) => (running = { task: 'restore', step, percent: null }),
            now,
            ledger: deps.ledger && { capture: () => deps.ledger!.captureLive(), apply: (found) => deps.ledger!.applyAfterRestore(found, actor) },
          });
          const db = deps.vault.db();
          const at = now().toISOString();
          const id = db.transaction(() => {
            const stored = insertDrillReport(db, done.report, at, null);
            if (done.report.backupCreatedAt) recordRestore(db, done.report.backupCreatedAt, now());
            deps.audit(db, { actor, action: 'backup.restore', outcome: 'ok', reason: `${fileName}; safety copy ${done.safetyCopy}` }, now());
            return stored;
          })();
          const ledger = done.ledger ?? NO_LEDGER;
          return { safetyCopy: done.safetyCopy, report: { ...done.report, id, at }, ledger };
        } catch (error) {
          if (deps.vault.state() === 'unlocked') {
            const code = error instanceof CofferError ? error.code : 'INTERNAL';
            deps.audit(deps.vault.db(), { actor, action: 'backup.restore', outcome: 'failed', reason: `${fileName} ${code}` }, now());
          }
          throw error;
        }
      });
    },

    /**
     * Runs a due backup if the vault is open and a folder is chosen; after it, in the same tick
     * and still in the worker, the restore drill when one is due (schedule.drillEveryDays since
     * the newest drill). Main calls tick from its timer, so nobody waits for either. Never throws.
     */
    async tick(): Promise<'ran' | 'failed' | 'idle'> {
      if (running || deps.vault.state() !== 'unlocked') return 'idle';
      const db = deps.vault.db();
      if (!readBackupFolder(db)) return 'idle';
      noteMissedDrill();
      const lastOk = lastBackupRun(db, 'ok');
      const due = dueAt(readSchedule(db), lastOk, lastBackupRun(db), now());
      if (due > now()) return 'idle';
      try {
        const result = await backup(lastOk ? 'schedule' : 'startup', null);
        await scheduledDrill(result.fileName);
        return 'ran';
      } catch {
        return 'failed';
      }
    },

    /** The newest backup (or the named one) in the folder, decrypted and checked in scratch space. */
    drill: (session: Session | null, fileName?: string, recoverySecret?: Uint8Array): Promise<StoredDrillReport> => drill(session, fileName, recoverySecret),

    reports: (limit: number) => listDrillReports(deps.vault.db(), limit),

    /** The running job's step and percentage, or null: cheap enough to poll while a job runs. */
    progress: (): BackupProgress | null => running,

    files: async (): Promise<ListedBackup[]> => listBackups(folderOrThrow()),

    schedule: () => readSchedule(deps.vault.db()),

    /** Without drillEveryDays, the drill interval stays as it was (older callers send none). */
    setSchedule(session: Session, input: Omit<BackupSchedule, 'drillEveryDays'> & { drillEveryDays?: number | undefined }, retention: RetentionPolicy): void {
      const db = deps.vault.db();
      const schedule: BackupSchedule = { ...input, drillEveryDays: input.drillEveryDays ?? readSchedule(db).drillEveryDays };
      db.transaction(() => {
        setMeta(db, 'backup.schedule', JSON.stringify(schedule));
        setMeta(db, 'backup.retention', JSON.stringify(retention));
        deps.audit(db, { actor: auditActor(session), action: 'settings.change', outcome: 'ok', fields: ['backupSchedule', 'backupRetention'], reason: `${schedule.every} ${schedule.at}; drill every ${schedule.drillEveryDays} days` }, now());
      })();
    },

    /** The optional second backup folder (second-folder.ts): main's picker, the same checks as the first. */
    chooseSecondFolder: (session: Session, pickFolder: PickFolder): Promise<string | null> =>
      chooseSecondBackupFolder(() => deps.vault.db(), pickFolder, { actor: auditActor(session), audit: deps.audit, now }, deps.profileDir),
    removeSecondFolder: (session: Session): boolean => removeSecondFolder(deps.vault.db(), { actor: auditActor(session), audit: deps.audit, now }),

    status: (): BackupStatus => backupStatus(deps.vault.db(), deps.profileDir, running, now()),
  };
}

export type BackupService = ReturnType<typeof createBackupService>;
