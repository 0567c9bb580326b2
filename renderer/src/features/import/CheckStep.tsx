import { DUPLICATE_CHOICES, ROW_ACTIONS, type DuplicateChoice, type ImportCounts } from '../../../../shared/import';
import { useT } from '../../i18n';
import { useAppStore } from '../../stores/app-store';
import { useImportStore, type RowFilter } from '../../stores/import-store';
import { Button, Field, Notice, Select, Tabs } from '../../ui';
import styles from './import.module.css';
import { formatCount, formatWhen, refusalText } from './import-text';
import { ImportConsentFields } from '../privacy/ImportConsentFields';
import { RowsTable } from './RowsTable';
import { ImportConsentField } from '../privacy/ImportConsentField';

const COUNT_KEYS: (keyof ImportCounts)[] = ['new', 'update', 'merge', 'skip', 'error', 'warning'];
const FILTERS: RowFilter[] = ['all', ...ROW_ACTIONS, 'warning'];

/** Step 3: the dry run. Counts, the duplicate choice, every row with its reasons; nothing written yet. */
export function CheckStep() {
  const t = useT();
  const locale = useAppStore((state) => state.locale);
  const { preview, counts, choice, busy, error, saved, confirmRepeat, filter, setChoice, showRows, saveErrors, setConfirmRepeat, commit, back } = useImportStore();
  if (!preview || !counts) return null;
  const writes = counts.new + counts.update + counts.merge;
  const repeatBlocks = preview.importedBefore !== null && !confirmRepeat;

  return (
    <div data-testid="import-check-step">
      <p>{t('import.check.intro')}</p>
      <ul className={styles.counts} aria-label={t('import.counts')} data-testid="import-counts">
        {COUNT_KEYS.map((key) => (
          <li key={key} className={styles[`count-${key}`]} data-testid={`import-count-${key}`} data-count={counts[key]}>
            <strong>{formatCount(locale, counts[key])}</strong> {t(`import.count.${key}`)}
          </li>
        ))}
      </ul>
      <Field label={t('import.choice.label')}>
        {(control) => (
          <Select {...control} data-testid="import-choice" value={choice} disabled={busy} onChange={(e) => void setChoice(e.target.value as DuplicateChoice)}>
            {DUPLICATE_CHOICES.map((c) => (
              <option key={c} value={c}>
                {t(`import.choice.${c}`)}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <ImportConsentField />
      {error && (
        <Notice tone="danger" data-testid="error" data-code={error.code}>
          {refusalText(t, error)}
        </Notice>
      )}
      <div className={styles.head}>
        <h4 className={styles.rowsTitle}>{t('import.rows.title')}</h4>
        <Button variant="secondary" disabled={busy || counts.error + counts.warning === 0} onClick={() => void saveErrors()} data-testid="import-save-errors">
          {t('import.saveErrors')}
        </Button>
      </div>
      {saved && (
        <Notice tone="success" data-testid="import-saved">
          {saved.status === 'saved' ? t('import.saveErrors.done', { count: saved.rows }) : t('import.saveErrors.cancelled')}
        </Notice>
      )}
      {/* Which rows to see, each with its count, so an empty kind is visible before it is opened. */}
      <Tabs
        label={t('import.rows.filter')}
        testId="import-filter"
        selected={filter}
        onSelect={(next) => showRows(next, 0)}
        tabs={FILTERS.map((f) => ({
          id: f,
          testId: `import-filter-${f}`,
          label: f === 'all' ? t('import.rows.all') : `${t(`import.count.${f}`)} ${formatCount(locale, counts[f])}`,
        }))}
      >
        <RowsTable />
      </Tabs>
      {preview.importedBefore && (
        <Notice tone="warning" data-testid="import-repeat">
          <p>{t('import.repeat.warning', { date: formatWhen(locale, preview.importedBefore.at), user: preview.importedBefore.by })}</p>
          <label className={styles.checkboxInline}>
            <input type="checkbox" checked={confirmRepeat} onChange={(e) => setConfirmRepeat(e.target.checked)} />
            {t('import.repeat.confirm')}
          </label>
        </Notice>
      )}
      <ImportConsentFields />
      {writes === 0 && <p className={styles.hint}>{t('import.commit.nothing')}</p>}
      <div className={styles.actions}>
        <Button disabled={busy || writes === 0 || repeatBlocks} onClick={() => void commit()} data-testid="import-commit">
          {busy ? t('common.working') : t('import.commit.button', { count: formatCount(locale, writes) })}
        </Button>
        <Button variant="secondary" disabled={busy} onClick={back}>
          {t('import.back')}
        </Button>
      </div>
    </div>
  );
}
