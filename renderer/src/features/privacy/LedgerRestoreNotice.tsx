import type { LedgerRestoreView } from '../../../../shared/ledger';
import { useT } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { Notice } from '../../ui';

/**
 * At sign-in after a restore: how many later decisions were re-applied before anyone could sign
 * in, and a warning when some were held back or the side file was missing or tampered with; when
 * a newer backup stood in for the side file (with its date), or nothing did (what to do then).
 */
export function LedgerRestoreNotice({ ledger }: { ledger: LedgerRestoreView }) {
  const t = useT();
  const fmt = new Intl.NumberFormat();
  const format = useFormat();
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
      {/* A newer backup stood in for a missing side file: only a tampered one is still worth a word of its own. */}
      {ledger.sideFile !== 'ok' && (ledger.ledgerSource !== 'newest-backup' || ledger.sideFile === 'tampered') && (
        <Notice tone={ledger.sideFile === 'tampered' ? 'danger' : 'warning'} data-testid="ledger-side-file" data-state={ledger.sideFile}>
          {t(`ledger.sideFile.${ledger.sideFile}`)}
        </Notice>
      )}
      {ledger.ledgerSource === 'newest-backup' && ledger.ledgerSourceAt && (
        <Notice tone="warning" data-testid="ledger-source" data-source={ledger.ledgerSource}>
          {t('ledger.fromNewestBackup', { date: format.dateTime(ledger.ledgerSourceAt) })}
        </Notice>
      )}
      {ledger.ledgerSource === 'none' && ledger.sideFile !== 'ok' && (
        <Notice tone="danger" data-testid="ledger-source" data-source={ledger.ledgerSource}>
          {t('ledger.noSource')}
        </Notice>
      )}
    </>
  );
}
