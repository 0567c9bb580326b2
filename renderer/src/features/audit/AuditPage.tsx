import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n';
import { channelKey, errorBody, fetchChannel } from '../../query';
import { useAdminStore } from '../../stores/admin-store';
import { useAppStore } from '../../stores/app-store';
import { auditInput, INITIAL_FILTER, PAGE, type AuditFilterState } from './audit-filter';
import { AuditFilters } from './AuditFilters';
import { actorOf, describeAudit, detailOf, outcomeText } from './audit-words';
import { CustomersSeen } from './CustomersSeen';
import { VerdictNotice } from './VerdictNotice';

/** The audit log in words: who did what to whom, newest first, older pages on request. */
export function AuditPage() {
  const t = useT();
  const locale = useAppStore((state) => state.locale);
  const { verdict, verifyAudit, busy, error } = useAdminStore();
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
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', hour12: locale === 'en' ? undefined : false });

  return (
    <section aria-labelledby="audit-title" data-testid="audit-page">
      <h2 id="audit-title">{t('audit.title')}</h2>
      <p>{t('auditPage.intro')}</p>
      <AuditFilters filter={filter} onChange={setFilter} />
      <div className="actions">
        <button type="button" className="secondary" disabled={busy} onClick={() => void verifyAudit()}>
          {t('audit.verify')}
        </button>
      </div>
      {verdict && <VerdictNotice verdict={verdict} />}
      <ErrorNotice error={error ?? errorBody(log.error)} />
      {log.isSuccess && rows.length === 0 ? (
        <p className="empty">{t('audit.empty')}</p>
      ) : (
        <table className="grid" data-testid="audit-table">
          <thead>
            <tr>
              <th>{t('audit.col.time')}</th>
              <th>{t('audit.col.user')}</th>
              <th>{t('auditPage.col.what')}</th>
              <th>{t('audit.col.outcome')}</th>
              <th>{t('audit.col.detail')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} data-testid="audit-row" data-action={row.action} data-outcome={row.outcome}>
                <td title={`#${row.id}`}>{when.format(new Date(row.at))}</td>
                <td>{actorOf(t, row)}</td>
                <td>{describeAudit(t, row)}</td>
                <td>{outcomeText(t, row.outcome)}</td>
                <td>{detailOf(t, row)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {log.hasNextPage ? (
        <button type="button" className="secondary" disabled={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()}>
          {t('auditPage.loadOlder')}
        </button>
      ) : (
        rows.length > 0 && <p className="hint">{t('auditPage.end')}</p>
      )}
      <CustomersSeen />
    </section>
  );
}
