import { useState } from 'react';
import type { RequestItem } from '../../../../../shared/channels/privacy-requests';
import { can } from '../../../../../shared/permissions';
import { REQUEST_TYPES, type RequestType } from '../../../../../shared/privacy-requests';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { useT } from '../../../i18n';
import { useFormat } from '../../../i18n/format';
import { errorBody, useChannelQuery } from '../../../query';
import { useAppStore } from '../../../stores/app-store';
import { useNavStore } from '../../../stores/nav-store';
import { Button, Card, EmptyState, Field, Select, Table, Tabs, type Column } from '../../../ui';
import layout from '../../../ui/layout.module.css';
import { daysLeftText, stateLabel, typeLabel } from './labels';
import { NewRequestDialog } from './NewRequestDialog';
import { RequestDetailView } from './RequestDetail';
import styles from './requests.module.css';

type Filter = 'open' | 'overdue' | 'all';

/** The register of data-subject requests and complaints; a request id in the route opens its page. */
export function RequestsPage() {
  const section = useNavStore((state) => state.route.section);
  const id = section && /^\d+$/.test(section) ? Number(section) : null;
  return id === null ? <RequestRegister /> : <RequestDetailView key={id} id={id} />;
}

function RequestRegister() {
  const t = useT();
  const fmt = useFormat();
  const go = useNavStore((state) => state.go);
  const role = useAppStore((state) => state.status?.session?.role ?? 'auditor');
  const [filter, setFilter] = useState<Filter>('open');
  const [type, setType] = useState<RequestType | ''>('');
  const [creating, setCreating] = useState(false);
  const list = useChannelQuery('privacyRequests.list', { filter, ...(type ? { type } : {}) });

  const customersOf = (r: RequestItem) =>
    r.customers.length === 0 ? <span className={layout.hint}>{t('req.noCustomer')}</span> : r.customers.map((c) => c.name ?? t('req.customerNumber', { id: c.id })).join(', ');
  const columns: Column<RequestItem>[] = [
    { key: 'number', header: t('req.col.number'), rowHeader: true, cell: (r) => t('req.number', { id: r.id }) },
    { key: 'type', header: t('req.col.type'), cell: (r) => typeLabel(t, r.type) },
    { key: 'received', header: t('req.col.received'), cell: (r) => fmt.date(r.receivedOn) },
    { key: 'state', header: t('req.col.state'), cell: (r) => stateLabel(t, r.state) },
    { key: 'due', header: t('req.col.due'), cell: (r) => fmt.date(r.dueOn) },
    {
      key: 'left',
      header: t('req.col.left'),
      cell: (r) => (
        <>
          <span className={r.overdue ? styles.overdue : undefined} data-testid="request-days-left" data-overdue={r.overdue}>
            {daysLeftText(t, r.daysLeft)}
          </span>
          {r.ackDaysLeft !== null && (
            <div className={r.ackOverdue ? styles.overdue : layout.hint} data-testid="request-ack-left" data-overdue={r.ackOverdue}>
              {t('req.card.ackBy')}: {daysLeftText(t, r.ackDaysLeft)}
            </div>
          )}
        </>
      ),
    },
    { key: 'customers', header: t('req.col.customers'), wrap: true, cell: customersOf },
    { key: 'handler', header: t('req.col.handler'), cell: (r) => r.handlerName ?? t('req.unassigned') },
  ];

  return (
    <Card
      title={t('req.title')}
      data-testid="requests-page"
      actions={
        can(role, 'privacyRequests.write') ? (
          <Button onClick={() => setCreating(true)} data-testid="request-new">
            {t('req.new')}
          </Button>
        ) : null
      }
    >
      <p className={layout.hint}>{t('req.intro')}</p>
      <div className={styles.filters}>
        <Field label={t('req.filter.type')}>
          {(control) => (
            <Select {...control} value={type} onChange={(e) => setType(e.target.value as RequestType | '')} data-testid="request-filter-type">
              <option value="">{t('req.filter.anyType')}</option>
              {REQUEST_TYPES.map((k) => (
                <option key={k} value={k}>
                  {typeLabel(t, k)}
                </option>
              ))}
            </Select>
          )}
        </Field>
      </div>
      <Tabs<Filter>
        label={t('req.title')}
        selected={filter}
        onSelect={(f: Filter) => setFilter(f)}
        tabs={(['open', 'overdue', 'all'] as const).map((f) => ({ id: f, label: t(`req.filter.${f}`), testId: `request-filter-${f}` }))}
      >
        <ErrorNotice error={errorBody(list.error)} />
        {list.data && (
          <Table
            columns={columns}
            rows={list.data}
            rowKey={(r) => r.id}
            label={t('req.title')}
            testId="requests-table"
            onActivate={(r) => go('requests', { section: String(r.id) })}
            rowAttributes={(r) => ({ 'data-testid': 'request-row', 'data-id': r.id, 'data-overdue': r.overdue || r.ackOverdue, className: r.overdue || r.ackOverdue ? styles.overdue : undefined })}
            empty={<EmptyState title={t('req.empty')} text={t('req.emptyHint')} testId="requests-empty" />}
          />
        )}
      </Tabs>
      {creating && (
        <NewRequestDialog
          onClose={(made) => {
            setCreating(false);
            if (made !== null) go('requests', { section: String(made) });
          }}
        />
      )}
    </Card>
  );
}
