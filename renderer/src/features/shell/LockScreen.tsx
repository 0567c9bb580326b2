import { useState, type FormEvent } from 'react';
import type { SessionUser } from '../../../../shared/contract';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { fieldText, useT } from '../../i18n';
import { useAuthStore } from '../../stores/auth-store';
import { Actions, Button, Card } from '../../ui';

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
    <Card title={t('lock.title')} width="narrow" data-testid="lock-screen">
      <p>{t('lock.body', { name: user.displayName })}</p>
      <form onSubmit={submit}>
        <Field label={t('login.password')} type="password" autoComplete="current-password" autoFocus maxLength={256} value={password} onChange={(e) => setPassword(e.target.value)} problem={wrong ? fieldText(t, wrong) : undefined} />
        <ErrorNotice error={error && !wrong ? error : null} />
        <Actions>
          <Button type="submit" disabled={busy || !password}>
            {t('lock.submit')}
          </Button>
          <Button variant="secondary" onClick={() => void logout()}>
            {t('lock.switchUser')}
          </Button>
        </Actions>
      </form>
    </Card>
  );
}
