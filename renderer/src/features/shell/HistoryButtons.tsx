import { useT } from '../../i18n';
import { useNavStore } from '../../stores/nav-store';
import styles from './Shell.module.css';

/** Small Back / Forward buttons for the top bar, disabled at either end of the history. */
export function HistoryButtons() {
  const t = useT();
  const canBack = useNavStore((state) => state.index > 0);
  const canForward = useNavStore((state) => state.index < state.entries.length - 1);
  const { back, forward } = useNavStore.getState();
  return (
    <div className={styles.history} role="group" aria-label={t('shell.back') + ' / ' + t('shell.forward')}>
      <button type="button" className={styles.historyButton} data-testid="history-back" aria-label={t('shell.back')} title={t('shell.backHint')} disabled={!canBack} onClick={back}>
        ←
      </button>
      <button type="button" className={styles.historyButton} data-testid="history-forward" aria-label={t('shell.forward')} title={t('shell.forwardHint')} disabled={!canForward} onClick={forward}>
        →
      </button>
    </div>
  );
}
