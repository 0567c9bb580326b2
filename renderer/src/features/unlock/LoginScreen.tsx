import { useState, type FormEvent } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { useT } from '../../i18n';
import { useAppStore } from '../../stores/app-store';
import { useAuthStore } from '../../stores/auth-store';
import { Actions, Button, Card, Notice } from '../../ui';
import { LedgerRestoreNotice } from '../privacy/LedgerRestoreNotice';

export function LoginScreen() {
  const t = useT();
  const { login, busy, error } = useAuthStore();
  const notice = useAppStore((state) => state.notice);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  // The code field appears once the password has proved itself and the account has 2FA.
  const needsCode = error?.code === 'SECOND_FACTOR_REQUIRED' || code !== '' || error?.fields?.code !== undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (username.trim() && password) {
      void login(username.trim(), password, code.trim() || undefined).then(() => setCode(''));
    }
  };
  return (
    <Card title={t('login.title')} width="narrow" data-testid="login">
      {notice && (
        <Notice tone="success" data-testid="login-notice">
          {t(notice.key, notice.params)}
        </Notice>
      )}
      {notice?.ledger && <LedgerRestoreNotice ledger={notice.ledger} />}
      <form onSubmit={submit}>
        <Field label={t('login.username')} value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" maxLength={64} autoFocus />
        <Field label={t('login.password')} type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" maxLength={256} />
        {needsCode && (
          <Field label={t('login.code')} value={code} onChange={(e) => setCode(e.target.value)} autoComplete="one-time-code" inputMode="numeric" maxLength={20} autoFocus />
        )}
        {/* The core answers FORBIDDEN for a disabled or locked account only after the password proved
            who is asking: a monitoring rule's suspension, or an owner's, both wait for an owner. */}
        {error?.code === 'FORBIDDEN' ? (
          <Notice tone="danger" data-testid="error" data-code="FORBIDDEN" role="alert">
            {t('login.suspended')}
          </Notice>
        ) : (
          <ErrorNotice error={error?.code === 'SECOND_FACTOR_REQUIRED' ? null : error} />
        )}
        <Actions>
          <Button type="submit" disabled={busy || !username.trim() || !password}>
            {busy ? t('common.working') : t('login.submit')}
          </Button>
        </Actions>
      </form>
    </Card>
  );
}
