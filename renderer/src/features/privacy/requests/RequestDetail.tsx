import { useState } from 'react';
import type { RequestDetail } from '../../../../../shared/channels/privacy-requests';
import { can } from '../../../../../shared/permissions';
import { OPEN_STATES, type RequestState } from '../../../../../shared/privacy-requests';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { useT, type MessageKey, type Translate } from '../../../i18n';
import { useFormat } from '../../../i18n/format';
import { errorBody, useChannelQuery } from '../../../query';
import { useAppStore } from '../../../stores/app-store';
import { useNavStore } from '../../../stores/nav-store';
import { Actions, Button, Card } from '../../../ui';
import layout from '../../../ui/layout.module.css';
import { ActionDialog, type ActionKind } from './ActionDialog';
import { channelLabel, daysLeftText, stateLabel, typeLabel, unitLabel } from './labels';
import { ReplyDialog } from './ReplyDialog';
import { RequestStep } from './RequestStep';
import styles from './requests.module.css';

const STEP: Partial<Record<RequestState, ActionKind>> = { verified: 'verify', in_progress: 'start', answered: 'answer', refused: 'refuse', closed: 'close' };

function eventText(t: Translate, e: RequestDetail['events'][number]): string {
  if (e.kind === 'state') return t('req.event.state', { from: stateLabel(t, e.fromState ?? ''), to: stateLabel(t, e.toState ?? '') });
  if (e.kind === 'corrected') return t('req.event.corrected', { fields: e.fields.join(', ') });
  return t(`req.event.${e.kind}` as MessageKey, { id: e.customerId ?? '' });
}

/** One request: its deadline, identity check, outcome, history, and the steps it can take next. */
export function RequestDetailView({ id }: { id: number }) {
  const t = useT();
  const fmt = useFormat();
  const go = useNavStore((state) => state.go);
  const openCustomer = useNavStore((state) => state.openCustomer);
  const role = useAppStore((state) => state.status?.session?.role ?? 'auditor');
  const query = useChannelQuery('privacyRequests.get', { id });
  const [action, setAction] = useState<{ kind: ActionKind; customerId?: number } | null>(null);
  const [replying, setReplying] = useState(false);
  const r = query.data;
  if (!r) return <ErrorNotice error={errorBody(query.error)} />;
  const writable = can(role, 'privacyRequests.write');
  const open = OPEN_STATES.includes(r.state);
  const rule = r.regime === 'pipl' || r.regime === 'gdpr' || r.regime === 'ccpa' ? t(`req.regime.${r.regime}`) : r.regime;

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
          {r.ackDueOn && (
            <div className={layout.hint}>
              {r.acknowledgedOn ? t('req.acknowledgedOn', { date: fmt.date(r.acknowledgedOn) }) : t('req.ackDue', { date: fmt.date(r.ackDueOn) })}{' '}
              {r.ackDaysLeft !== null && (
                <strong className={r.ackOverdue ? styles.overdue : undefined} data-testid="request-ack-days-left" data-overdue={r.ackOverdue}>
                  {daysLeftText(t, r.ackDaysLeft)}
                </strong>
              )}
            </div>
          )}
        </dd>
        <dt>{t('req.col.received')}</dt>
        <dd>
          {fmt.date(r.receivedOn)} · {channelLabel(t, r.channel)}
        </dd>
        <dt>{t('req.handler')}</dt>
        <dd data-testid="request-handler">
          {r.handlerName ?? t('req.unassigned')}{' '}
          {writable && r.state !== 'closed' && (
            <Button variant="link" onClick={() => setAction({ kind: 'assign' })} data-testid="request-assign">
              {t('req.act.assign')}
            </Button>
          )}
        </dd>
        <dt>{t('req.customers')}</dt>
        <dd className={styles.chips}>
          {r.customers.length === 0 && <span className={layout.hint}>{t('req.noCustomer')}</span>}
          {r.customers.map((c) => (
            <span key={c.id} data-testid="request-customer" data-id={c.id}>
              {c.name === null ? (
                t('req.customerNumber', { id: c.id })
              ) : (
                <>
                  <Button variant="link" onClick={() => openCustomer(c.id)}>
                    {c.name}
                  </Button>
                  <RequestStep request={r} customer={{ id: c.id, name: c.name }} />
                </>
              )}
              {writable && r.state !== 'closed' && (
                <Button variant="link" size="sm" onClick={() => setAction({ kind: 'unlink', customerId: c.id })} data-testid="request-unlink">
                  {t('req.act.unlink')}
                </Button>
              )}
            </span>
          ))}
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
            <Button key={next} variant={next === 'refused' ? 'secondary' : 'primary'} onClick={() => setAction({ kind: STEP[next]! })} data-testid={`request-to-${next}`}>
              {t(`req.act.${STEP[next]!}` as MessageKey)}
            </Button>
          ))}
          {r.ackDueOn && !r.acknowledgedOn && (
            <Button variant="secondary" onClick={() => setAction({ kind: 'acknowledge' })} data-testid="request-acknowledge">
              {t('req.act.acknowledge')}
            </Button>
          )}
          {open && r.extendAmount > 0 && (
            <Button variant="secondary" onClick={() => setAction({ kind: 'extend' })} data-testid="request-extend" title={`${r.extendAmount} ${unitLabel(t, r.extendUnit)}`}>
              {t('req.act.extend')}
            </Button>
          )}
          <Button variant="secondary" onClick={() => setAction({ kind: 'link' })} data-testid="request-link">
            {t('req.act.link')}
          </Button>
          <Button variant="secondary" onClick={() => setAction({ kind: 'note' })} data-testid="request-note">
            {t('req.act.note')}
          </Button>
          <Button variant="secondary" onClick={() => setReplying(true)} data-testid="request-reply">
            {t('req.reply.button')}
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
      {action && <ActionDialog request={r} kind={action.kind} {...(action.customerId !== undefined ? { customerId: action.customerId } : {})} onClose={() => setAction(null)} />}
      {replying && <ReplyDialog id={r.id} onClose={() => setReplying(false)} />}
    </Card>
  );
}
