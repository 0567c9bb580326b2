import { useState, type FormEvent } from 'react';
import { RETENTION_ACTIONS, type RetentionOverview, type RetentionRule, type RuleScope } from '../../../../shared/retention';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { errorBody, useChannelMutation } from '../../query';
import { Actions, Button, Card, Field, Input, Notice, Select, Table, type Column } from '../../ui';
import layout from '../../ui/layout.module.css';
import { ruleName } from './rule-words';
import styles from './retention.module.css';

const OVERRIDE_SCOPES: RuleScope[] = ['industry', 'level', 'tag'];

/** The switch, schedule and notice period; the rules with their overrides; the backups' consequence. */
export function RetentionRules({ overview, mayManage }: { overview: RetentionOverview; mayManage: boolean }) {
  const t = useT();
  const fmt = useFormat();
  const [settings, setSettings] = useState(overview.settings);
  const save = useChannelMutation('retention.setSettings', ['retention.']);
  const saveRule = useChannelMutation('retention.saveRule', ['retention.']);
  const removeRule = useChannelMutation('retention.deleteRule', ['retention.']);
  const [draft, setDraft] = useState({ scope: 'industry' as RuleScope, match: '', dormantYears: 3, proposeYears: 8, action: 'anonymise' as RetentionRule['action'] });

  const columns: Column<RetentionRule>[] = [
    { key: 'applies', header: t('retention.col.applies'), rowHeader: true, cell: (r) => ruleName(t, r) },
    { key: 'dormant', header: t('retention.col.dormant'), cell: (r) => t('retention.years', { n: r.dormantYears }) },
    { key: 'propose', header: t('retention.col.propose'), cell: (r) => t('retention.years', { n: r.proposeYears }) },
    { key: 'action', header: t('retention.col.action'), cell: (r) => t(`retention.action.${r.action}`) },
    ...(mayManage
      ? [{ key: 'remove', header: '', cell: (r: RetentionRule) => (r.scope === 'default' ? null : <Button variant="secondary" size="sm" onClick={() => removeRule.mutate({ id: r.id })}>{t('retention.remove')}</Button>) }]
      : []),
  ];
  const submitSettings = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(settings);
  };
  const submitRule = (event: FormEvent) => {
    event.preventDefault();
    saveRule.mutate({ ...draft, match: draft.match.trim() }, { onSuccess: () => setDraft({ ...draft, match: '' }) });
  };
  const number = (value: string, min: number, max: number) => Math.max(min, Math.min(max, Number.parseInt(value, 10) || min));

  return (
    <Card title={t('retention.title')} width="wide" data-testid="retention-rules">
      <p className={layout.hint}>{t('retention.intro')}</p>
      <Notice tone={overview.settings.enabled ? 'info' : 'warning'} data-testid="retention-state">
        {overview.settings.enabled ? t('retention.on', { days: fmt.number(overview.settings.scheduleDays) }) : t('retention.off')}{' '}
        {overview.lastRunAt ? t('retention.lastRun', { when: fmt.dateTime(overview.lastRunAt) }) : t('retention.neverRun')}
      </Notice>
      {mayManage && (
        <form onSubmit={submitSettings} className={styles.form}>
          <label className={layout.checkbox}>
            <input type="checkbox" checked={settings.enabled} onChange={(e) => setSettings({ ...settings, enabled: e.target.checked })} data-testid="retention-enabled" /> {t('retention.enabled')}
          </label>
          <Field label={t('retention.scheduleDays')}>{(c) => <Input {...c} type="number" min={1} max={365} value={settings.scheduleDays} onChange={(e) => setSettings({ ...settings, scheduleDays: number(e.target.value, 1, 365) })} />}</Field>
          <Field label={t('retention.noticeDays')}>{(c) => <Input {...c} type="number" min={0} max={365} value={settings.noticeDays} onChange={(e) => setSettings({ ...settings, noticeDays: number(e.target.value, 0, 365) })} />}</Field>
          <Actions>
            <Button type="submit" disabled={save.isPending} data-testid="retention-save">
              {t('retention.save')}
            </Button>
          </Actions>
          <ErrorNotice error={errorBody(save.error)} />
        </form>
      )}
      <h3>{t('retention.rules')}</h3>
      <Table columns={columns} rows={overview.rules} rowKey={(r) => r.id} label={t('retention.rules')} testId="retention-rule-table" rowAttributes={(r) => ({ 'data-testid': `retention-rule-${r.id}` })} />
      {mayManage && (
        <form onSubmit={submitRule} className={styles.form} data-testid="retention-add-rule">
          <h3>{t('retention.addRule')}</h3>
          <p className={layout.hint}>{t('retention.overrideHint')}</p>
          <Field label={t('retention.ruleScope')}>
            {(c) => (
              <Select {...c} value={draft.scope} onChange={(e) => setDraft({ ...draft, scope: e.target.value as RuleScope })}>
                {OVERRIDE_SCOPES.map((s) => (
                  <option key={s} value={s}>
                    {ruleName(t, { scope: s, match: '…' })}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field label={t('retention.ruleMatch')}>{(c) => <Input {...c} value={draft.match} maxLength={100} onChange={(e) => setDraft({ ...draft, match: e.target.value })} data-testid="retention-rule-match" />}</Field>
          <Field label={t('retention.col.dormant')}>{(c) => <Input {...c} type="number" min={1} max={50} value={draft.dormantYears} onChange={(e) => setDraft({ ...draft, dormantYears: number(e.target.value, 1, 50) })} />}</Field>
          <Field label={t('retention.col.propose')}>{(c) => <Input {...c} type="number" min={1} max={50} value={draft.proposeYears} onChange={(e) => setDraft({ ...draft, proposeYears: number(e.target.value, 1, 50) })} />}</Field>
          <Field label={t('retention.col.action')}>
            {(c) => (
              <Select {...c} value={draft.action} onChange={(e) => setDraft({ ...draft, action: e.target.value as RetentionRule['action'] })}>
                {RETENTION_ACTIONS.map((a) => (
                  <option key={a} value={a}>
                    {t(`retention.action.${a}`)}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Actions>
            <Button type="submit" variant="secondary" disabled={saveRule.isPending || draft.match.trim() === ''}>
              {t('retention.addRule')}
            </Button>
          </Actions>
          <ErrorNotice error={errorBody(saveRule.error) ?? errorBody(removeRule.error)} />
        </form>
      )}
      <h3>{t('retention.backups.title')}</h3>
      <p data-testid="retention-backups">
        {t('retention.backups.text', { daily: fmt.number(overview.backups.daily), weekly: fmt.number(overview.backups.weekly), monthly: fmt.number(overview.backups.monthly), months: fmt.number(overview.backups.months) })}
      </p>
    </Card>
  );
}
