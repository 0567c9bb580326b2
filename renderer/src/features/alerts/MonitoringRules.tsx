import { useEffect, useState, type FormEvent } from 'react';
import type { ErrorBody } from '../../../../shared/errors';
import { MONITOR_ACTIONS, THRESHOLD_MAX, WINDOW_MINUTES_MAX, type BusinessHours, type MonitorAction, type MonitorRule } from '../../../../shared/monitoring';
import { errorTextIn, useT } from '../../i18n';
import { errorBody, useChannelMutation, useChannelQuery } from '../../query';
import { Button, Card, Field, Input, Notice, Select } from '../../ui';
import layout from '../../ui/layout.module.css';
import { useApprovalGate } from '../approvals/use-approval-gate';
import { actionText, ruleText } from './alert-words';
import styles from './alerts.module.css';

/** Monday first, as a shop's week reads; the values are Date#getDay's (0 = Sunday). */
const WEEK = [1, 2, 3, 4, 5, 6, 0] as const;

/** A refusal in the settings' own words where it has them (a rule turned off waits for approval). */
function Problem({ error }: { error: ErrorBody | null }) {
  const t = useT();
  if (!error) return null;
  return (
    <Notice tone="danger" data-testid="error" data-code={error.code}>
      {errorTextIn(t, 'monitor', error.code)}
    </Notice>
  );
}

/** Settings > Monitoring rules (owner): each rule's switch, limit, window and action, and the business hours. */
export function MonitoringRules() {
  const t = useT();
  const rules = useChannelQuery('monitoring.rules', {});
  return (
    <Card title={t('monitor.title')} width="wide" data-testid="monitoring-rules">
      <p className={layout.hint}>{t('monitor.intro')}</p>
      <p className={layout.hint}>{t('monitor.blockNote')}</p>
      <Problem error={errorBody(rules.error)} />
      {rules.data?.rules.map((rule) => <RuleRow key={rule.id} rule={rule} />)}
      {rules.data && <BusinessHoursForm hours={rules.data.businessHours} />}
    </Card>
  );
}

