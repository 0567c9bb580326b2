import { useState } from 'react';
import type { ErrorBody } from '../../../../shared/errors';
import { useT } from '../../i18n';
import { errorBody, useChannelMutation, useChannelQuery } from '../../query';
import { useAppStore } from '../../stores/app-store';
import { useMergeStore } from '../../stores/merge-store';
import { useNavStore } from '../../stores/nav-store';
import { Button, EmptyState, Notice, Table, type Column } from '../../ui';
import { mergeErrorText, mergeTime } from './merge-text';
import { CUSTOMER_CHANGES } from './record-changes';
import styles from './tools.module.css';

/**
 * Undoes a merge: a mutation that makes the customers, the recent merges, reminders and the
 * dashboard stale; the store only notes it for the notices. Resolves to main's refusal or null.
 */
function useUndoMerge(): (mergeId: string) => Promise<ErrorBody | null> {
  const mutation = useChannelMutation('customers.mergeUndo', CUSTOMER_CHANGES);
  const undid = useMergeStore((state) => state.undid);
  return async (mergeId) => {
    try {
      await mutation.mutateAsync({ mergeId });
    } catch (caught) {
      return errorBody(caught);
    }
    undid(mergeId);
    return null;
  };
}

/** Merges of the last 30 days this person may undo, newest first, each with its Undo. */
export function RecentMerges() {
  const t = useT();
  const locale = useAppStore((state) => state.locale);
  const undone = useMergeStore((state) => state.undone);
  const query = useChannelQuery('customers.merges', {});
  const recent = query.data ?? null;
  const undo = useUndoMerge();
  const [problem, setProblem] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const openCustomer = useNavStore((state) => state.openCustomer);
  // A refused undo, else a list that did not load.
  const shownProblem = problem ?? errorBody(query.error);

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
      {shownProblem && (
        <Notice tone="danger" data-testid="error" data-code={shownProblem.code}>
          {mergeErrorText(t, shownProblem)}
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
          // A merge row opens the record that was kept, to see what it now holds.
          onActivate={(m) => openCustomer(m.survivorId)}
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
  const { done, undone, screen } = useMergeStore();
  const undo = useUndoMerge();
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
