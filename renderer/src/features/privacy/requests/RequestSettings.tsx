import { useState } from 'react';
import { DEADLINE_UNITS, type DeadlineRule, type DayKind } from '../../../../../shared/privacy-requests';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { useT } from '../../../i18n';
import { useFormat } from '../../../i18n/format';
import { errorBody, useChannelMutation, useChannelQuery } from '../../../query';
import { Badge, Button, Card, EmptyState, Field, Input, Notice, Select, Table, type Column } from '../../../ui';
import layout from '../../../ui/layout.module.css';
import settings from '../../settings/settings.module.css';
import { unitLabel } from './labels';
import styles from './requests.module.css';

/** Settings: the deadline defaults per regime (verify with counsel) and the holiday / 调休 table. */
export function RequestSettings() {
  const t = useT();
  const [year, setYear] = useState(() => new Date().getFullYear());
  const data = useChannelQuery('privacyRequests.settings', { year }).data;
  return (
    <Card title={t('req.settings.title')} level={3} className={settings.section} data-testid="request-settings">
      <p className={layout.hint}>{t('req.settings.body')}</p>
      {data && <p>{t('req.settings.current', { regime: t(`req.regime.${data.regime}`) })}</p>}
      {data?.rules.map((rule) => <RuleForm key={`${rule.regime}-${JSON.stringify(rule)}`} rule={rule} />)}
      <h4>{t('req.holidays.title')}</h4>
      <p className={layout.hint}>{t('req.holidays.body')}</p>
      <Field label={t('req.holidays.year')}>
        {(control) => <Input {...control} type="number" min={2000} max={2100} value={year} onChange={(e) => setYear(Number(e.target.value) || new Date().getFullYear())} data-testid="holiday-year" />}
      </Field>
      {data && <HolidayTable days={data.days} />}
    </Card>
  );
}

function RuleForm({ rule }: { rule: DeadlineRule }) {
  const t = useT();
  const [draft, setDraft] = useState(rule);
  const save = useChannelMutation('privacyRequests.setRule', ['privacyRequests.settings']);
  const num = (key: 'amount' | 'extendAmount' | 'remindDays', label: string) => (
    <Field label={label}>{(control) => <Input {...control} type="number" min={key === 'amount' ? 1 : 0} max={365} value={draft[key]} onChange={(e) => setDraft({ ...draft, [key]: Number(e.target.value) })} data-testid={`rule-${rule.regime}-${key}`} />}</Field>
  );
  const unit = (key: 'unit' | 'extendUnit', label: string) => (
    <Field label={label}>
      {(control) => (
        <Select {...control} value={draft[key]} onChange={(e) => setDraft({ ...draft, [key]: e.target.value as DeadlineRule['unit'] })}>
          {DEADLINE_UNITS.map((u) => (
            <option key={u} value={u}>
              {unitLabel(t, u)}
            </option>
          ))}
        </Select>
      )}
    </Field>
  );
  return (
    <form
      className={layout.subsection}
      data-testid={`rule-${rule.regime}`}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(draft);
      }}
    >
      <h4>{t(`req.regime.${rule.regime}`)}</h4>
      <div className={styles.grid}>
        {num('amount', t('req.settings.amount'))}
        {unit('unit', t('req.settings.unit'))}
        <Field label={t('req.settings.ack')}>
          {(control) => <Input {...control} type="number" min={1} max={60} value={draft.ackDays ?? ''} onChange={(e) => setDraft({ ...draft, ackDays: e.target.value === '' ? null : Number(e.target.value) })} />}
        </Field>
        {num('extendAmount', t('req.settings.extend'))}
        {unit('extendUnit', t('req.settings.extendUnit'))}
        {num('remindDays', t('req.settings.remind'))}
      </div>
      <ErrorNotice error={errorBody(save.error)} />
      {save.isSuccess && <Notice tone="success">{t('req.settings.saved')}</Notice>}
      <Button type="submit" disabled={save.isPending || JSON.stringify(draft) === JSON.stringify(rule)} data-testid={`rule-${rule.regime}-save`}>
        {t('req.settings.save', { regime: t(`req.regime.${rule.regime}`) })}
      </Button>
    </form>
  );
}

type Day = { day: string; kind: DayKind; name: string; verify: boolean };

function HolidayTable({ days }: { days: Day[] }) {
  const t = useT();
  const fmt = useFormat();
  const set = useChannelMutation('privacyRequests.setDay', ['privacyRequests.settings']);
  const [day, setDay] = useState('');
  const [kind, setKind] = useState<DayKind>('holiday');
  const [name, setName] = useState('');
  const columns: Column<Day>[] = [
    { key: 'day', header: t('req.holidays.day'), rowHeader: true, cell: (d) => fmt.date(d.day) },
    { key: 'kind', header: t('req.holidays.kind'), cell: (d) => t(`req.holidays.kind.${d.kind}`) },
    {
      key: 'name',
      header: t('req.holidays.name'),
      cell: (d) => (
        <>
          {d.name}{' '}
          {d.verify && (
            <Badge tone="warning" data-testid="holiday-verify">
              {t('req.holidays.verify')}
            </Badge>
          )}
        </>
      ),
    },
    {
      key: 'remove',
      header: '',
      cell: (d) => (
        <Button variant="link" onClick={() => set.mutate({ day: d.day, kind: null, name: '' })}>
          {t('req.holidays.remove')}
        </Button>
      ),
    },
  ];
  return (
    <>
      {days.some((d) => d.verify) && (
        <Notice tone="warning" data-testid="holiday-verify-notice">
          {t('req.holidays.verifyNotice')}
        </Notice>
      )}
      <Table columns={columns} rows={days} rowKey={(d) => d.day} label={t('req.holidays.title')} maxHeight="320px" testId="holiday-table" empty={<EmptyState title={t('req.holidays.empty')} />} />
      <form
        className={styles.filters}
        onSubmit={(e) => {
          e.preventDefault();
          if (day) set.mutate({ day, kind, name }, { onSuccess: () => setName('') });
        }}
      >
        <Field label={t('req.holidays.day')}>{(control) => <Input {...control} type="date" required value={day} onChange={(e) => setDay(e.target.value)} data-testid="holiday-day" />}</Field>
        <Field label={t('req.holidays.kind')}>
          {(control) => (
            <Select {...control} value={kind} onChange={(e) => setKind(e.target.value as DayKind)} data-testid="holiday-kind">
              <option value="holiday">{t('req.holidays.kind.holiday')}</option>
              <option value="workday">{t('req.holidays.kind.workday')}</option>
            </Select>
          )}
        </Field>
        <Field label={t('req.holidays.name')}>{(control) => <Input {...control} maxLength={50} value={name} onChange={(e) => setName(e.target.value)} />}</Field>
        <Button type="submit" disabled={!day || set.isPending} data-testid="holiday-save">
          {t('req.holidays.add')}
        </Button>
      </form>
      <ErrorNotice error={errorBody(set.error)} />
    </>
  );
}