function RuleRow({ rule }: { rule: MonitorRule }) {
  const t = useT();
  const change = useChannelMutation('monitoring.setRule', ['monitoring.']);
  // Turning a rule off needs a second owner's approval (issue 15): the gate opens the approval dialog.
  const [approvalDialog, gate] = useApprovalGate();
  const [threshold, setThreshold] = useState(String(rule.threshold));
  const [windowMinutes, setWindowMinutes] = useState(String(rule.windowMinutes));
  const [action, setAction] = useState<MonitorAction>(rule.action);
  const [notice, setNotice] = useState<'saved' | 'pending' | 'cooling' | null>(null);
  useEffect(() => {
    setThreshold(String(rule.threshold));
    setWindowMinutes(String(rule.windowMinutes));
    setAction(rule.action);
  }, [rule]);

  const send = (input: { enabled?: boolean; threshold?: number; windowMinutes?: number; action?: MonitorAction }) => {
    setNotice(null);
    gate({ id: rule.id, ...input }, (i) => change.mutateAsync(i))
      .then((outcome) => {
        if (outcome.status === 'done') setNotice(outcome.value.pending ? 'pending' : 'saved');
        // A lone owner's own go-ahead waits out a cooling-off; anyone else's waits for a second owner.
        else if (outcome.status === 'waiting') setNotice('cooling');
        else if (outcome.status !== 'cancelled') setNotice('pending');
      })
      // Any other refusal is the mutation's error, shown below by <Problem>.
      .catch(() => undefined);
  };
  const save = (event: FormEvent) => {
    event.preventDefault();
    send({ threshold: Number(threshold), windowMinutes: Number(windowMinutes), action });
  };
  const whole = (value: string, max: number, min: number) => /^\d{1,7}$/.test(value) && Number(value) >= min && Number(value) <= max;
  const valid = whole(threshold, THRESHOLD_MAX, 0) && whole(windowMinutes, WINDOW_MINUTES_MAX, 1);
  const changed = Number(threshold) !== rule.threshold || Number(windowMinutes) !== rule.windowMinutes || action !== rule.action;
  const name = ruleText(t, rule.id);
  const counted = !rule.id.startsWith('drill.');
  return (
    <>
      <form className={layout.subsection} onSubmit={save} data-testid={`rule-${rule.id}`} aria-label={name}>
        <h3>{name}</h3>
        <label className={layout.checkbox}>
          <input type="checkbox" checked={rule.enabled} disabled={change.isPending} data-testid="rule-enabled" onChange={(e) => send({ enabled: e.target.checked })} />
          <span>{t('monitor.on')}</span>
        </label>
        <div className={styles.hours}>
          {/* A drill failed or was missed: there is nothing to count, only what to do. */}
          {counted && (
            <>
              <Field label={t('monitor.col.threshold')}>
                {(control) => <Input {...control} className={styles.number} type="number" min={0} max={THRESHOLD_MAX} step={1} value={threshold} data-testid="rule-threshold" onChange={(e) => setThreshold(e.target.value)} />}
              </Field>
              <Field label={t('monitor.col.window')}>
                {(control) => <Input {...control} className={styles.number} type="number" min={1} max={WINDOW_MINUTES_MAX} step={1} value={windowMinutes} data-testid="rule-window" onChange={(e) => setWindowMinutes(e.target.value)} />}
              </Field>
            </>
          )}
          <Field label={t('monitor.col.action')}>
            {(control) => (
              <Select {...control} value={action} data-testid="rule-action" onChange={(e) => setAction(e.target.value as MonitorAction)}>
                {MONITOR_ACTIONS.map((a) => (
                  <option key={a} value={a}>
                    {actionText(t, a)}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Button type="submit" variant="secondary" disabled={!valid || !changed || change.isPending} data-testid="rule-save">
            {t('monitor.save')}
          </Button>
        </div>
        {notice && <Notice tone={notice === 'saved' ? 'success' : 'warning'} data-testid="rule-notice">{t(notice === 'saved' ? 'monitor.saved' : notice === 'cooling' ? 'monitor.offCooling' : 'monitor.offPending')}</Notice>}
        <Problem error={errorBody(change.error)} />
      </form>
      {/* Outside the form: the dialog's own submit must not bubble (through the portal) into this one. */}
      {approvalDialog}
    </>
  );
}

function BusinessHoursForm({ hours }: { hours: BusinessHours }) {
  const t = useT();
  const change = useChannelMutation('monitoring.setBusinessHours', ['monitoring.']);
  const [draft, setDraft] = useState<BusinessHours>(hours);
  const [saved, setSaved] = useState(false);
  useEffect(() => setDraft(hours), [hours]);
  const toggleDay = (day: number, on: boolean) => setDraft({ ...draft, days: on ? [...draft.days, day].sort() : draft.days.filter((d) => d !== day) });
  const save = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    change.mutate(draft, { onSuccess: () => setSaved(true) });
  };
  const clock = /^([01]\d|2[0-3]):[0-5]\d$/;
  return (
    <form className={layout.subsection} onSubmit={save} data-testid="business-hours">
      <h3>{t('monitor.hours.title')}</h3>
      <p className={layout.hint}>{t('monitor.hours.intro')}</p>
      <label className={layout.checkbox}>
        <input type="checkbox" checked={draft.enabled} data-testid="hours-enabled" onChange={(e) => setDraft({ ...draft, enabled: e.target.checked })} />
        <span>{t('monitor.hours.on')}</span>
      </label>
      <div className={styles.hours}>
        <Field label={t('monitor.hours.start')}>
          {(control) => <Input {...control} type="time" value={draft.start} data-testid="hours-start" onChange={(e) => setDraft({ ...draft, start: e.target.value })} />}
        </Field>
        <Field label={t('monitor.hours.end')}>
          {(control) => <Input {...control} type="time" value={draft.end} data-testid="hours-end" onChange={(e) => setDraft({ ...draft, end: e.target.value })} />}
        </Field>
      </div>
      <fieldset className={styles.days}>
        <legend>{t('monitor.hours.days')}</legend>
        {WEEK.map((day) => (
          <label key={day} className={layout.checkbox}>
            <input type="checkbox" checked={draft.days.includes(day)} data-testid={`hours-day-${day}`} onChange={(e) => toggleDay(day, e.target.checked)} />
            <span>{t(`monitor.day.${day}`)}</span>
          </label>
        ))}
      </fieldset>
      <Button type="submit" variant="secondary" disabled={!clock.test(draft.start) || !clock.test(draft.end) || change.isPending} data-testid="hours-save">
        {t('monitor.save')}
      </Button>
      {saved && <Notice tone="success">{t('monitor.hours.saved')}</Notice>}
      <Problem error={errorBody(change.error)} />
    </form>
  );
}
