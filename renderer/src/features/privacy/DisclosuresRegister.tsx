import { useState } from 'react';
import type { DisclosureView } from '../../../../shared/disclosures';
import { useT, type MessageKey } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { errorBody, useChannelQuery } from '../../query';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Actions, Button, Card, EmptyState, Table, type Column } from '../../ui';
import layout from '../../ui/layout.module.css';

const PAGE = 100;

/** The register of disclosures to third parties (owner, manager, auditor): newest first, older on request. */
export function DisclosuresRegister() {
  const t = useT();
  const fmt = useFormat();
  const [limit, setLimit] = useState(PAGE);
  const list = useChannelQuery('privacy.disclosures', { limit });
  const rows = list.data ?? [];
  const filterText = (d: DisclosureView) => {
    const parts = Object.entries(d.filter).map(([k, v]) => `${k}=${v}`);
    return parts.length === 0 ? t('disclosures.noFilter') : t('disclosures.filter', { filter: parts.join(', ') });
  };
  const columns: Column<DisclosureView>[] = [
    { key: 'when', header: t('disclosures.col.when'), cell: (d) => fmt.dateTime(d.recordedAt) },
    { key: 'recipient', header: t('disclosures.col.recipient'), rowHeader: true, wrap: true, cell: (d) => d.recipient },
    { key: 'purpose', header: t('disclosures.col.purpose'), wrap: true, cell: (d) => d.purpose },
    { key: 'agreement', header: t('disclosures.col.agreement'), cell: (d) => d.agreementRef || '-' },
    { key: 'basis', header: t('disclosures.col.basis'), wrap: true, cell: (d) => t(`basis.${d.basis}` as MessageKey) },
    { key: 'customers', header: t('disclosures.col.customers'), wrap: true, cell: (d) => `${t('disclosures.rows', { count: fmt.number(d.rows) })} · ${filterText(d)}` },
    { key: 'columns', header: t('disclosures.col.columns'), wrap: true, cell: (d) => d.columns.map((c) => t(`export.col.${c}` as MessageKey)).join(', ') },
    { key: 'by', header: t('disclosures.col.by'), cell: (d) => d.recordedBy },
  ];
  return (
    <Card title={t('disclosures.title')} level={3} data-testid="disclosures-register">
      <p className={layout.hint}>{t('disclosures.intro')}</p>
      <ErrorNotice error={errorBody(list.error)} />
      <Table columns={columns} rows={rows} rowKey={(d) => d.id} label={t('disclosures.title')} testId="disclosures-table" empty={list.isPending ? undefined : <EmptyState title={t('disclosures.empty')} />} />
      {rows.length === limit && (
        <Actions>
          <Button variant="secondary" onClick={() => setLimit(limit + PAGE)}>
            {t('disclosures.more')}
          </Button>
        </Actions>
      )}
    </Card>
  );
}
