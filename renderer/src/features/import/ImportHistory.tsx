import { useEffect, useRef, useState } from 'react';
import type { ErrorBody } from '../../../../shared/errors';
import type { ImportBatch } from '../../../../shared/import';
import { useConfirm } from '../../components/prompts';
import type { ChannelOutput } from '../../../../shared/contract';
import { errorTextIn, useT } from '../../i18n';
import { errorBody, useChannelMutation, useChannelQuery } from '../../query';
import { useAppStore } from '../../stores/app-store';
import { useImportStore } from '../../stores/import-store';
import { Button, EmptyState, Notice, Table, type Column } from '../../ui';
import { formatCount, formatWhen } from './import-text';
import styles from './import.module.css';
import { IMPORT_CHANGES } from './use-import-progress';

type UndoAnswer = ChannelOutput<'import.undo'> | { status: 'error'; error: ErrorBody };

interface Blocked {
  batchId: string;
  editedSince: { id: number; name: string }[];
}

/**
 * Past imports, newest first, each undoable as a whole for 30 days. The list is the
 * import.history query; an undo is a mutation that makes it, the customers, reminders and the
 * dashboard stale.
 */
export function ImportHistory() {
  const t = useT();
  const locale = useAppStore((state) => state.locale);
  const close = useImportStore((state) => state.close);
  const query = useChannelQuery('import.history', {});
  const history = query.data ?? (query.error ? [] : null);
  const error = errorBody(query.error);
  const mutation = useChannelMutation('import.undo', IMPORT_CHANGES);
  const undo = (batchId: string, force: boolean): Promise<UndoAnswer> => mutation.mutateAsync({ batchId, force }).catch((caught: unknown) => ({ status: 'error' as const, error: errorBody(caught)! }));
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
  };
  const undoable = (batch: ImportBatch) => batch.state !== 'undone' && batch.undoUntil !== null && new Date(batch.undoUntil).getTime() > Date.now();

  const columns: Column<ImportBatch>[] = [
    { key: 'at', header: t('import.history.col.at'), cell: (batch) => formatWhen(locale, batch.at) },
    { key: 'by', header: t('import.history.col.by'), cell: (batch) => batch.by },
    { key: 'file', header: t('import.history.col.file'), wrap: true, cell: (batch) => batch.fileName },
    {
      key: 'counts',
      header: t('import.history.col.counts'),
      wrap: true,
      cell: (batch) => t('import.counts.short', { new: n(batch.counts.new), update: n(batch.counts.update), merge: n(batch.counts.merge), skip: n(batch.counts.skip), error: n(batch.counts.error) }),
    },
    { key: 'state', header: t('import.history.col.state'), cell: (batch) => t(`import.history.state.${batch.state}`) },
    {
      key: 'undo',
      header: <span className={styles.visuallyHidden}>{t('import.history.undo')}</span>,
      cell: (batch) =>
        undoable(batch) && (
          <Button variant="secondary" size="sm" title={t('import.history.undoUntil', { date: formatWhen(locale, batch.undoUntil!) })} onClick={() => void runUndo(batch.batchId, false)} data-testid="import-undo">
            {t('import.history.undo')}
          </Button>
        ),
    },
  ];

  return (
    <section aria-labelledby="import-history-title" data-testid="import-history">
      <div className={styles.head}>
        <h2 id="import-history-title" ref={heading} tabIndex={-1}>
          {t('import.history.title')}
        </h2>
        <Button variant="secondary" onClick={() => void close()}>
          {t('import.close')}
        </Button>
      </div>
      {error && (
        <Notice tone="danger" data-testid="error" data-code={error.code}>
          {errorTextIn(t, 'import', error.code)}
        </Notice>
      )}
      {problem && (
        <Notice tone="danger" data-testid="import-undo-error" data-code={problem.code}>
          {errorTextIn(t, 'import.undo', problem.code)}
        </Notice>
      )}
      {done && (
        <Notice tone="success" data-testid="import-undone">
          {done}
        </Notice>
      )}
      {blocked && (
        <Notice tone="warning" data-testid="import-undo-blocked">
          <p>{t('import.undo.blocked')}</p>
          <ul>
            {blocked.editedSince.map((c) => (
              <li key={c.id}>{c.name}</li>
            ))}
          </ul>
          <div className={styles.actions}>
            <Button variant="danger" onClick={() => void runUndo(blocked.batchId, true)} data-testid="import-undo-force">
              {t('import.undo.force')}
            </Button>
          </div>
        </Notice>
      )}
      {history !== null && (
        <Table
          columns={columns}
          rows={history}
          rowKey={(batch) => batch.batchId}
          label={t('import.history.title')}
          testId="import-history-table"
          rowAttributes={(batch) => ({ 'data-testid': 'import-batch', 'data-batch': batch.batchId, 'data-state': batch.state })}
          empty={<EmptyState title={t('import.history.empty')} testId="import-history-empty" />}
        />
      )}
      {dialog}
    </section>
  );
}
