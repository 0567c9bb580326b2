import { useEffect } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { errorText, useT } from '../../i18n';
import { errorBody, invalidate } from '../../query';
import { useAppStore } from '../../stores/app-store';
import { useImportStore } from '../../stores/import-store';
import { Button, Notice, Progress } from '../../ui';
import { formatCount } from './import-text';
import styles from './import.module.css';
import { IMPORT_CHANGES, useImportProgress, working } from './use-import-progress';

const NO_COUNTS = { new: 0, update: 0, merge: 0, skip: 0, error: 0, warning: 0 };

/** Step 4: the rows go in, batch by batch, with progress and a way to stop; then what happened. */
export function CommitStep() {
  const t = useT();
  const locale = useAppStore((state) => state.locale);
  const { stopping, error, total, counts, cancel, close } = useImportStore();
  const query = useImportProgress();
  // Until main first answers, the job has just started: nothing written yet.
  const progress = query.data ?? { state: 'running' as const, done: 0, total, counts: counts ?? NO_COUNTS, batchId: null, error: null };
  const running = working(progress.state);
  const finished = query.data !== undefined && !running;

  // Once, when the job ends (also when stopped: the rows written so far stay): the customers,
  // reminders, dashboard and history now differ.
  useEffect(() => {
    if (finished) void invalidate(IMPORT_CHANGES);
  }, [finished]);

  const problem = error ?? errorBody(query.error);
  if (query.error) return <ErrorNotice error={problem} />;
  const toList = () => close();
  const n = (count: number) => formatCount(locale, count);

  if (running) {
    return (
      <div data-testid="import-commit-step">
        <Progress
          label={t('import.progress.label')}
          max={Math.max(1, progress.total)}
          value={progress.done}
          valueText={t('import.progress.text', { done: n(progress.done), total: n(progress.total) })}
          testId="import-progress"
        />
        <p role="status" data-testid="import-progress-text">
          {t('import.progress.text', { done: n(progress.done), total: n(progress.total) })}
        </p>
        <ErrorNotice error={problem} />
        <div className={styles.actions}>
          <Button variant="secondary" disabled={stopping} onClick={() => void cancel()} data-testid="import-cancel">
            {stopping ? t('import.progress.stopping') : t('import.progress.cancel')}
          </Button>
        </div>
      </div>
    );
  }

  const c = progress.counts;
  return (
    <div data-testid="import-done" data-state={progress.state}>
      {progress.state === 'done' && (
        <Notice tone="success">{t('import.done.title')}</Notice>
      )}
      {progress.state === 'cancelled' && (
        <Notice tone="warning" role="status">
          {t('import.done.cancelled')}
        </Notice>
      )}
      {progress.state === 'failed' && (
        <Notice tone="danger">
          {t('import.done.failed')} {progress.error ? errorText(t, progress.error.code) : ''}
        </Notice>
      )}
      <p data-testid="import-summary">{t('import.counts.short', { new: n(c.new), update: n(c.update), merge: n(c.merge), skip: n(c.skip), error: n(c.error) })}</p>
      <div className={styles.actions}>
        <Button onClick={() => void toList()} data-testid="import-to-list">
          {t('import.done.toList')}
        </Button>
        <Button variant="secondary" onClick={() => void close().then(() => useImportStore.getState().openHistory())}>
          {t('import.historyButton')}
        </Button>
      </div>
    </div>
  );
}
