import { useEffect } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { errorText, useT } from '../../i18n';
import { useAppStore } from '../../stores/app-store';
import { useCustomersStore } from '../../stores/customers-store';
import { useImportStore } from '../../stores/import-store';
import { Button, Notice, Progress } from '../../ui';
import { formatCount } from './import-text';
import styles from './import.module.css';

/** How often the page asks main how far the import is: often enough to move, rare enough to cost nothing. */
const POLL_MS = 300;

/** Step 4: the rows go in, batch by batch, with progress and a way to stop; then what happened. */
export function CommitStep() {
  const t = useT();
  const locale = useAppStore((state) => state.locale);
  const { progress, stopping, error, poll, cancel, close } = useImportStore();
  const reload = useCustomersStore((state) => state.load);
  const running = progress?.state === 'running' || progress?.state === 'idle';

  useEffect(() => {
    if (!running) return;
    const timer = window.setInterval(() => void poll(), POLL_MS);
    return () => window.clearInterval(timer);
  }, [running, poll]);

  if (!progress) return <ErrorNotice error={error} />;
  const toList = async () => {
    await close();
    await reload();
  };
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
        <ErrorNotice error={error} />
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
