import { useState } from 'react';
import { ACCESS_REVIEW_PERIODS } from '../../../../shared/channels/access-review';
import type { ChannelOutput } from '../../../../shared/contract';
import type { ErrorBody } from '../../../../shared/errors';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useConfirm } from '../../components/prompts';
import { useT } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { errorBody, useChannelMutation, useChannelQuery } from '../../query';
import { useAppStore } from '../../stores/app-store';
import { Actions, Badge, Button, Card, Notice, Table, Tabs, type Column } from '../../ui';
import { useUserChanges } from './user-queries';
import styles from './users.module.css';

type Period = (typeof ACCESS_REVIEW_PERIODS)[number];
type Row = ChannelOutput<'users.accessReview'>['users'][number];

/**
 * The owner's quarterly access review: every account, its rights and what it did in the period
 * (from the audit log, in main), exported to .xlsx, marked reviewed. Unused accounts are
 * highlighted with a one-click Disable (users.setStatus, the Users page's own rules).
 */
export function AccessReview() {
  const t = useT();
  const fmt = useFormat();
  const [period, setPeriod] = useState<Period>(90);
  const review = useChannelQuery('users.accessReview', { periodDays: period });
  const exportFile = useChannelMutation('users.accessReviewExport', ['audit.']);
  const done = useChannelMutation('users.accessReviewDone', ['users.accessReview', 'audit.']);
  const refreshStatus = useAppStore((state) => state.refresh);
  const me = useAppStore((state) => state.status?.session?.username);
  const { busy, send } = useUserChanges();
  const [confirmDialog, confirm] = useConfirm();
  const [notice, setNotice] = useState<string | null>(null);
  const data = review.data;

  const disable = (row: Row) => {
    setNotice(null);
    void confirm({
      title: t('review.disableTitle', { name: row.displayName }),
      message: t('review.disableBody', { name: row.displayName }),
      confirmLabel: t('review.disable'),
      danger: true,
      run: async (): Promise<ErrorBody | null> => {
        try {
          await send('users.setStatus', { username: row.username, status: 'disabled' });
        } catch (error) {
          return errorBody(error);
        }
        setNotice(t('review.disabled', { name: row.displayName }));
        return null;
      },
    });
  };
  const markDone = async () => {
    setNotice(null);
    await done.mutateAsync({}).catch(() => undefined);
    await refreshStatus();
  };
  const runExport = async () => {
    setNotice(null);
    const result = await exportFile.mutateAsync({ periodDays: period }).catch(() => null);
    if (result?.status === 'saved') setNotice(t('review.exported', { rows: result.rows }));
  };

  const count = (n: number) => (n > 0 ? <strong>{fmt.number(n)}</strong> : '0');
  const columns: Column<Row>[] = [
    {
      key: 'account',
      header: t('review.col.account'),
      cell: (u) => (
        <span>
          {u.displayName} <small className={styles.hint}>({u.username})</small> {u.unused && <Badge tone="warning">{t('review.unused')}</Badge>}
        </span>
      ),
    },
    { key: 'role', header: t('review.col.role'), cell: (u) => t(`role.${u.role}`) },
    { key: 'status', header: t('review.col.status'), cell: (u) => t(`users.status.${u.status}`) },
    { key: 'lastLogin', header: t('review.col.lastLogin'), cell: (u) => (u.lastLoginAt ? fmt.dateTime(u.lastLoginAt) : t('users.never')) },
    { key: 'twoStep', header: t('review.col.twoStep'), cell: (u) => (u.has2fa ? t('review.on') : <Badge tone="warning">{t('review.off')}</Badge>) },
    { key: 'owned', header: t('review.col.owned'), cell: (u) => fmt.number(u.customersOwned) },
    { key: 'exports', header: t('review.col.exports'), cell: (u) => count(u.exports) },
    { key: 'reveals', header: t('review.col.reveals'), cell: (u) => count(u.reveals) },
    { key: 'deletes', header: t('review.col.deletes'), cell: (u) => count(u.deletes) },
    { key: 'alerts', header: t('review.col.alerts'), cell: (u) => (u.alerts > 0 ? <Badge tone="danger">{fmt.number(u.alerts)}</Badge> : '0') },
    {
      key: 'approvals',
      header: t('review.col.approvals'),
      cell: (u) => (
        <>
          {`${u.approvalsRequested} / ${u.approvalsGiven}`}
          {u.approvalsNoSecondPerson > 0 && <Badge tone="warning">{t('review.noSecondPerson', { count: u.approvalsNoSecondPerson })}</Badge>}
        </>
      ),
    },
    {
      key: 'rules',
      header: t('review.col.rules'),
      cell: (u) => (u.dataRulesVersion === null ? '–' : t('review.rulesAccepted', { version: u.dataRulesVersion, date: fmt.date(u.dataRulesAcceptedAt) })),
    },
    {
      key: 'action',
      header: <span className={styles.visuallyHidden}>{t('review.col.action')}</span>,
      cell: (u) =>
        // Owners are disabled from the Users table, where the owner's password step lives.
        u.unused && u.role !== 'owner' && u.username !== me ? (
          <Button variant="ghost" size="sm" disabled={busy} onClick={() => disable(u)} data-testid={`review-disable-${u.username}`}>
            {t('review.disable')}
          </Button>
        ) : null,
    },
  ];

  return (
    <Card title={t('review.title')} level={3} width="wide" className={styles.card} data-testid="access-review">
      <p className={styles.hint}>{t('review.intro')}</p>
      {data?.due && (
        <Notice tone="warning" data-testid="access-review-due">
          {t('review.due')}
        </Notice>
      )}
      <p className={styles.hint} data-testid="access-review-last">
        {data?.lastReviewedAt ? t('review.last', { date: fmt.date(data.lastReviewedAt) }) : t('review.never')}
      </p>
      <Actions>
        <Button variant="secondary" disabled={exportFile.isPending || !data} onClick={() => void runExport()} data-testid="access-review-export">
          {t('review.export')}
        </Button>
        <Button disabled={done.isPending || !data} onClick={() => void markDone()} data-testid="access-review-done">
          {t('review.markDone')}
        </Button>
      </Actions>
      <ErrorNotice error={errorBody(review.error) ?? errorBody(exportFile.error) ?? errorBody(done.error)} />
      {confirmDialog}
      {notice && <Notice tone="success">{notice}</Notice>}
      <Tabs label={t('review.period')} tabs={ACCESS_REVIEW_PERIODS.map((days) => ({ id: String(days) as `${Period}`, label: t('review.days', { days }), testId: `review-period-${days}` }))} selected={String(period) as `${Period}`} onSelect={(id) => setPeriod(Number(id) as Period)}>
        {data && <p className={styles.hint}>{t('review.unusedHint', { days: data.unusedDays })}</p>}
        {data && (
          <Table
            columns={columns}
            rows={data.users}
            rowKey={(u) => u.username}
            label={t('review.title')}
            testId="access-review-table"
            rowAttributes={(u) => ({ 'data-testid': `review-${u.username}`, ...(u.unused ? { className: styles.unused } : {}) })}
          />
        )}
      </Tabs>
    </Card>
  );
}
