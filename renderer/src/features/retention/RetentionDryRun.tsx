import { useState } from 'react';
import type { RetentionRule, TouchedCustomer } from '../../../../shared/retention';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { errorBody, useChannelMutation, useChannelQuery } from '../../query';
import { Actions, Badge, Button, Card, Dialog, EmptyState, Notice, Table, type Column } from '../../ui';
import layout from '../../ui/layout.module.css';
import { ruleName } from './rule-words';

const PAGE = 100;
const TONE = { propose: 'danger', dormant: 'warning', held: 'neutral' } as const;

/**
 * The dry run (issue 17): asked for on purpose (each look is an audited read of customer names),
 * counts per rule and exactly which customers, with the last contact that makes them due. "Run
 * the rules now" (owner, rules on) only marks dormant and proposes; anonymising is a batch's step.
 */
export function RetentionDryRun({ rules, enabled, mayManage }: { rules: readonly RetentionRule[]; enabled: boolean; mayManage: boolean }) {
  const t = useT();
  const fmt = useFormat();
  const [limit, setLimit] = useState<number | null>(null);
  // The due-soon list (即将到期): who turns dormant or is proposed within 30 days, to reach out first.
  const [upcoming, setUpcoming] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const dry = useChannelQuery('retention.dryRun', { offset: 0, limit: limit ?? PAGE, upcoming }, { enabled: limit !== null, staleTime: 0 });
  const show = (soon: boolean) => {
    setUpcoming(soon);
    setLimit(PAGE);
  };
  const runNow = useChannelMutation('retention.runNow', ['retention.', 'customers.']);
  const [ran, setRan] = useState<string | null>(null);
  const byId = new Map(rules.map((r) => [r.id, r]));

  const columns: Column<TouchedCustomer>[] = [
    { key: 'name', header: t('retention.col.customer'), rowHeader: true, cell: (c) => c.name },
    { key: 'last', header: t('retention.col.lastContact'), cell: (c) => fmt.date(c.lastContactAt) },
    { key: 'kind', header: t('retention.col.outcome'), cell: (c) => <Badge tone={TONE[c.kind]}>{t(c.heldFor === 'open-request' ? 'retention.kind.heldRequest' : `retention.kind.${c.kind}`)}</Badge> },
    { key: 'rule', header: t('retention.col.rule'), cell: (c) => ruleName(t, byId.get(c.ruleId)) },
  ];
  const run = async () => {
    const report = await runNow.mutateAsync({}).catch(() => null);
    setConfirming(false);
    if (report) setRan(t('retention.dry.ran', { marked: fmt.number(report.marked), proposed: fmt.number(report.proposed) }));
  };
  const data = dry.data;
  const due = data ? data.customers.some((c) => c.kind !== 'held') : false;

  return (
    <Card title={t('retention.dry.title')} width="wide" data-testid="retention-dry-run">
      <p className={layout.hint}>{t('retention.dry.intro')}</p>
      <Actions>
        <Button variant={data && !upcoming ? 'secondary' : 'primary'} onClick={() => (limit === null || upcoming ? show(false) : void dry.refetch())} disabled={dry.isFetching} data-testid="retention-dry-run-go">
          {t('retention.dry.run')}
        </Button>
        <Button variant="secondary" onClick={() => (upcoming && limit !== null ? void dry.refetch() : show(true))} disabled={dry.isFetching} data-testid="retention-upcoming-go">
          {t('retention.dry.upcoming')}
        </Button>
        {mayManage && enabled && data && due && !data.upcomingUntil && (
          <Button onClick={() => setConfirming(true)} data-testid="retention-run-now">
            {t('retention.dry.confirm')}
          </Button>
        )}
      </Actions>
      <ErrorNotice error={errorBody(dry.error) ?? errorBody(runNow.error)} />
      {ran && (
        <Notice tone="success" data-testid="retention-ran">
          {ran}
        </Notice>
      )}
      {data && (
        <>
          <ul className={layout.hint} data-testid="retention-counts">
            {data.counts.map((c) => (
              <li key={c.ruleId} data-testid={`retention-count-${c.ruleId}`}>
                {t('retention.dry.counts', { rule: ruleName(t, byId.get(c.ruleId)), dormant: fmt.number(c.dormant), propose: fmt.number(c.propose), held: fmt.number(c.held) })}
              </li>
            ))}
          </ul>
          <p data-testid="retention-dry-total">
            {data.upcomingUntil ? t('retention.dry.upcomingTotal', { n: fmt.number(data.total), until: fmt.date(data.upcomingUntil) }) : t('retention.dry.total', { n: fmt.number(data.total) })}
          </p>
          <Table
            columns={columns}
            rows={data.customers}
            rowKey={(c) => c.id}
            label={t('retention.dry.title')}
            testId="retention-dry-table"
            rowAttributes={(c) => ({ 'data-testid': `retention-dry-${c.id}`, 'data-kind': c.kind })}
            empty={<EmptyState title={t(data.upcomingUntil ? 'retention.dry.upcomingNone' : 'retention.dry.none')} testId="retention-dry-empty" />}
          />
          {data.total > data.customers.length && (limit ?? PAGE) < 500 && (
            <Button variant="secondary" onClick={() => setLimit(Math.min(500, (limit ?? PAGE) + PAGE))}>
              {t('retention.more')}
            </Button>
          )}
        </>
      )}
      {confirming && (
        <Dialog
          title={t('retention.dry.confirm')}
          message={t('retention.dry.confirmText')}
          confirmLabel={t('retention.dry.confirm')}
          busy={runNow.isPending}
          error={errorBody(runNow.error)}
          onConfirm={() => void run()}
          onCancel={() => setConfirming(false)}
          testId="retention-run-dialog"
        />
      )}
    </Card>
  );
}
