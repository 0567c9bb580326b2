import { useT } from '../../i18n';
import { useFormat } from '../../i18n/format';
import type { CustomerRows } from './customer-rows';
import { SEARCH_CAP } from './customer-rows';
import styles from './list.module.css';

/**
 * The honest count: the whole list's total as main counted it ("2,000 customers"), never the rows
 * loaded so far; a search says how many it shows, and "200+" when it found more than it shows.
 */
export function CountLine({ rows }: { rows: CustomerRows }) {
  const t = useT();
  const { number } = useFormat();
  let text = '';
  if (rows.searching) text = rows.capped ? t('list.matchesCapped', { count: number(SEARCH_CAP) }) : t(rows.count === 1 ? 'list.match' : 'list.matches', { count: number(rows.count) });
  else if (rows.total !== null) text = t(rows.total === 1 ? 'list.customer' : 'list.customers', { count: number(rows.total) });
  return (
    <span className={styles.hint} data-testid="customers-count" aria-live="polite">
      {text}
    </span>
  );
}
