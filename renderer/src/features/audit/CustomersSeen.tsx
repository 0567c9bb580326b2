import { useState, type FormEvent } from 'react';
import { can } from '../../../../shared/permissions';
import type { ErrorBody } from '../../../../shared/errors';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { call } from '../../client';
import { useT } from '../../i18n';
import { useAppStore } from '../../stores/app-store';
import { Button } from '../../ui';
import styles from './AuditPage.module.css';

/** Owner only: which customers a user was shown in a period, answered from the audit log. */
export function CustomersSeen() {
  const t = useT();
  const role = useAppStore((state) => state.status?.session?.role);
  const [form, setForm] = useState({ username: '', from: '', to: '' });
  const [answer, setAnswer] = useState<{ username: string; ids: number[] } | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState(false);
  if (!role || !can(role, 'users.manage')) return null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setAnswer(null);
    // Dates from the pickers are local days; the log stores UTC instants.
    const result = await call('audit.customersSeen', {
      username: form.username.trim(),
      from: new Date(`${form.from}T00:00:00`).toISOString(),
      to: new Date(`${form.to}T23:59:59.999`).toISOString(),
    });
    setBusy(false);
    setError(result.ok ? null : result.error);
    if (result.ok) setAnswer({ username: form.username.trim(), ids: result.value.customerIds });
  };

  return (
    <section aria-labelledby="seen-title" data-testid="customers-seen">
      <h3 id="seen-title">{t('audit.seenTitle')}</h3>
      <form className={styles.filters} onSubmit={(e) => void submit(e)}>
        <Field label={t('audit.seenUser')} value={form.username} maxLength={64} required autoComplete="off" onChange={(e) => setForm({ ...form, username: e.target.value })} />
        <Field label={t('audit.from')} type="date" value={form.from} required onChange={(e) => setForm({ ...form, from: e.target.value })} />
        <Field label={t('audit.to')} type="date" value={form.to} required onChange={(e) => setForm({ ...form, to: e.target.value })} />
        <Button type="submit" className={styles.submit} disabled={busy}>
          {t('audit.seenShow')}
        </Button>
      </form>
      <ErrorNotice error={error} />
      {answer && (
        <p role="status" data-testid="customers-seen-result">
          {answer.ids.length === 0 ? t('audit.seenNone', { username: answer.username }) : t('audit.seenResult', { username: answer.username, count: answer.ids.length, ids: answer.ids.join(', ') })}
        </p>
      )}
    </section>
  );
}
