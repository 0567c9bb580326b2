import { useEffect, useRef, useState } from 'react';
import type { ErrorBody } from '../../../../shared/errors';
import type { ImportBatch } from '../../../../shared/import';
import { useConfirm } from '../../components/prompts';
import { errorTextIn, useT } from '../../i18n';
import { useAppStore } from '../../stores/app-store';
import { useCustomersStore } from '../../stores/customers-store';
import { useImportStore } from '../../stores/import-store';
import { formatCount, formatWhen } from './import-text';

type UndoAnswer = Awaited<ReturnType<ReturnType<typeof useImportStore.getState>['undo']>>;

interface Blocked {
  batchId: string;
  editedSince: { id: number; name: string }[];
}

/** Past imports, newest first, each undoable as a whole for 30 days. */
export function ImportHistory() {
  const t = useT();
  const locale = useAppStore((state) => state.locale);
  const { history, error, close, undo } = useImportStore();
  const reload = useCustomersStore((state) => state.load);
  const [dialog, confirm] = useConfirm();
  const [blocked, setBlocked] = useState<Blocked | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [problem, setProblem] = useState<ErrorBody | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const n = (count: number) => formatCount(locale, count);

  // The answer (done, blocked, or refused) is said on the page in the history's own words.
  const runUndo = async (batchId: string, force: boolean) => {
    let answer: UndoAnswer | null = null;
    const confirmed = await confirm({
      title: t('import.undo.title'),
      message: t('import.undo.message'),
      confirmLabel: force ? t('import.undo.force') : t('import.undo.confirm'),
      danger: true,
      run: async () => {
        answer = await undo(batchId, force);
        return null;
      },
    });
    const result = answer as UndoAnswer | null;
    if (!confirmed || !result) return;
    setDone(null);
    setProblem(null);
    setBlocked(null);
    if (result.status === 'error') return setProblem(result.error);
    if (result.status === 'blocked') return setBlocked({ batchId, editedSince: result.editedSince });
    setDone(t('import.undo.done', { removed: n(result.removed), restored: n(result.restored), kept: n(result.kept.length) }));
    await reload();
  };
  const undoable = (batch: ImportBatch) => batch.state !== 'undone' && batch.undoUntil !== null && new Date(batch.undoUntil).getTime() > Date.now();

  return (
    <section aria-labelledby="import-history-title" data-testid="import-history" className="import-history">
      <div className="page-head">
        <h2 id="import-history-title" ref={heading} tabIndex={-1}>
          {t('import.history.title')}
        </h2>
        <button type="button" className="secondary" onClick={() => void close()}>
          {t('import.close')}
        </button>
      </div>
      {error && (
        <p role="alert" className="notice notice-error" data-testid="error" data-code={error.code}>
          {errorTextIn(t, 'import', error.code)}
        </p>
      )}
      {problem && (
        <p role="alert" className="notice notice-error" data-testid="import-undo-error" data-code={problem.code}>
          {errorTextIn(t, 'import.undo', problem.code)}
        </p>
      )}
      {done && (
        <p role="status" className="notice notice-ok" data-testid="import-undone">
          {done}
        </p>
      )}
      {blocked && (
        <div role="alert" className="notice notice-warning" data-testid="import-undo-blocked">
          <p>{t('import.undo.blocked')}</p>
          <ul>
            {blocked.editedSince.map((c) => (
              <li key={c.id}>{c.name}</li>
            ))}
          </ul>
          <div className="actions">
            <button type="button" className="danger" onClick={() => void runUndo(blocked.batchId, true)} data-testid="import-undo-force">
              {t('import.undo.force')}
            </button>
          </div>
        </div>
      )}
      {history === null ? null : history.length === 0 ? (
        <p className="empty" data-testid="import-history-empty">
          {t('import.history.empty')}
        </p>
      ) : (
        <table className="grid" data-testid="import-history-table">
          <thead>
            <tr>
              <th scope="col">{t('import.history.col.at')}</th>
              <th scope="col">{t('import.history.col.by')}</th>
              <th scope="col">{t('import.history.col.file')}</th>
              <th scope="col">{t('import.history.col.counts')}</th>
              <th scope="col">{t('import.history.col.state')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {history.map((batch) => (
              <tr key={batch.batchId} data-testid="import-batch" data-batch={batch.batchId} data-state={batch.state}>
                <td>{formatWhen(locale, batch.at)}</td>
                <td>{batch.by}</td>
                <td className="file">{batch.fileName}</td>
                <td className="counts">{t('import.counts.short', { new: n(batch.counts.new), update: n(batch.counts.update), merge: n(batch.counts.merge), skip: n(batch.counts.skip), error: n(batch.counts.error) })}</td>
                <td>{t(`import.history.state.${batch.state}`)}</td>
                <td className="row-actions">
                  {undoable(batch) && (
                    <button type="button" className="secondary" title={t('import.history.undoUntil', { date: formatWhen(locale, batch.undoUntil!) })} onClick={() => void runUndo(batch.batchId, false)} data-testid="import-undo">
                      {t('import.history.undo')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {dialog}
    </section>
  );
}
