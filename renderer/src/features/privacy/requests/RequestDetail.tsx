import { useState } from 'react';
import type { RequestDetail } from '../../../../../shared/channels/privacy-requests';
import { can } from '../../../../../shared/permissions';
import { OPEN_STATES, type RequestState } from '../../../../../shared/privacy-requests';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { useT, type MessageKey, type Translate } from '../../../i18n';
import { useFormat } from '../../../i18n/format';
import { errorBody, useChannelQuery } from '../../../query';
import { useAppStore } from '../../../stores/app-store';
import { useCustomerDetailStore } from '../../../stores/customer-detail-store';
import { useNavStore } from '../../../stores/nav-store';
import { Actions, Button, Card } from '../../../ui';
import layout from '../../../ui/layout.module.css';
import { ActionDialog, type ActionKind } from './ActionDialog';
import { useCorrectionStore } from './correction-store';
import { channelLabel, daysLeftText, stateLabel, typeLabel, unitLabel } from './labels';
import styles from './requests.module.css';

const STEP: Partial<Record<RequestState, ActionKind>> = { verified: 'verify', in_progress: 'start', answered: 'answer', refused: 'refuse', closed: 'close' };

function eventText(t: Translate, e: RequestDetail['events'][number]): string {
  if (e.kind === 'state') return t('req.event.state', { from: stateLabel(t, e.fromState ?? ''), to: stateLabel(t, e.toState ?? '') });
  if (e.kind === 'corrected') return t('req.event.corrected', { fields: e.fields.join(', ') });
  return t(`req.event.${e.kind}` as MessageKey);
}

