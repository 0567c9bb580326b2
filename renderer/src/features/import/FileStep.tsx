import { useT } from '../../i18n';
import { useImportStore } from '../../stores/import-store';
import { refusalText } from './import-text';

/** Step 1: main shows its open dialog and parses the file; the page never sees a path. */
export function FileStep() {
  const t = useT();
  const { busy, fileError, fileCancelled, chooseFile, openHistory } = useImportStore();
  return (
    <div data-testid="import-file-step">
      <p>{t('import.file.intro')}</p>
      {fileError && (
        <p role="alert" className="notice notice-error" data-testid="import-refused" data-code={fileError.code} data-reason={fileError.fields?.file ?? ''}>
          {refusalText(t, fileError)}
        </p>
      )}
      {fileCancelled && (
        <p role="status" className="hint" data-testid="import-no-file">
          {t('import.file.cancelled')}
        </p>
      )}
      <div className="actions">
        <button type="button" disabled={busy} onClick={() => void chooseFile()} data-testid="import-choose">
          {busy ? t('common.working') : t('import.file.choose')}
        </button>
        <button type="button" className="secondary" onClick={() => void openHistory()}>
          {t('import.historyButton')}
        </button>
      </div>
    </div>
  );
}
