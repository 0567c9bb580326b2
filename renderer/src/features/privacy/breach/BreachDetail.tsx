import { useState } from 'react';
import { BREACH_STATUSES } from '../../../../../shared/breach';
import { can } from '../../../../../shared/permissions';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { useT, type MessageKey } from '../../../i18n';
import { useFormat } from '../../../i18n/format';
import { errorBody, useChannelMutation, useChannelQuery } from '../../../query';
import { useAppStore } from '../../../stores/app-store';
import { useNavStore } from '../../../stores/nav-store';
import { Button, Card } from '../../../ui';
import layout from '../../../ui/layout.module.css';
import { BreachAffected } from './BreachAffected';
import { BreachContain } from './BreachContain';
import { BreachNotices } from './BreachNotices';
import { BreachRecordDialog } from './BreachRecordDialog';
import { clockText, eventText } from './breach-words';
import styles from './breach.module.css';

/** One incident: the record, its clocks, containment, who is affected, notices, evidence, timeline. The manager reads it. */
export function BreachDetailView({ id }: { id: number }) {
  const t = useT();
  const fmt = useFormat();
  const go = useNavStore((state) => state.go);
  const role = useAppStore((state) => state.status?.session?.role ?? 'auditor');
  const query = useChannelQuery('breach.get', { id });
  const setStatus = useChannelMutation('breach.setStatus', ['breach.']);
  const [editing, setEditing] = useState(false);
  const b = query.data;
  if (!b) return <ErrorNotice error={errorBody(query.error)} />;
  const manage = can(role, 'breach.manage');

  return (
    <Card
      title={`${t('breach.number', { id: b.id })} · ${t(`breach.source.${b.source}`)}`}
      data-testid="breach-page"
      data-status={b.status}
      actions={
        <Button variant="secondary" onClick={() => go('breach')}>
          {t('breach.back')}
        </Button>
      }
    >
      <dl className={styles.facts}>
        <dt>{t('breach.col.status')}</dt>
        <dd data-testid="breach-status">{t(`breach.status.${b.status}`)}</dd>
        <dt>{t('breach.field.discoveredAt')}</dt>
        <dd>{fmt.dateTime(b.discoveredAt)}</dd>
        {b.occurredAt && (
          <>
            <dt>{t('breach.field.occurredAt')}</dt>
            <dd>{fmt.dateTime(b.occurredAt)}</dd>
          </>
        )}
        <dt>{t('breach.field.summary')}</dt>
        <dd>{b.summary}</dd>
        <dt>{t('breach.field.categories')}</dt>
        <dd>{b.categories.map((c) => t(`breach.category.${c}`)).join(', ') || '—'}</dd>
        <dt>{t('breach.field.username')}</dt>
        <dd data-testid="breach-username-value">{b.username ?? t('breach.field.noUser')}</dd>
        <dt>{t('breach.field.actionsTaken')}</dt>
        <dd>{b.actionsTaken || '—'}</dd>
      </dl>
      {manage && (
        <div className={styles.row}>
          <Button variant="secondary" onClick={() => setEditing(true)} data-testid="breach-edit">
            {t('breach.edit')}
          </Button>
          {BREACH_STATUSES.filter((s) => s !== b.status).map((s) => (
            <Button key={s} variant="secondary" disabled={setStatus.isPending} onClick={() => setStatus.mutate({ id: b.id, status: s })} data-testid={`breach-status-${s}`}>
              {t('breach.status.set', { status: t(`breach.status.${s}`) })}
            </Button>
          ))}
        </div>
      )}
      <ErrorNotice error={errorBody(setStatus.error)} />

      <section className={layout.subsection} data-testid="breach-clocks">
        <h3>{t('breach.clock.title')}</h3>
        <p className={layout.hint}>{t('breach.clock.regime', { regime: t(`req.regime.${b.regime}` as MessageKey) })}</p>
        <ul className={styles.list}>
          {b.clocks.map((c) => (
            <li key={c.kind} data-testid={`breach-clock-${c.kind}`} data-overdue={c.overdue && c.metAt === null}>
              <strong>{t(`breach.clock.${c.kind}`)}</strong> · {t('breach.clock.due', { when: fmt.dateTime(c.dueAt), hours: c.hours })} ·{' '}
              <span className={c.overdue && c.metAt === null ? styles.overdue : undefined}>{clockText(t, fmt, c)}</span>
            </li>
          ))}
        </ul>
      </section>

      {manage && <BreachContain b={b} />}
      <BreachAffected b={b} manage={manage} />
      {manage && <BreachNotices b={b} />}

      <section className={layout.subsection} data-testid="breach-timeline">
        <h3>{t('breach.timeline.title')}</h3>
        <ul className={styles.list}>
          {b.events.map((e, i) => (
            <li key={i} data-testid="breach-event" data-kind={e.kind}>
              {fmt.dateTime(e.at)} · {e.by ?? '—'} · {eventText(t, e)}
            </li>
          ))}
        </ul>
      </section>
      {editing && <BreachRecordDialog existing={b} onClose={() => setEditing(false)} />}
    </Card>
  );
}
