import type { EraseResult } from '../../../../shared/erasure';
import { useT } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { Notice } from '../../ui';

/** What an erasure did and what its check found: the tables touched (counts) and pass or fail. */
export function EraseResultNotice({ result }: { result: EraseResult }) {
  const t = useT();
  const fmt = useFormat();
  const touched = Object.entries(result.touched).map(([table, n]) => `${table} ${fmt.number(n)}`).join(', ');
  return (
    <div data-testid="erasure-result" data-check={result.check.passed ? 'passed' : 'failed'}>
      <Notice tone={result.check.passed ? 'success' : 'danger'}>
        <strong>{t('erasure.done.title')}</strong>
        <p>{result.pseudonym ? t('erasure.done.pseudonym', { name: result.pseudonym }) : t('erasure.done.deleted')}</p>
        <p>{t('erasure.done.touched', { list: touched })}</p>
        <p data-testid="erasure-check">
          {result.check.passed
            ? t('erasure.check.passed', { columns: fmt.number(result.check.scannedColumns) })
            : t('erasure.check.failed', { list: Object.keys(result.check.hits).join(', ') })}
        </p>
        {result.check.otherRecords > 0 && <p>{t('erasure.check.others', { count: fmt.number(result.check.otherRecords) })}</p>}
      </Notice>
    </div>
  );
}
