import { useEffect, useState } from 'react';
import type { ErrorBody } from '../../../../shared/errors';
import { useT } from '../../i18n';
import { useAppStore } from '../../stores/app-store';
import { useMergeStore } from '../../stores/merge-store';
import { mergeErrorText, mergeTime } from './merge-text';

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

  return (
    <section aria-labelledby="recent-merges-title" data-testid="recent-merges">
      <h3 id="recent-merges-title">{t('merge.recent')}</h3>
      <p className="hint">{t('merge.recentHint')}</p>
      {problem && (
        <p role="alert" className="notice notice-error" data-testid="error" data-code={problem.code}>
          {mergeErrorText(t, problem)}
        </p>
      )}
      {undone && !problem && (
        <p role="status" className="notice notice-ok">
          {t('merge.undone')}
        </p>
      )}
      {recent && recent.length === 0 && <p className="empty">{t('merge.recentEmpty')}</p>}
      {recent && recent.length > 0 && (
        <table className="grid">
          <thead>
            <tr>
              <th scope="col">{t('merge.col.when')}</th>
              <th scope="col">{t('merge.col.kept')}</th>
              <th scope="col">{t('merge.col.merged')}</th>
              <th scope="col">{t('merge.col.by')}</th>
              <th scope="col">{t('merge.col.until')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {recent.map((m) => (
              <tr key={m.id} data-testid="merge-row">
                <td>{mergeTime(locale, m.mergedAt)}</td>
                <td>{m.survivorName}</td>
                <td>{m.sources.map((s) => s.name).join(t('merge.listSeparator'))}</td>
                <td>{m.byUsername}</td>
                <td>{mergeTime(locale, m.undoUntil)}</td>
                <td className="row-actions">
                  {m.undoneAt ? (
                    <span className="hint">{t('merge.undoneAt', { when: mergeTime(locale, m.undoneAt) })}</span>
                  ) : (
                    <button type="button" className="secondary" disabled={busy !== null} onClick={() => void run(m.id)} aria-label={`${t('merge.undo')}: ${m.survivorName}`}>
                      {t('merge.undo')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
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
      <p role="alert" className="notice notice-error" data-testid="error" data-code={problem.code}>
        {mergeErrorText(t, problem)}
      </p>
    );
  }
  if (undone && !done) {
    return (
      <p role="status" className="notice notice-ok" data-testid="merge-result">
        {t('merge.undone')}
      </p>
    );
  }
  if (!done) return null;
  return (
    <p role="status" className="notice notice-ok" data-testid="merge-result">
      {t('merge.done', { count: done.count, name: done.survivorName, until: mergeTime(locale, done.undoUntil) })}
      {done.notes > 0 && ` ${t('merge.doneNotes', { count: done.notes })}`}{' '}
      <button type="button" className="secondary" onClick={() => void undo(done.mergeId).then(setProblem)}>
        {t('merge.undo')}
      </button>
    </p>
  );
}
