import { useState } from 'react';
import type { ErrorBody } from '../../../../shared/errors';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { useCustomersStore } from '../../stores/customers-store';
import { Button, EmptyState, Table, type Column } from '../../ui';
import styles from './tools.module.css';

/** Deleted customers (names only), and the way back. */
export function RecycleBin() {
  const t = useT();
  const fmt = useFormat();
  const { bin, closeBin, restore } = useCustomersStore();
  const [error, setError] = useState<ErrorBody | null>(null);
  if (!bin) return null;
  const columns: Column<(typeof bin)[number]>[] = [
    { key: 'name', header: t('customers.col.name'), rowHeader: true, cell: (row) => row.name },
    { key: 'owner', header: t('customers.col.owner'), cell: (row) => row.ownerUsername },
    { key: 'deleted', header: t('bin.deletedAt'), cell: (row) => fmt.dateTime(row.deletedAt) },
    {
      key: 'restore',
      header: <span className={styles.visuallyHidden}>{t('bin.restore')}</span>,
      cell: (row) => (
        <Button variant="secondary" size="sm" onClick={() => void restore(row.id).then(setError)}>
          {t('bin.restore')}
        </Button>
      ),
    },
  ];
  return (
    <section aria-labelledby="bin-title" data-testid="recycle-bin">
      <div className={styles.head}>
        <h2 id="bin-title">{t('bin.title')}</h2>
        <Button variant="secondary" onClick={closeBin}>
          {t('bin.back')}
        </Button>
      </div>
      <p className={styles.hint}>{t('bin.hint')}</p>
      <ErrorNotice error={error} />
      <Table
        columns={columns}
        rows={bin}
        rowKey={(row) => row.id}
        label={t('bin.title')}
        rowAttributes={() => ({ 'data-testid': 'bin-row' })}
        empty={<EmptyState title={t('bin.empty')} />}
      />
    </section>
  );
}
