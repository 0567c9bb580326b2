import { useState } from 'react';
import { RECYCLE_BIN_DAYS, type PrivacyLogEntry } from '../../../../shared/erasure';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { errorBody, useChannelQuery } from '../../query';
import { Button, Card, EmptyState, Table, type Column } from '../../ui';
import layout from '../../ui/layout.module.css';
import styles from './erasure.module.css';
import { CheckBadge, checkState, touchedList } from './erasure-parts';

const PAGE = 100;

/** The deletion record (issue 16), owner and auditor: masked identity, what, who, when, approval, check. */
export function PrivacyLogPage() {
  const t = useT();
  const fmt = useFormat();
  const [limit, setLimit] = useState(PAGE);
  // A row whose check is still running on the worker is asked again until it has its answer.
  const log = useChannelQuery('privacy.log', { limit }, { refetchInterval: (q) => (q.state.data?.entries.some((e) => e.check.status === 'running') ? 1000 : false) });
  const entries = log.data?.entries ?? [];
  const columns: Column<PrivacyLogEntry>[] = [
    { key: 'when', header: t('privacyLog.col.when'), cell: (e) => fmt.dateTime(e.at) },
    { key: 'who', header: t('privacyLog.col.who'), cell: (e) => e.actor ?? t('privacyLog.system') },
    {
      key: 'person',
      header: t('privacyLog.col.person'),
      rowHeader: true,
      wrap: true,
      cell: (e) => <span data-testid="privacy-log-person">{[e.maskedName, e.maskedPhone, e.maskedEmail].filter(Boolean).join(' · ')}</span>,
    },
    {
      key: 'what',
      header: t('privacyLog.col.what'),
      wrap: true,
      cell: (e) => (
        <>
          {t(`privacyLog.mode.${e.mode}`)} · {t(`privacyLog.trigger.${e.trigger}`, { days: RECYCLE_BIN_DAYS })}
          {e.requestId !== null && <> · {t('privacyLog.request', { id: e.requestId })}</>}
          {e.pseudonym && <div className={styles.muted}>{e.pseudonym}</div>}
        </>
      ),
    },
    { key: 'touched', header: t('privacyLog.col.touched'), wrap: true, cell: (e) => touchedList(e.touched, fmt.number) },
    { key: 'approval', header: t('privacyLog.col.approval'), cell: (e) => (e.approvalId === null ? '—' : `#${e.approvalId}`) },
    {
      key: 'check',
      header: t('privacyLog.col.check'),
      cell: (e) => <CheckBadge check={e.check} />,
    },
  ];
  return (
    <Card title={t('privacyLog.title')} width="wide" data-testid="privacy-log-page">
      <p className={layout.hint}>{t('privacyLog.intro')}</p>
      <ErrorNotice error={errorBody(log.error)} />
      {log.data && (
        <Table
          columns={columns}
          rows={entries}
          rowKey={(e) => e.id}
          label={t('privacyLog.title')}
          testId="privacy-log-table"
          rowAttributes={(e) => ({ 'data-testid': `privacy-log-${e.id}`, 'data-check': checkState(e.check) })}
          empty={<EmptyState title={t('privacyLog.empty')} text={t('privacyLog.emptyHint')} testId="privacy-log-empty" />}
        />
      )}
      {entries.length >= limit && limit < 500 && (
        <Button variant="secondary" onClick={() => setLimit(Math.min(500, limit + PAGE))}>
          {t('alerts.loadMore')}
        </Button>
      )}
    </Card>
  );
}
