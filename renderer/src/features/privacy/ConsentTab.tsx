import { useState } from 'react';
import type { ConsentEvent, ConsentState } from '../../../../shared/consent';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT, type MessageKey } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { errorBody, useChannelQuery } from '../../query';
import { Badge, Button, EmptyState, Table, type Column } from '../../ui';
import layout from '../../ui/layout.module.css';
import { ConsentDialog, type ConsentDialogStart } from './ConsentDialog';
import { NoticeButton } from './NoticeDialog';
import { basisText, purposeText } from './consent-words';
import styles from './privacy.module.css';

/**
 * The customer's consent: the current state per purpose (derived in main from the latest event)
 * and the whole history. Every change is a new event through the dialog; nothing is edited.
 */
export function ConsentTab({ customerId }: { customerId: number }) {
  const t = useT();
  const fmt = useFormat();
  const history = useChannelQuery('consent.history', { customerId });
  const [dialog, setDialog] = useState<ConsentDialogStart | null>(null);
  if (history.error) return <ErrorNotice error={errorBody(history.error)} />;
  if (!history.data) return <p className={layout.hint}>{t('record.loading')}</p>;
  const { states, events, canRecord, regime } = history.data;

  const stateColumns: Column<ConsentState>[] = [
    { key: 'purpose', header: t('consent.col.purpose'), rowHeader: true, cell: (s) => purposeText(t, s.purpose, s.customLabel) },
    {
      key: 'state',
      header: t('consent.col.state'),
      cell: (s) => <Badge tone={s.state === 'active' ? 'success' : 'danger'}>{t(`consent.state.${s.state}`)}</Badge>,
    },
    { key: 'basis', header: t('consent.col.basis'), cell: (s) => basisText(t, s.basis) },
    { key: 'since', header: t('consent.col.since'), cell: (s) => fmt.dateTime(s.since) },
    ...(canRecord
      ? [
          {
            key: 'act',
            header: '',
            cell: (s: ConsentState) => (
              <Button
                size="sm"
                variant="secondary"
                data-testid="consent-state-action"
                onClick={() => setDialog({ purpose: s.purpose, customLabel: s.customLabel, event: s.state === 'active' ? 'withdrawn' : 'renewed' })}
              >
                {s.state === 'active' ? t('consent.withdraw') : t('consent.renew')}
              </Button>
            ),
          },
        ]
      : []),
  ];
  const eventColumns: Column<ConsentEvent>[] = [
    { key: 'when', header: t('consent.col.when'), cell: (e) => fmt.dateTime(e.recordedAt) },
    { key: 'purpose', header: t('consent.col.purpose'), cell: (e) => purposeText(t, e.purpose, e.customLabel) },
    // Where an event did not come from this page: the owner's new consent after an erasure, or a merged record.
    { key: 'event', header: t('consent.col.event'), cell: (e) => [t(`consent.event.${e.event}` as MessageKey), e.origin ? t(`consent.origin.${e.origin}`) : ''].filter(Boolean).join(' · ') },
    { key: 'basis', header: t('consent.col.basis'), cell: (e) => [basisText(t, e.basis), e.separate ? t('consent.separateMark') : ''].filter(Boolean).join(' · ') },
    { key: 'evidence', header: t('consent.col.evidence'), cell: (e) => `${t(`consent.source.${e.evidenceSource}` as MessageKey)} · ${fmt.date(e.evidenceDate)}` },
    { key: 'notice', header: t('consent.col.notice'), cell: (e) => (e.noticeVersion === null ? '' : t('consent.noticeVersion', { version: e.noticeVersion })) },
    { key: 'by', header: t('consent.col.by'), cell: (e) => e.recordedBy },
  ];

  return (
    <div data-testid="consent-tab">
      <p className={layout.hint}>{t('consent.regimeLine', { regime: t(`consent.regime.${regime}`) })}</p>
      <div className={styles.actions}>
        {canRecord && (
          <Button onClick={() => setDialog({ purpose: 'marketing-sms', customLabel: null, event: 'granted' })} data-testid="consent-record">
            {t('consent.record')}
          </Button>
        )}
        <NoticeButton />
      </div>
      {!canRecord && <p className={layout.hint}>{t('consent.readOnly')}</p>}
      {events.length === 0 ? (
        <EmptyState title={t('consent.none')} text={t('consent.noneHint')} testId="consent-empty" />
      ) : (
        <>
          <div className={layout.subsection}>
            <h3>{t('consent.current')}</h3>
            <Table columns={stateColumns} rows={states} rowKey={(s) => `${s.purpose}:${s.customLabel ?? ''}`} label={t('consent.current')} testId="consent-states" rowAttributes={(s) => ({ 'data-purpose': s.purpose, 'data-state': s.state })} />
          </div>
          <div className={layout.subsection}>
            <h3>{t('consent.history')}</h3>
            <Table columns={eventColumns} rows={events} rowKey={(e) => e.id} label={t('consent.history')} testId="consent-history" rowAttributes={(e) => ({ 'data-event': e.event, 'data-origin': e.origin ?? '' })} />
          </div>
        </>
      )}
      {dialog && <ConsentDialog customerId={customerId} start={dialog} onClose={() => setDialog(null)} />}
    </div>
  );
}
