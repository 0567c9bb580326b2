import { useState } from 'react';
import type { BreachItem } from '../../../../../shared/channels/breach';
import { can } from '../../../../../shared/permissions';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { useT } from '../../../i18n';
import { useFormat } from '../../../i18n/format';
import { errorBody, useChannelQuery } from '../../../query';
import { useAppStore } from '../../../stores/app-store';
import { useNavStore } from '../../../stores/nav-store';
import { Button, Card, EmptyState, Table, Tabs, type Column } from '../../../ui';
import layout from '../../../ui/layout.module.css';
import { BreachDetailView } from './BreachDetail';
import { useBreachDraftStore } from './breach-draft-store';
import { BreachRecordDialog } from './BreachRecordDialog';
import { clockText } from './breach-words';
import styles from './breach.module.css';

type Filter = 'open' | 'all';

/** The breach register (issue 17); an incident id in the route opens its record. */
export function BreachPage() {
  const section = useNavStore((state) => state.route.section);
  const id = section && /^\d+$/.test(section) ? Number(section) : null;
  return id === null ? <BreachRegister /> : <BreachDetailView key={id} id={id} />;
}

function BreachRegister() {
  const t = useT();
  const fmt = useFormat();
  const go = useNavStore((state) => state.go);
  const role = useAppStore((state) => state.status?.session?.role ?? 'auditor');
  const [filter, setFilter] = useState<Filter>('open');
  const draft = useBreachDraftStore((state) => state.draft);
  const stopDraft = useBreachDraftStore((state) => state.stop);
  const [creating, setCreating] = useState(draft !== null);
  const list = useChannelQuery('breach.list', { filter });

  const next = (b: BreachItem) => {
    const running = b.clocks.filter((c) => c.metAt === null).sort((x, y) => x.dueAt.localeCompare(y.dueAt))[0];
    if (!running) return t('breach.clock.none');
    return `${t(`breach.clock.${running.kind}`)} · ${clockText(t, fmt, running)}`;
  };
  const columns: Column<BreachItem>[] = [
    { key: 'number', header: t('breach.col.number'), rowHeader: true, cell: (b) => t('breach.number', { id: b.id }) },
    { key: 'discovered', header: t('breach.col.discovered'), cell: (b) => fmt.dateTime(b.discoveredAt) },
    { key: 'source', header: t('breach.col.source'), cell: (b) => t(`breach.source.${b.source}`) },
    { key: 'status', header: t('breach.col.status'), cell: (b) => t(`breach.status.${b.status}`) },
    {
      key: 'deadline',
      header: t('breach.col.deadline'),
      wrap: true,
      cell: (b) => (
        <span className={b.overdue ? styles.overdue : undefined} data-testid="breach-next-deadline" data-overdue={b.overdue}>
          {next(b)}
        </span>
      ),
    },
  ];

  return (
    <Card
      title={t('breach.title')}
      data-testid="breach-register"
      actions={
        can(role, 'breach.manage') ? (
          <Button onClick={() => setCreating(true)} data-testid="breach-new">
            {t('breach.new')}
          </Button>
        ) : null
      }
    >
      <p className={layout.hint}>{t('breach.intro')}</p>
      <Tabs<Filter>
        label={t('breach.title')}
        selected={filter}
        onSelect={(f: Filter) => setFilter(f)}
        tabs={(['open', 'all'] as const).map((f) => ({ id: f, label: t(`breach.filter.${f}`), testId: `breach-filter-${f}` }))}
      >
        <ErrorNotice error={errorBody(list.error)} />
        {list.data && (
          <Table
            columns={columns}
            rows={list.data}
            rowKey={(b) => b.id}
            label={t('breach.title')}
            testId="breach-table"
            onActivate={(b) => go('breach', { section: String(b.id) })}
            rowAttributes={(b) => ({ 'data-testid': 'breach-row', 'data-id': b.id, 'data-overdue': b.overdue })}
            empty={<EmptyState title={t('breach.empty')} text={t('breach.emptyHint')} testId="breach-empty" />}
          />
        )}
      </Tabs>
      {creating && (
        <BreachRecordDialog
          draft={draft}
          onClose={(made) => {
            setCreating(false);
            stopDraft();
            if (made !== null) go('breach', { section: String(made) });
          }}
        />
      )}
    </Card>
  );
}