/** One request: its deadline, identity check, outcome, history, and the steps it can take next. */
export function RequestDetailView({ id }: { id: number }) {
  const t = useT();
  const fmt = useFormat();
  const go = useNavStore((state) => state.go);
  const openCustomer = useNavStore((state) => state.openCustomer);
  const role = useAppStore((state) => state.status?.session?.role ?? 'auditor');
  const startCorrection = useCorrectionStore((state) => state.start);
  const query = useChannelQuery('privacyRequests.get', { id });
  const [action, setAction] = useState<ActionKind | null>(null);
  const r = query.data;
  if (!r) return <ErrorNotice error={errorBody(query.error)} />;
  const writable = can(role, 'privacyRequests.write');
  const open = OPEN_STATES.includes(r.state);
  const rule = r.regime === 'pipl' || r.regime === 'gdpr' || r.regime === 'ccpa' ? t(`req.regime.${r.regime}`) : r.regime;

  const correct = (customerId: number) => {
    startCorrection(r.id, customerId);
    // The record opens straight in its edit form: select it first, so its mount keeps the form open.
    const detail = useCustomerDetailStore.getState();
    detail.enter(customerId);
    void detail.startEdit();
    openCustomer(customerId);
  };

  return (
    <Card
      title={`${t('req.number', { id: r.id })} · ${typeLabel(t, r.type)}`}
      data-testid="request-page"
      data-state={r.state}
      actions={
        <Button variant="secondary" onClick={() => go('requests')}>
          {t('req.back')}
        </Button>
      }
    >
      <dl className={styles.facts}>
        <dt>{t('req.col.state')}</dt>
        <dd data-testid="request-state">{stateLabel(t, r.state)}</dd>
        <dt>{t('req.deadline')}</dt>
        <dd>
          {t('req.deadlineLine', { date: fmt.date(r.dueOn), rule })}{' '}
          <strong className={r.overdue ? styles.overdue : undefined} data-testid="request-days-left" data-overdue={r.overdue}>
            {daysLeftText(t, r.daysLeft)}
          </strong>
          {r.extended && <div className={layout.hint}>{t('req.originalDue', { date: fmt.date(r.originalDueOn) })}</div>}
          {r.extended && <div data-testid="request-extension">{t('req.extendedBecause', { date: fmt.date(r.extensionNoticeOn), reason: r.extensionReason ?? '' })}</div>}
          {r.ackDueOn && <div className={layout.hint}>{r.acknowledgedOn ? t('req.acknowledgedOn', { date: fmt.date(r.acknowledgedOn) }) : t('req.ackDue', { date: fmt.date(r.ackDueOn) })}</div>}
        </dd>
        <dt>{t('req.col.received')}</dt>
        <dd>
          {fmt.date(r.receivedOn)} · {channelLabel(t, r.channel)}
        </dd>
        <dt>{t('req.handler')}</dt>
        <dd>{r.handlerName ?? t('req.unassigned')}</dd>
        <dt>{t('req.customers')}</dt>
        <dd className={styles.chips}>
          {r.customers.length === 0 && <span className={layout.hint}>{t('req.noCustomer')}</span>}
          {r.customers.map((c) =>
            c.name === null ? (
              <span key={c.id}>{t('req.customerNumber', { id: c.id })}</span>
            ) : (
              <span key={c.id}>
                <Button variant="link" onClick={() => openCustomer(c.id)}>
                  {c.name}
                </Button>
                {writable && r.type === 'correction' && (r.state === 'verified' || r.state === 'in_progress') && (
                  <Button variant="secondary" size="sm" onClick={() => correct(c.id)} data-testid="request-open-record">
                    {t('req.act.openRecord')}
                  </Button>
                )}
              </span>
            ),
          )}
        </dd>
        {r.summary && (
          <>
            <dt>{t('req.summary')}</dt>
            <dd>{r.summary}</dd>
          </>
        )}
        <dt>{t('req.identity')}</dt>
        <dd data-testid="request-identity">
          {r.identity ? t('req.identityLine', { method: t(`req.method.${r.identity.method}` as MessageKey), by: r.identity.checkedBy ?? '', when: fmt.dateTime(r.identity.checkedAt) }) : t('req.identityNone')}
          {r.identity?.note && <div className={layout.hint}>{r.identity.note}</div>}
        </dd>
        {r.outcome && (
          <>
            <dt>{t('req.outcome')}</dt>
            <dd data-testid="request-outcome">{r.outcome}</dd>
          </>
        )}
        {r.refusalReason && (
          <>
            <dt>{t('req.refusalReason')}</dt>
            <dd>{r.refusalReason}</dd>
          </>
        )}
        {r.analysis && (
          <>
            <dt>{t('req.analysis')}</dt>
            <dd>{r.analysis}</dd>
          </>
        )}
      </dl>
      {writable && (
        <Actions>
          {r.nextStates.map((next) => (
            <Button key={next} variant={next === 'refused' ? 'secondary' : 'primary'} onClick={() => setAction(STEP[next]!)} data-testid={`request-to-${next}`}>
              {t(`req.act.${STEP[next]!}` as MessageKey)}
            </Button>
          ))}
          {r.ackDueOn && !r.acknowledgedOn && (
            <Button variant="secondary" onClick={() => setAction('acknowledge')} data-testid="request-acknowledge">
              {t('req.act.acknowledge')}
            </Button>
          )}
          {open && r.extendAmount > 0 && (
            <Button variant="secondary" onClick={() => setAction('extend')} data-testid="request-extend" title={`${r.extendAmount} ${unitLabel(t, r.extendUnit)}`}>
              {t('req.act.extend')}
            </Button>
          )}
          <Button variant="secondary" onClick={() => setAction('link')} data-testid="request-link">
            {t('req.act.link')}
          </Button>
          <Button variant="secondary" onClick={() => setAction('note')} data-testid="request-note">
            {t('req.act.note')}
          </Button>
        </Actions>
      )}
      <h3>{t('req.history')}</h3>
      <ol className={styles.history} data-testid="request-history">
        {r.events.map((e, i) => (
          <li key={i} data-kind={e.kind}>
            <span className={layout.hint}>{fmt.dateTime(e.at)}</span> · {e.by} · {eventText(t, e)}
            {e.note ? ` · ${e.note}` : ''}
          </li>
        ))}
      </ol>
      {action && <ActionDialog request={r} kind={action} onClose={() => setAction(null)} />}
    </Card>
  );
}
