import { useId } from 'react';
import { DUPLICATE_CHOICES, ROW_ACTIONS, type DuplicateChoice, type ImportCounts } from '../../../../shared/import';
import { useT } from '../../i18n';
import { useAppStore } from '../../stores/app-store';
import { useImportStore, type RowFilter } from '../../stores/import-store';
import { formatCount, formatWhen, refusalText } from './import-text';
import { RowsTable } from './RowsTable';

const COUNT_KEYS: (keyof ImportCounts)[] = ['new', 'update', 'merge', 'skip', 'error', 'warning'];

/** Step 3: the dry run. Counts, the duplicate choice, every row with its reasons; nothing written yet. */
export function CheckStep() {
  const t = useT();
  const locale = useAppStore((state) => state.locale);
  const { preview, counts, choice, busy, error, saved, confirmRepeat, filter, setChoice, loadRows, saveErrors, setConfirmRepeat, commit, back } = useImportStore();
  const choiceId = useId();
  const filterId = useId();
  if (!preview || !counts) return null;
  const writes = counts.new + counts.update + counts.merge;
  const repeatBlocks = preview.importedBefore !== null && !confirmRepeat;

  return (
    <div data-testid="import-check-step">
      <p>{t('import.check.intro')}</p>
      <ul className="import-counts" aria-label={t('import.counts')} data-testid="import-counts">
        {COUNT_KEYS.map((key) => (
          <li key={key} className={`count-${key}`} data-testid={`import-count-${key}`} data-count={counts[key]}>
            <strong>{formatCount(locale, counts[key])}</strong> {t(`import.count.${key}`)}
          </li>
        ))}
      </ul>
      <div className="field">
        <label htmlFor={choiceId}>{t('import.choice.label')}</label>
        <select id={choiceId} data-testid="import-choice" value={choice} disabled={busy} onChange={(e) => void setChoice(e.target.value as DuplicateChoice)}>
          {DUPLICATE_CHOICES.map((c) => (
            <option key={c} value={c}>
              {t(`import.choice.${c}`)}
            </option>
          ))}
        </select>
      </div>
      {error && (
        <p role="alert" className="notice notice-error" data-testid="error" data-code={error.code}>
          {refusalText(t, error)}
        </p>
      )}
      <div className="page-head">
        <h4 className="rows-title">{t('import.rows.title')}</h4>
        <div className="actions">
          <label htmlFor={filterId}>{t('import.rows.filter')}</label>
          <select id={filterId} data-testid="import-filter" value={filter} onChange={(e) => void loadRows(e.target.value as RowFilter, 0)}>
            <option value="all">{t('import.rows.all')}</option>
            {[...ROW_ACTIONS, 'warning' as const].map((a) => (
              <option key={a} value={a}>
                {t(`import.count.${a}`)}
              </option>
            ))}
          </select>
          <button type="button" className="secondary" disabled={busy || counts.error + counts.warning === 0} onClick={() => void saveErrors()} data-testid="import-save-errors">
            {t('import.saveErrors')}
          </button>
        </div>
      </div>
      {saved && (
        <p role="status" className="notice notice-ok" data-testid="import-saved">
          {saved.status === 'saved' ? t('import.saveErrors.done', { count: saved.rows }) : t('import.saveErrors.cancelled')}
        </p>
      )}
      <RowsTable />
      {preview.importedBefore && (
        <div role="alert" className="notice notice-warning" data-testid="import-repeat">
          <p>{t('import.repeat.warning', { date: formatWhen(locale, preview.importedBefore.at), user: preview.importedBefore.by })}</p>
          <label className="checkbox-inline">
            <input type="checkbox" checked={confirmRepeat} onChange={(e) => setConfirmRepeat(e.target.checked)} />
            {t('import.repeat.confirm')}
          </label>
        </div>
      )}
      {writes === 0 && <p className="hint">{t('import.commit.nothing')}</p>}
      <div className="actions">
        <button type="button" disabled={busy || writes === 0 || repeatBlocks} onClick={() => void commit()} data-testid="import-commit">
          {busy ? t('common.working') : t('import.commit.button', { count: formatCount(locale, writes) })}
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={back}>
          {t('import.back')}
        </button>
      </div>
    </div>
  );
}
