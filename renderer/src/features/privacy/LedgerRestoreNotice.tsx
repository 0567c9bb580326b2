import type { LedgerRestoreView } from '../../../../shared/ledger';
import { useT } from '../../i18n';
import { Notice } from '../../ui';

/**
 * At sign-in after a restore: how many later decisions were re-applied before anyone could sign
 * in, and a warning when some were held back or the side file was missing or tampered with.
 */
export function LedgerRestoreNotice({ ledger }: { ledger: LedgerRestoreView }) {
  const t = useT();
  const fmt = new Intl.NumberFormat();
  return (
    <>
      <Notice tone="success" data-testid="ledger-reapplied" data-count={ledger.reapplied}>
        {t('ledger.reapplied', { count: fmt.format(ledger.reapplied) })}
      </Notice>
      {ledger.heldBack > 0 && (
        <Notice tone="warning" data-testid="ledger-held-back">
          {t('ledger.heldBack', { count: fmt.format(ledger.heldBack) })}
        </Notice>
      )}
      {ledger.sideFile !== 'ok' && (
        <Notice tone={ledger.sideFile === 'tampered' ? 'danger' : 'warning'} data-testid="ledger-side-file" data-state={ledger.sideFile}>
          {t(`ledger.sideFile.${ledger.sideFile}`)}
        </Notice>
      )}
    </>
  );
}
