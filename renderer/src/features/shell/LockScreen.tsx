import { useState, type FormEvent } from 'react';
import type { SessionUser } from '../../../../shared/contract';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { fieldText, useT } from '../../i18n';
import { useAuthStore } from '../../stores/auth-store';

export function LockScreen({ user }: { user: SessionUser }) {
  const t = useT();
  const { unlockSession, logout, busy, error } = useAuthStore();
  const [password, setPassword] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (password) void unlockSession(password).then(() => setPassword(''));
  };
  const wrong = error?.fields?.password;
  return (
    <section className="card narrow" data-testid="lock-screen" aria-labelledby="lock-title">
      <h2 id="lock-title">{t('lock.title')}</h2>
      <p>{t('lock.body', { name: user.displayName })}</p>
      <form onSubmit={submit}>
        <Field label={t('login.password')} type="password" autoComplete="current-password" autoFocus maxLength={256} value={password} onChange={(e) => setPassword(e.target.value)} problem={wrong ? fieldText(t, wrong) : undefined} />
        <ErrorNotice error={error && !wrong ? error : null} />
        <div className="actions">
          <button type="submit" disabled={busy || !password}>
            {t('lock.submit')}
          </button>
          <button type="button" className="secondary" onClick={() => void logout()}>
            {t('lock.switchUser')}
          </button>
        </div>
      </form>
    </section>
  );
}
