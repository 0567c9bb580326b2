import { useEffect, useState, type FormEvent } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { useAdminStore } from '../../stores/admin-store';
import { CustomersSeen } from './CustomersSeen';
import { VerdictNotice } from './VerdictNotice';

export function AuditPage() {
  const t = useT();
  const fmt = useFormat();
  const { audit, verdict, loadAudit, verifyAudit, busy, error } = useAdminStore();
  const [filter, setFilter] = useState({ username: '', action: '', recordId: '', from: '', to: '' });
  const query = () =>
    loadAudit({
      limit: 200,
      ...(filter.username.trim() ? { username: filter.username.trim() } : {}),
      ...(filter.action.trim() ? { action: filter.action.trim() } : {}),
      ...(filter.recordId.trim() ? { recordId: filter.recordId.trim() } : {}),
      // Dates from the pickers are local days; the log stores UTC instants.
      ...(filter.from ? { from: new Date(`${filter.from}T00:00:00`).toISOString() } : {}),
      ...(filter.to ? { to: new Date(`${filter.to}T23:59:59.999`).toISOString() } : {}),
    });
  useEffect(() => {
    void loadAudit({ limit: 200 });
  }, [loadAudit]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void query();
  };

  return (
    <section aria-labelledby="audit-title" data-testid="audit-page">
      <h2 id="audit-title">{t('audit.title')}</h2>
      <form className="filters" onSubmit={submit}>
        <input aria-label={t('audit.filterUser')} placeholder={t('audit.filterUser')} value={filter.username} maxLength={64} onChange={(e) => setFilter({ ...filter, username: e.target.value })} />
        <input aria-label={t('audit.filterAction')} placeholder={t('audit.filterAction')} value={filter.action} maxLength={40} onChange={(e) => setFilter({ ...filter, action: e.target.value })} />
        <input aria-label={t('audit.filterRecord')} placeholder={t('audit.filterRecord')} value={filter.recordId} maxLength={40} onChange={(e) => setFilter({ ...filter, recordId: e.target.value })} />
        <input type="date" aria-label={t('audit.from')} title={t('audit.from')} value={filter.from} onChange={(e) => setFilter({ ...filter, from: e.target.value })} />
        <input type="date" aria-label={t('audit.to')} title={t('audit.to')} value={filter.to} onChange={(e) => setFilter({ ...filter, to: e.target.value })} />
        <button type="submit" className="secondary" disabled={busy}>
          {t('audit.search')}
        </button>
        <button type="button" disabled={busy} onClick={() => void verifyAudit()}>
          {t('audit.verify')}
        </button>
      </form>
      {verdict && <VerdictNotice verdict={verdict} />}
      <ErrorNotice error={error} />
      <CustomersSeen />
      {audit.length === 0 ? (
        <p className="empty">{t('audit.empty')}</p>
      ) : (
        <table className="grid" data-testid="audit-table">
          <thead>
            <tr>
              <th>#</th>
              <th>{t('audit.col.time')}</th>
              <th>{t('audit.col.user')}</th>
              <th>{t('audit.col.action')}</th>
              <th>{t('audit.col.record')}</th>
              <th>{t('audit.col.outcome')}</th>
              <th>{t('audit.col.detail')}</th>
            </tr>
          </thead>
          <tbody>
            {audit.map((row) => (
              <tr key={row.id} data-testid="audit-row" data-action={row.action}>
                <td>{row.id}</td>
                <td>{fmt.dateTime(row.at)}</td>
                <td>{row.username ?? '—'}</td>
                <td>{row.action}</td>
                <td>{row.recordId ?? ''}</td>
                <td>{row.outcome}</td>
                <td>{[row.fields.join(', '), row.reason ?? ''].filter(Boolean).join(' · ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
