import { useState } from 'react';
import type { RunReport } from '../../../../shared/retention';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { errorBody, useChannelQuery } from '../../query';
import { Button, Card, EmptyState, Table, type Column } from '../../ui';
import layout from '../../ui/layout.module.css';

interface DormantItem {
  id: number;
  name: string;
  dormantSince: string;
  lastContactAt: string;
}

/** The dormant view (owner and manager): opened on purpose, since each look is an audited read of names. */
export function DormantCustomers({ count }: { count: number }) {
  const t = useT();
  const fmt = useFormat();
  const [limit, setLimit] = useState<number | null>(null);
  const list = useChannelQuery('retention.dormant', { offset: 0, limit: limit ?? 100 }, { enabled: limit !== null });
  const columns: Column<DormantItem>[] = [
    { key: 'name', header: t('retention.col.customer'), rowHeader: true, cell: (c) => c.name },
    { key: 'last', header: t('retention.col.lastContact'), cell: (c) => fmt.date(c.lastContactAt) },
    { key: 'since', header: t('retention.dormant.since'), cell: (c) => fmt.date(c.dormantSince) },
  ];
  return (
    <Card title={`${t('retention.dormant.title')} (${fmt.number(count)})`} width="wide" data-testid="retention-dormant">
      <p className={layout.hint}>{t('retention.dormant.intro')}</p>
      {limit === null ? (
        <Button variant="secondary" onClick={() => setLimit(100)} disabled={count === 0} data-testid="retention-dormant-show">
          {t('retention.dormant.title')}
        </Button>
      ) : (
        <>
          <ErrorNotice error={errorBody(list.error)} />
          {list.data && (
            <Table columns={columns} rows={list.data.items} rowKey={(c) => c.id} label={t('retention.dormant.title')} testId="retention-dormant-table" empty={<EmptyState title={t('retention.dormant.empty')} />} />
          )}
          {list.data && list.data.total > list.data.items.length && limit < 500 && (
            <Button variant="secondary" onClick={() => setLimit(Math.min(500, limit + 100))}>
              {t('retention.more')}
            </Button>
          )}
        </>
      )}
    </Card>
  );
}

/** What each run did: counts only (the run report keeps no names). */
export function RunReports() {
  const t = useT();
  const fmt = useFormat();
  const runs = useChannelQuery('retention.runs', { limit: 24 });
  const items: readonly RunReport[] = runs.data?.runs ?? [];
  return (
    <Card title={t('retention.runs.title')} width="wide" data-testid="retention-runs">
      <ErrorNotice error={errorBody(runs.error)} />
      {items.length === 0 ? (
        <EmptyState title={t('retention.runs.empty')} />
      ) : (
        <ul>
          {items.map((r) => (
            <li key={r.id} data-testid={`retention-run-${r.id}`}>
              {t('retention.runs.text', {
                when: fmt.dateTime(r.at),
                trigger: t(`retention.trigger.${r.trigger}`),
                marked: fmt.number(r.marked),
                released: fmt.number(r.released),
                proposed: fmt.number(r.proposed),
                held: fmt.number(r.held),
              })}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
