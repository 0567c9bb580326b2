import { useState } from 'react';
import type { BinItem } from '../../../../shared/erasure';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { errorBody, useChannelMutation, useChannelQuery } from '../../query';
import { Badge, Button, Dialog, EmptyState, Notice, Table, type Column } from '../../ui';
import layout from '../../ui/layout.module.css';
import styles from './erasure.module.css';
import { CheckingProgress } from './erasure-parts';

/**
 * The recycle bin as the owner manages it (issue 16): when each item is deleted for real, the hold
 * that keeps one, and "empty" (every item not held, now; the count the owner saw is checked). The
 * purges' after-checks run on main's worker; the dialog shows how far they are.
 */
export function RecycleBinPanel() {
  const t = useT();
  const fmt = useFormat();
  const bin = useChannelQuery('recycleBin.list', {});
  const hold = useChannelMutation('privacy.setHold', ['recycleBin.', 'customers.']);
  const empty = useChannelMutation('recycleBin.empty', ['recycleBin.', 'customers.', 'privacy.']);
  const [asking, setAsking] = useState(false);
  const [emptied, setEmptied] = useState<number | null>(null);
  const items = bin.data?.items ?? [];
  const days = bin.data?.days ?? 30;
  const due = items.filter((i) => !i.legalHold).length;

  const columns: Column<BinItem>[] = [
    { key: 'name', header: t('erasure.col.name'), rowHeader: true, cell: (i) => i.name },
    { key: 'deletedAt', header: t('bin.col.deletedAt'), cell: (i) => fmt.dateTime(i.deletedAt) },
    { key: 'purge', header: t('bin.col.purge'), cell: (i) => (i.purgeAfter ? fmt.dateTime(i.purgeAfter) : <Badge tone="warning">{t('bin.held')}</Badge>) },
    {
      key: 'hold',
      header: '',
      cell: (i) => (
        <Button size="sm" variant="secondary" data-testid={`bin-hold-${i.id}`} disabled={hold.isPending} onClick={() => hold.mutate({ customerId: i.id, hold: !i.legalHold })}>
          {i.legalHold ? t('bin.release') : t('bin.hold')}
        </Button>
      ),
    },
  ];

  return (
    <div className={styles.panel} data-testid="recycle-bin">
      <p className={layout.hint}>{t('bin.intro', { days })}</p>
      {emptied !== null && <Notice tone="success">{t('bin.emptied', { count: fmt.number(emptied) })}</Notice>}
      <ErrorNotice error={errorBody(bin.error ?? hold.error)} />
      <div className={styles.toolbar}>
        <Button variant="danger" disabled={due === 0} data-testid="bin-empty" onClick={() => { empty.reset(); setAsking(true); }}>
          {t('bin.emptyBin')}
        </Button>
      </div>
      {bin.data && (
        <Table
          columns={columns}
          rows={items}
          rowKey={(i) => i.id}
          label={t('erasure.tab.bin')}
          testId="bin-table"
          rowAttributes={(i) => ({ 'data-testid': `bin-${i.id}`, 'data-held': i.legalHold ? 'yes' : 'no' })}
          empty={<EmptyState title={t('bin.empty')} text={t('bin.emptyHint', { days })} testId="bin-empty-state" />}
        />
      )}
      {asking && (
        <Dialog
          title={t('bin.emptyTitle')}
          message={t('bin.emptyMessage', { count: fmt.number(due), held: fmt.number(items.length - due) })}
          confirmLabel={t('bin.emptyConfirm')}
          danger
          busy={empty.isPending}
          error={errorBody(empty.error)}
          onConfirm={() => empty.mutate({ expectCount: due }, { onSuccess: (r) => { setAsking(false); setEmptied(r.purged); } })}
          onCancel={() => setAsking(false)}
          testId="bin-empty-dialog"
        >
          <CheckingProgress active={empty.isPending} />
        </Dialog>
      )}
    </div>
  );
}
