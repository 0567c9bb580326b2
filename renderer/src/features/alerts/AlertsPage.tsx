import { useState } from 'react';
import { ALERT_NOTE_MAX, type AlertItem } from '../../../../shared/monitoring';
import { can } from '../../../../shared/permissions';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { errorBody, useChannelMutation, useChannelQuery } from '../../query';
import { useAppStore } from '../../stores/app-store';
import { useCustomerDetailStore } from '../../stores/customer-detail-store';
import { useNavStore } from '../../stores/nav-store';
import { useBreachDraftStore } from '../privacy/breach/breach-draft-store';
import { Badge, Button, Card, Dialog, EmptyState, Field, Notice, Select, Table, TextArea, type Column } from '../../ui';
import layout from '../../ui/layout.module.css';
import { ruleText } from './alert-words';
import styles from './alerts.module.css';

const PAGE = 50;

/**
 * The alert inbox: what the monitoring rules caught, who did it, which customers, and whether
 * someone looked. Owners and managers acknowledge with a note; the auditor reads only. Main's
 * 'alerts.' hint re-reads it when a rule fires while the page is open.
 */
export function AlertsPage() {
  const t = useT();
  const fmt = useFormat();
  const role = useAppStore((state) => state.status?.session?.role ?? 'auditor');
  const manage = can(role, 'alerts.manage');
  const go = useNavStore((state) => state.go);
  const startDraft = useBreachDraftStore((state) => state.start);
  // An alert about someone's account may be the first sign of a leak: the owner records it in one step.
  const recordBreach = (a: AlertItem) => {
    if (!a.subject) return;
    const who = `${a.subject.displayName} (${a.subject.username})`;
    startDraft({ summary: t('alerts.breach.summary', { rule: ruleText(t, a.rule), who, count: fmt.number(a.count), start: fmt.dateTime(a.windowStart) }), occurredAt: a.windowStart, source: 'leaked-account', username: a.subject.username });
    go('breach');
  };
  const [state, setState] = useState<'open' | 'all'>('open');
  const [limit, setLimit] = useState(PAGE);
  const list = useChannelQuery('alerts.list', { state, limit });
  const [acking, setAcking] = useState<AlertItem | null>(null);
  const [done, setDone] = useState(false);
  const items = list.data?.items ?? [];

  const columns: Column<AlertItem>[] = [
    { key: 'when', header: t('alerts.col.when'), cell: (a) => fmt.dateTime(a.raisedAt) },
    { key: 'who', header: t('alerts.col.who'), cell: (a) => (a.subject ? `${a.subject.displayName} (${a.subject.username})` : t('alerts.system')) },
    { key: 'rule', header: t('alerts.col.rule'), rowHeader: true, wrap: true, cell: (a) => ruleText(t, a.rule) },
    { key: 'count', header: t('alerts.col.count'), cell: (a) => t('alerts.countIn', { count: fmt.number(a.count), start: fmt.dateTime(a.windowStart) }) },
    { key: 'customers', header: t('alerts.col.customers'), wrap: true, cell: (a) => <AlertCustomers alert={a} /> },
    {
      key: 'state',
      header: t('alerts.col.state'),
      wrap: true,
      cell: (a) =>
        a.state === 'open' ? (
          <>
            <Badge tone="warning">{t('alerts.state.open')}</Badge>{' '}
            {manage && (
              <Button size="sm" variant="secondary" data-testid={`alert-ack-${a.id}`} onClick={() => { setDone(false); setAcking(a); }}>
                {t('alerts.ack')}
              </Button>
            )}
          </>
        ) : (
          <>
            <Badge tone="success">{t('alerts.state.acknowledged')}</Badge>{' '}
            <span className={styles.muted}>{t('alerts.ackedBy', { name: a.acknowledgedBy ?? '', when: a.acknowledgedAt ? fmt.dateTime(a.acknowledgedAt) : '' })}</span>
            {a.note && <p className={styles.note} data-testid="alert-note">{a.note}</p>}
          </>
        ),
    },
    ...(can(role, 'breach.manage')
      ? [
          {
            key: 'breach',
            header: t('alerts.col.breach'),
            cell: (a: AlertItem) =>
              a.subject ? (
                <Button size="sm" variant="link" data-testid={`alert-breach-${a.id}`} onClick={() => recordBreach(a)}>
                  {t('alerts.breach.record')}
                </Button>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <Card title={t('alerts.title')} width="wide" data-testid="alerts-page">
      <p className={layout.hint}>{t('alerts.intro')}</p>
      {!manage && <p className={layout.hint} data-testid="alerts-read-only">{t('alerts.readOnly')}</p>}
      <div className={styles.toolbar}>
        <Field label={t('alerts.show')}>
          {(control) => (
            <Select {...control} value={state} data-testid="alerts-filter" onChange={(e) => { setState(e.target.value === 'all' ? 'all' : 'open'); setLimit(PAGE); }}>
              <option value="open">{t('alerts.filter.open')}</option>
              <option value="all">{t('alerts.filter.all')}</option>
            </Select>
          )}
        </Field>
      </div>
      {done && <Notice tone="success">{t('alerts.acked')}</Notice>}
      <ErrorNotice error={errorBody(list.error)} />
      {list.data && (
        <Table
          columns={columns}
          rows={items}
          rowKey={(a) => a.id}
          label={t('alerts.title')}
          testId="alerts-table"
          rowAttributes={(a) => ({ 'data-testid': `alert-${a.id}`, 'data-rule': a.rule, 'data-state': a.state })}
          empty={<EmptyState title={t('alerts.empty')} text={t('alerts.emptyHint')} testId="alerts-empty" />}
        />
      )}
      {items.length >= limit && limit < 200 && (
        <Button variant="secondary" onClick={() => setLimit(Math.min(200, limit + PAGE))}>
          {t('alerts.loadMore')}
        </Button>
      )}
      {acking && <AcknowledgeDialog alert={acking} onClose={(ok) => { setAcking(null); setDone(ok); }} />}
    </Card>
  );
}

/** The customers an alert names, as this viewer may see them; a click opens the record. */
function AlertCustomers({ alert }: { alert: AlertItem }) {
  const t = useT();
  const open = useCustomerDetailStore((state) => state.open);
  if (alert.customerCount === 0) return <span className={styles.muted}>{t('alerts.noCustomers')}</span>;
  const more = alert.customerCount - alert.customers.length;
  return (
    <ul className={styles.customers} data-testid="alert-customers">
      {alert.customers.map((c) => (
        <li key={c.id}>
          {c.name === null ? (
            <span className={styles.muted}>#{c.id}</span>
          ) : (
            <Button variant="link" onClick={() => void open(c.id)}>
              {c.name}
            </Button>
          )}
        </li>
      ))}
      {more > 0 && <li className={styles.muted}>{t('alerts.more', { count: more })}</li>}
    </ul>
  );
}

function AcknowledgeDialog({ alert, onClose }: { alert: AlertItem; onClose(ok: boolean): void }) {
  const t = useT();
  const [note, setNote] = useState('');
  // The badge and the dashboard card read alerts.count: the same prefix re-reads them.
  const ack = useChannelMutation('alerts.acknowledge', ['alerts.']);
  return (
    <Dialog
      title={t('alerts.ackTitle')}
      message={`${ruleText(t, alert.rule)}${alert.subject ? ` · ${alert.subject.displayName}` : ''}`}
      confirmLabel={t('alerts.ack')}
      busy={ack.isPending}
      error={errorBody(ack.error)}
      onConfirm={() => ack.mutate({ id: alert.id, note: note.trim() }, { onSuccess: () => onClose(true) })}
      onCancel={() => onClose(false)}
      testId="alert-ack-dialog"
    >
      <p className={layout.hint}>{t('alerts.ackBody')}</p>
      <Field label={t('alerts.note')}>
        {(control) => <TextArea {...control} value={note} maxLength={ALERT_NOTE_MAX} rows={3} onChange={(e) => setNote(e.target.value)} data-testid="alert-note-input" />}
      </Field>
    </Dialog>
  );
}
