import { useState } from 'react';
import type { ChannelOutput } from '../../../../shared/contract';
import { can } from '../../../../shared/permissions';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { errorBody, useChannelQuery } from '../../query';
import { useAppStore } from '../../stores/app-store';
import { Button, Card, Dialog, Table, type Column } from '../../ui';
import layout from '../../ui/layout.module.css';
import { useOpenCustomer } from '../dashboard/use-dashboard';
import dashboard from '../dashboard/Dashboard.module.css';

type Row = ChannelOutput<'consent.missing'>['items'][number];
const PAGE = 50;

/**
 * The dashboard's "no recorded lawful basis" tile and its worklist: customers in the user's own
 * scope (sales: their own) with no consent event at all. A row opens the customer's record.
 */
export function ConsentWorklistCard() {
  const t = useT();
  const fmt = useFormat();
  const role = useAppStore((state) => state.status?.session?.role ?? 'auditor');
  const allowed = can(role, 'consent.read');
  const [open, setOpen] = useState(false);
  const [offset, setOffset] = useState(0);
  const count = useChannelQuery('consent.missing', { offset: 0, limit: 1 }, { enabled: allowed, refetchOnMount: 'always' });
  const page = useChannelQuery('consent.missing', { offset, limit: PAGE }, { enabled: allowed && open });
  const openCustomer = useOpenCustomer();
  if (!allowed || !count.data) return null;
  const total = count.data.total;
  const columns: Column<Row>[] = [
    { key: 'name', header: t('worklist.col.name'), rowHeader: true, cell: (r) => r.name },
    { key: 'owner', header: t('worklist.col.owner'), cell: (r) => r.owner },
  ];
  return (
    <Card title={t('worklist.title')} level={3} width="wide" className={dashboard.tile} data-testid="dashboard-consent-missing">
      <p className={total > 0 ? dashboard.figure : layout.hint} data-testid="consent-missing-count" data-count={total}>
        {total > 0 ? t('worklist.count', { count: fmt.number(total) }) : t('worklist.none')}
      </p>
      {total > 0 && (
        <Button variant="secondary" onClick={() => (setOffset(0), setOpen(true))} data-testid="consent-missing-open">
          {t('worklist.open')}
        </Button>
      )}
      {open && (
        <Dialog title={t('worklist.title')} message={t('worklist.intro')} confirmLabel={t('worklist.close')} onConfirm={() => setOpen(false)} onCancel={() => setOpen(false)} testId="consent-worklist">
          <ErrorNotice error={errorBody(page.error)} />
          {page.data && (
            <>
              <Table columns={columns} rows={page.data.items} rowKey={(r) => r.id} label={t('worklist.title')} onActivate={(r) => (setOpen(false), openCustomer(r.id))} maxHeight="50vh" testId="consent-worklist-table" />
              <p className={layout.hint}>{t('worklist.page', { from: fmt.number(offset + 1), to: fmt.number(offset + page.data.items.length), total: fmt.number(page.data.total) })}</p>
              <div>
                <Button size="sm" variant="secondary" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
                  {t('worklist.prev')}
                </Button>{' '}
                <Button size="sm" variant="secondary" disabled={offset + PAGE >= page.data.total} onClick={() => setOffset(offset + PAGE)}>
                  {t('worklist.next')}
                </Button>
              </div>
            </>
          )}
        </Dialog>
      )}
    </Card>
  );
}
