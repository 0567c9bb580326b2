import type { ApprovalService } from '../../core/approvals/approval-service';
import type { SessionService } from '../../core/auth/session-service';
import type { BackupService } from '../../core/backup/backup-service';
import { requireSession, type Handler } from '../router';

export function backupHandlers(backups: BackupService, sessions: SessionService, approvals: ApprovalService): {
  'backup.status': Handler<'backup.status'>;
  'backup.run': Handler<'backup.run'>;
  'backup.files': Handler<'backup.files'>;
  'backup.drill': Handler<'backup.drill'>;
  'backup.reports': Handler<'backup.reports'>;
  'backup.restore': Handler<'backup.restore'>;
  'backup.setSchedule': Handler<'backup.setSchedule'>;
} {
  return {
    'backup.status': () => backups.status(),
    'backup.run': async (_input, { session }) => {
      const result = await backups.backup('manual', requireSession(session));
      return { fileName: result.fileName, bytes: result.bytes };
    },
    'backup.files': async () =>
      (await backups.files()).map((file) => ({ name: file.name, kind: file.kind, size: file.size, at: file.at ? new Date(file.at).toISOString() : null, deviceId: file.deviceId ?? null })),
    'backup.drill': ({ fileName }, { session }) => backups.drill(requireSession(session), fileName),
    'backup.reports': ({ limit }) => backups.reports(limit),
    'backup.restore': async (input, { session }) => {
      const s = requireSession(session);
      const ticket = approvals.gate(s, 'backup.restore', input);
      await sessions.confirmPassword(s, input.password);
      return { restored: true as const, ...(await backups.restore(s, input.fileName, input.recoveryKey, ticket)) };
    },
    'backup.setSchedule': ({ schedule, retention }, { session }) => {
      backups.setSchedule(requireSession(session), schedule, retention);
      return { saved: true as const };
    },
  };
}
