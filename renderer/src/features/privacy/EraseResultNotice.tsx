import type { EraseResult } from '../../../../shared/erasure';
import { useT } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { Notice } from '../../ui';
import { checkState, touchedList } from './erasure-parts';

/** What an erasure did and what its check found: the tables touched (counts) and pass or fail. */
export function EraseResultNotice({ result }: { result: EraseResult }) {
  const t = useT();
  const fmt = useFormat();
  const touched = touchedList(result.touched, fmt.number);
  const state = checkState(result.check);
  return (
    <div data-testid="erasure-result" data-check={state}>
      <Notice tone={result.check.passed ? 'success' : 'danger'}>
        <strong>{t('erasure.done.title')}</strong>
        <p>{result.pseudonym ? t('erasure.done.pseudonym', { name: result.pseudonym }) : t('erasure.done.deleted')}</p>
        <p>{t('erasure.done.touched', { list: touched })}</p>
        <p data-testid="erasure-check">
          {state === 'passed'
            ? t('erasure.check.passed', { columns: fmt.number(result.check.scannedColumns) })
            : state === 'failed'
              ? t('erasure.check.failed', { list: Object.keys(result.check.hits).join(', ') })
              : t('erasure.check.interrupted')}
        </p>
        {result.check.otherRecords > 0 && <p>{t('erasure.check.others', { count: fmt.number(result.check.otherRecords) })}</p>}
      </Notice>
    </div>
  );
}
