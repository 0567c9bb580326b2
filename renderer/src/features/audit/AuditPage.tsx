import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { channelKey, errorBody, fetchChannel, useChannelMutation, useChannelQuery } from '../../query';
import { Actions, Badge, Button, Card, EmptyState, Table, type BadgeTone, type Column } from '../../ui';
import { auditInput, INITIAL_FILTER, PAGE, type AuditFilterState } from './audit-filter';
import { AuditFilters } from './AuditFilters';
import { actorOf, describeAudit, detailOf, outcomeText, type AuditRow } from './audit-words';
import { CustomersSeen } from './CustomersSeen';
import { VerdictNotice } from './VerdictNotice';

const TONE: Record<AuditRow['outcome'], BadgeTone> = { ok: 'success', denied: 'danger', rejected: 'warning', failed: 'danger' };

/** The audit log in words: who did what to whom, newest first, older pages on request. */
export function AuditPage() {
  const t = useT();
  const fmt = useFormat();
  // Verifying changes nothing (it only reads the chain), so it invalidates nothing; its answer is the mutation's data.
  const verify = useChannelMutation('audit.verify', []);
  // A full check walks every row on a worker thread; the page polls how far it is.
  const fullRunning = verify.isPending && verify.variables?.scope !== 'new';
  const progress = useChannelQuery('audit.verifyProgress', {}, { enabled: fullRunning, refetchInterval: fullRunning ? 500 : false, staleTime: 0 });
  const [filter, setFilter] = useState<AuditFilterState>(INITIAL_FILTER);
  const input = auditInput(filter);
  const log = useInfiniteQuery({
    // Keyed by channel and input like every other read, so invalidate('audit.') reaches it.
    queryKey: channelKey('audit.query', input),
    queryFn: ({ pageParam }) => fetchChannel('audit.query', pageParam === undefined ? input : { ...input, beforeId: pageParam }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => (last.length < PAGE ? undefined : last[last.length - 1]!.id),
  });
  const rows = log.data?.pages.flat() ?? [];
  const columns: Column<AuditRow>[] = [
    { key: 'time', header: t('audit.col.time'), cell: (row) => <span title={`#${row.id}`}>{fmt.dateTime(row.at)}</span> },
    { key: 'user', header: t('audit.col.user'), cell: (row) => actorOf(t, row) },
    { key: 'what', header: t('auditPage.col.what'), cell: (row) => describeAudit(t, row), wrap: true },
    { key: 'outcome', header: t('audit.col.outcome'), cell: (row) => <Badge tone={TONE[row.outcome]}>{outcomeText(t, row.outcome)}</Badge> },
    { key: 'detail', header: t('audit.col.detail'), cell: (row) => detailOf(t, row), wrap: true },
  ];

  return (
    <section aria-labelledby="audit-title" data-testid="audit-page">
      <h2 id="audit-title">{t('audit.title')}</h2>
      <p>{t('auditPage.intro')}</p>
      <Card level={3}>
        <AuditFilters filter={filter} onChange={setFilter} />
      </Card>
      <Actions>
        <Button variant="secondary" disabled={verify.isPending} onClick={() => verify.mutate({ scope: 'new' })}>
          {t('auditPage.verifyNew')}
        </Button>
        <Button variant="secondary" disabled={verify.isPending} onClick={() => verify.mutate({ scope: 'full' })}>
          {t('audit.verify')}
        </Button>
      </Actions>
      {fullRunning && (
        <p role="status" data-testid="audit-verify-progress">
          {t('auditPage.verifyProgress', { percent: fmt.number(progress.data?.percent ?? 0) })}
        </p>
      )}
      {verify.data && !verify.isPending && <VerdictNotice verdict={verify.data} />}
      <ErrorNotice error={errorBody(verify.error) ?? errorBody(log.error)} />
      {log.isSuccess && (
        <Table
          testId="audit-table"
          label={t('audit.title')}
          columns={columns}
          rows={rows}
          rowKey={(row) => row.id}
          rowAttributes={(row) => ({ 'data-testid': 'audit-row', 'data-action': row.action, 'data-outcome': row.outcome })}
          empty={<EmptyState title={t('audit.empty')} />}
        />
      )}
      <Actions>
        {log.hasNextPage ? (
          <Button variant="secondary" disabled={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()}>
            {t('auditPage.loadOlder')}
          </Button>
        ) : (
          rows.length > 0 && <p>{t('auditPage.end')}</p>
        )}
      </Actions>
      <CustomersSeen />
    </section>
  );
}
