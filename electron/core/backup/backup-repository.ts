import type { Db } from '../db/open-database';
import type { DrillReport } from './backup-jobs';

export type BackupTrigger = 'schedule' | 'manual' | 'quit' | 'startup';

export function recordBackupRun(db: Db, run: { startedAt: string; finishedAt: string; trigger: BackupTrigger; outcome: 'ok' | 'failed'; fileName?: string; bytes?: number; errorCode?: string }): void {
  db.prepare('INSERT INTO backup_runs (started_at, finished_at, trigger, outcome, file_name, bytes, error_code) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    run.startedAt,
    run.finishedAt,
    run.trigger,
    run.outcome,
    run.fileName ?? null,
    run.bytes ?? null,
    run.errorCode ?? null,
  );
}

export interface BackupRunRow {
  finishedAt: string;
  outcome: 'ok' | 'failed';
  fileName: string | null;
  bytes: number | null;
  errorCode: string | null;
}

export function lastBackupRun(db: Db, outcome?: 'ok' | 'failed'): BackupRunRow | undefined {
  return db
    .prepare(`SELECT finished_at AS finishedAt, outcome, file_name AS fileName, bytes, error_code AS errorCode FROM backup_runs WHERE (? IS NULL OR outcome = ?) ORDER BY id DESC LIMIT 1`)
    .get(outcome ?? null, outcome ?? null) as BackupRunRow | undefined;
}

export interface StoredDrillReport extends DrillReport {
  id: number;
  at: string;
}

export function insertDrillReport(db: Db, report: DrillReport, at: string, userId: number | null): number {
  return Number(
    db
      .prepare('INSERT INTO drill_reports (at, backup_name, backup_created_at, recovery_point_ms, restore_ms, passed, first_failure, checks, user_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(at, report.backup, report.backupCreatedAt, report.recoveryPointMs, report.restoreMs, report.passed ? 1 : 0, report.firstFailure, JSON.stringify(report.checks), userId).lastInsertRowid,
  );
}

export function listDrillReports(db: Db, limit: number): StoredDrillReport[] {
  const rows = db
    .prepare(
      `SELECT id, at, backup_name AS backup, backup_created_at AS backupCreatedAt, recovery_point_ms AS recoveryPointMs, restore_ms AS restoreMs,
              passed, first_failure AS firstFailure, checks FROM drill_reports ORDER BY id DESC LIMIT ?`,
    )
    .all(limit) as (Omit<StoredDrillReport, 'passed' | 'checks'> & { passed: number; checks: string })[];
  return rows.map((row) => ({ ...row, passed: row.passed === 1, checks: JSON.parse(row.checks) as DrillReport['checks'] }));
}

/** When a drill last passed, however many failed since: the 30-day drill reminder reads it. */
export function lastPassedDrillAt(db: Db): string | undefined {
  return (db.prepare('SELECT at FROM drill_reports WHERE passed = 1 ORDER BY id DESC LIMIT 1').get() as { at: string } | undefined)?.at;
}
