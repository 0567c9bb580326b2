import { useState, type FormEvent } from 'react';
import { DRILL_EVERY_DAYS_MAX, DRILL_EVERY_DAYS_MIN, type BackupStatus } from '../../../../shared/backup';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { errorBody, useChannelMutation } from '../../query';
import { Actions, Button, Card, Field, Input, Notice, Select } from '../../ui';
import styles from './backups.module.css';

/** The owner's schedule, drill interval and retention settings. */
export function BackupSchedule({ status }: { status: BackupStatus }) {
  const t = useT();
  const fmt = useFormat();
  // The status (next run, warnings) follows the schedule: re-read after a save.
  const save = useChannelMutation('backup.setSchedule', ['backup.']);
  const [schedule, setSchedule] = useState(status.schedule);
  const [retention, setRetention] = useState(status.retention);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ schedule, retention });
  };
  const number = (key: keyof typeof retention, label: string, max: number) => (
    <Field label={label} className={styles.inlineField}>
      {(control) => (
        <Input {...control} className={styles.number} type="number" min={key === 'daily' ? 1 : 0} max={max} value={retention[key]} onChange={(e) => setRetention({ ...retention, [key]: Number(e.target.value) })} />
      )}
    </Field>
  );
  return (
    <Card title={t('backup.schedule')} level={3} width="wide" className={styles.card}>
      <form onSubmit={submit} aria-label={t('backup.schedule')}>
        <div className={styles.inline}>
          <Select aria-label={t('backup.every')} value={schedule.every} onChange={(e) => setSchedule({ ...schedule, every: e.target.value as typeof schedule.every })}>
            {(['hourly', 'daily', 'weekly'] as const).map((every) => (
              <option key={every} value={every}>
                {t(`backup.every.${every}`)}
              </option>
            ))}
          </Select>
          {schedule.every !== 'hourly' && <Input type="time" aria-label={t('backup.at')} value={schedule.at} onChange={(e) => setSchedule({ ...schedule, at: e.target.value })} required />}
          <label className={styles.checkbox}>
            <input type="checkbox" checked={schedule.onQuit} onChange={(e) => setSchedule({ ...schedule, onQuit: e.target.checked })} /> {t('backup.onQuit')}
          </label>
        </div>
        <div className={styles.inline}>
          <Field label={t('backup.drillEvery')} className={styles.inlineField}>
            {(control) => (
              <Input
                {...control}
                className={styles.number}
                type="number"
                min={DRILL_EVERY_DAYS_MIN}
                max={DRILL_EVERY_DAYS_MAX}
                value={schedule.drillEveryDays}
                onChange={(e) => setSchedule({ ...schedule, drillEveryDays: Number(e.target.value) })}
              />
            )}
          </Field>
        </div>
        <p className={styles.hint}>{t('backup.nextDrill', { when: fmt.date(status.nextDrillAt) })}</p>
        <p className={styles.hint}>{t('backup.retention')}</p>
        <div className={styles.inline}>
          {number('daily', t('backup.keepDaily'), 60)}
          {number('weekly', t('backup.keepWeekly'), 52)}
          {number('monthly', t('backup.keepMonthly'), 120)}
        </div>
        <ErrorNotice error={errorBody(save.error)} />
        {save.isSuccess && <Notice tone="success">{t('backup.saved')}</Notice>}
        <Actions>
          <Button type="submit" variant="secondary" disabled={save.isPending}>
            {t('form.save')}
          </Button>
        </Actions>
      </form>
    </Card>
  );
}
