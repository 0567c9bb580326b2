import type { BackupProgress as ProgressView } from '../../../../shared/backup';
import { restoreStepText, useT, type Translate } from '../../i18n';
import { useChannelQuery } from '../../query';
import { Notice, Progress } from '../../ui';

export function runningText(t: Translate, running: Pick<ProgressView, 'task' | 'step'>): string {
  if (running.task === 'restore') return t('restore.running', { step: restoreStepText(t, running.step) });
  return t(running.task === 'backup' ? 'backup.runningBackup' : 'backup.runningDrill', { step: t(`backup.step.${running.step}` as 'backup.step.start') });
}

/**
 * The running job's step and percentage (snapshot and encryption can be measured; the other steps
 * show their name only). Asked for twice a second only while a job runs: `active` is this window's
 * own job or one the status shows (the schedule's).
 */
export function BackupProgress({ active }: { active: boolean }) {
  const t = useT();
  const progress = useChannelQuery('backup.progress', {}, { enabled: active, refetchInterval: active ? 500 : false, staleTime: 0 });
  const running = active ? progress.data : null;
  if (!running) return null;
  const text = runningText(t, running);
  return (
    <Notice tone="info" data-testid="backup-running" data-step={running.step} data-percent={running.percent ?? ''}>
      <p>{running.percent === null ? text : t('backup.percent', { step: text, percent: running.percent })}</p>
      {/* No number where none is measured: the bar then shows work going on, not a made-up amount. */}
      <Progress label={text} value={running.percent ?? undefined} showPercent={false} />
    </Notice>
  );
}
