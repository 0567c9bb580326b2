import type { ChannelOutput } from '../../../../shared/contract';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { errorBody } from '../../query';
import { useCustomersStore, useRecycleBin, useRestoreCustomer } from '../../stores/customers-store';
import { Button, EmptyState, Table, type Column } from '../../ui';
import styles from './tools.module.css';

type Deleted = ChannelOutput<'customers.deleted'>[number];

/** Deleted customers (names only), and the way back. */
export function RecycleBin() {
  const t = useT();
  const fmt = useFormat();
  const closeBin = useCustomersStore((state) => state.closeBin);
  const bin = useRecycleBin();
  const restore = useRestoreCustomer();
  const columns: Column<Deleted>[] = [
    { key: 'name', header: t('customers.col.name'), rowHeader: true, cell: (row) => row.name },
    { key: 'owner', header: t('customers.col.owner'), cell: (row) => row.ownerUsername },
    { key: 'deleted', header: t('bin.deletedAt'), cell: (row) => fmt.dateTime(row.deletedAt) },
    {
      key: 'restore',
      header: <span className={styles.visuallyHidden}>{t('bin.restore')}</span>,
      cell: (row) => (
        // The refusal is shown above the table (restore.error); the list refetches on success.
        <Button variant="secondary" size="sm" disabled={restore.isPending} onClick={() => restore.mutate({ id: row.id })}>
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
      <ErrorNotice error={errorBody(bin.error) ?? errorBody(restore.error)} />
      {bin.data && (
        <Table
          columns={columns}
          rows={bin.data}
          rowKey={(row) => row.id}
          label={t('bin.title')}
          rowAttributes={() => ({ 'data-testid': 'bin-row' })}
          empty={<EmptyState title={t('bin.empty')} />}
        />
      )}
    </section>
  );
}
