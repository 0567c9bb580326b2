import { useEffect, useState } from 'react';
import type { ErrorBody } from '../../../../shared/errors';
import { useT } from '../../i18n';
import { useAppStore } from '../../stores/app-store';
import { useMergeStore } from '../../stores/merge-store';
import { Button, EmptyState, Notice, Table, type Column } from '../../ui';
import { mergeErrorText, mergeTime } from './merge-text';
import styles from './tools.module.css';

/** Merges of the last 30 days this person may undo, newest first, each with its Undo. */
export function RecentMerges() {
  const t = useT();
  const locale = useAppStore((state) => state.locale);
  const { recent, loadRecent, undo, undone } = useMergeStore();
  const [problem, setProblem] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  useEffect(() => {
    void loadRecent();
  }, [loadRecent]);

  const run = async (mergeId: string) => {
    setBusy(mergeId);
    setProblem(await undo(mergeId));
    setBusy(null);
  };

  type Merge = NonNullable<typeof recent>[number];
  const columns: Column<Merge>[] = [
    { key: 'when', header: t('merge.col.when'), cell: (m) => mergeTime(locale, m.mergedAt) },
    { key: 'kept', header: t('merge.col.kept'), cell: (m) => m.survivorName },
    { key: 'merged', header: t('merge.col.merged'), wrap: true, cell: (m) => m.sources.map((s) => s.name).join(t('merge.listSeparator')) },
    { key: 'by', header: t('merge.col.by'), cell: (m) => m.byUsername },
    { key: 'until', header: t('merge.col.until'), cell: (m) => mergeTime(locale, m.undoUntil) },
    {
      key: 'undo',
      header: <span className={styles.visuallyHidden}>{t('merge.undo')}</span>,
      cell: (m) =>
        m.undoneAt ? (
          <span className={styles.hint}>{t('merge.undoneAt', { when: mergeTime(locale, m.undoneAt) })}</span>
        ) : (
          <Button variant="secondary" size="sm" disabled={busy !== null} onClick={() => void run(m.id)} aria-label={`${t('merge.undo')}: ${m.survivorName}`}>
            {t('merge.undo')}
          </Button>
        ),
    },
  ];

  return (
    <section aria-labelledby="recent-merges-title" data-testid="recent-merges" className={styles.section}>
      <h3 id="recent-merges-title">{t('merge.recent')}</h3>
      <p className={styles.hint}>{t('merge.recentHint')}</p>
      {problem && (
        <Notice tone="danger" data-testid="error" data-code={problem.code}>
          {mergeErrorText(t, problem)}
        </Notice>
      )}
      {undone && !problem && (
        <Notice tone="success">
          {t('merge.undone')}
        </Notice>
      )}
      {recent && (
        <Table
          columns={columns}
          rows={recent}
          rowKey={(m) => m.id}
          label={t('merge.recent')}
          rowAttributes={() => ({ 'data-testid': 'merge-row' })}
          empty={<EmptyState title={t('merge.recentEmpty')} />}
        />
      )}
    </section>
  );
}

/** After a merge, on the customers page: what happened and an Undo for it. */
export function MergeNotice() {
  const t = useT();
  const locale = useAppStore((state) => state.locale);
  const { done, undone, screen, undo } = useMergeStore();
  const [problem, setProblem] = useState<ErrorBody | null>(null);
  if (screen !== 'closed') return null;
  if (problem) {
    return (
      <Notice tone="danger" data-testid="error" data-code={problem.code}>
        {mergeErrorText(t, problem)}
      </Notice>
    );
  }
  if (undone && !done) {
    return (
      <Notice tone="success" data-testid="merge-result">
        {t('merge.undone')}
      </Notice>
    );
  }
  if (!done) return null;
  return (
    <Notice tone="success" data-testid="merge-result">
      {t('merge.done', { count: done.count, name: done.survivorName, until: mergeTime(locale, done.undoUntil) })}
      {done.notes > 0 && ` ${t('merge.doneNotes', { count: done.notes })}`}{' '}
      <Button variant="secondary" size="sm" onClick={() => void undo(done.mergeId).then(setProblem)}>
        {t('merge.undo')}
      </Button>
    </Notice>
  );
}
