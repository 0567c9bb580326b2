import { useT } from '../../i18n';
import { useImportStore } from '../../stores/import-store';
import { Button, Notice } from '../../ui';
import { refusalText } from './import-text';
import styles from './import.module.css';

/** Step 1: main shows its open dialog and parses the file; the page never sees a path. */
export function FileStep() {
  const t = useT();
  const { busy, fileError, fileCancelled, chooseFile, openHistory } = useImportStore();
  return (
    <div data-testid="import-file-step">
      <p>{t('import.file.intro')}</p>
      {fileError && (
        <Notice tone="danger" data-testid="import-refused" data-code={fileError.code} data-reason={fileError.fields?.file ?? ''}>
          {refusalText(t, fileError)}
        </Notice>
      )}
      {fileCancelled && (
        <p role="status" className={styles.hint} data-testid="import-no-file">
          {t('import.file.cancelled')}
        </p>
      )}
      <div className={styles.actions}>
        <Button disabled={busy} onClick={() => void chooseFile()} data-testid="import-choose">
          {busy ? t('common.working') : t('import.file.choose')}
        </Button>
        <Button variant="secondary" onClick={() => void openHistory()}>
          {t('import.historyButton')}
        </Button>
      </div>
    </div>
  );
}
