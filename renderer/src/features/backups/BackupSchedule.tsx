import { useState, type FormEvent } from 'react';
import type { BackupStatus } from '../../../../shared/backup';
import type { ErrorBody } from '../../../../shared/errors';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n';
import { useBackupStore } from '../../stores/backup-store';

/** The owner's schedule and retention settings. */
export function BackupSchedule({ status }: { status: BackupStatus }) {
  const t = useT();
  const saveSchedule = useBackupStore((state) => state.saveSchedule);
  const [schedule, setSchedule] = useState(status.schedule);
  const [retention, setRetention] = useState(status.retention);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [saved, setSaved] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = await saveSchedule({ schedule, retention });
    setError(problem);
    setSaved(!problem);
  };
  const number = (key: keyof typeof retention, label: string, max: number) => (
    <label className="checkbox-inline">
      {label}
      <input type="number" min={key === 'daily' ? 1 : 0} max={max} value={retention[key]} onChange={(e) => setRetention({ ...retention, [key]: Number(e.target.value) })} />
    </label>
  );
  return (
    <form className="card subsection" onSubmit={(e) => void submit(e)} aria-labelledby="schedule-title">
      <h3 id="schedule-title">{t('backup.schedule')}</h3>
      <div className="filters">
        <select aria-label={t('backup.every')} value={schedule.every} onChange={(e) => setSchedule({ ...schedule, every: e.target.value as typeof schedule.every })}>
          {(['hourly', 'daily', 'weekly'] as const).map((every) => (
            <option key={every} value={every}>
              {t(`backup.every.${every}`)}
            </option>
          ))}
        </select>
        {schedule.every !== 'hourly' && <input type="time" aria-label={t('backup.at')} value={schedule.at} onChange={(e) => setSchedule({ ...schedule, at: e.target.value })} required />}
        <label className="checkbox-inline">
          <input type="checkbox" checked={schedule.onQuit} onChange={(e) => setSchedule({ ...schedule, onQuit: e.target.checked })} /> {t('backup.onQuit')}
        </label>
      </div>
      <p className="hint">{t('backup.retention')}</p>
      <div className="filters">
        {number('daily', t('backup.keepDaily'), 60)}
        {number('weekly', t('backup.keepWeekly'), 52)}
        {number('monthly', t('backup.keepMonthly'), 120)}
      </div>
      <ErrorNotice error={error} />
      {saved && <p className="notice notice-ok">{t('backup.saved')}</p>}
      <button type="submit" className="secondary">
        {t('form.save')}
      </button>
    </form>
  );
}
