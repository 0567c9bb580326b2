import { useEffect, useState } from 'react';
import type { ErrorBody } from '../../../../shared/errors';
import { ErrorNotice } from '../../components/ErrorNotice';
import { usePasswordPrompt } from '../../components/prompts';
import { call } from '../../client';
import { useT } from '../../i18n';
import { Actions, Button, Card, Field, Input, toast } from '../../ui';
import styles from './users.module.css';

/** Owner settings: require 2FA for everyone (confirmed with the owner's password), idle lock time. */
export function SignInRules() {
  const t = useT();
  const [rules, setRules] = useState<{ require2fa: boolean; idleMinutes: number } | null>(null);
  const [minutes, setMinutes] = useState('15');
  const [error, setError] = useState<ErrorBody | null>(null);
  const [passwordDialog, askPassword] = usePasswordPrompt();

  const load = async () => {
    const result = await call('settings.auth', {});
    if (!result.ok) return setError(result.error);
    setRules(result.value);
    setMinutes(String(result.value.idleMinutes));
  };
  useEffect(() => {
    void load();
  }, []);

  const toggle = async (required: boolean) => {
    setError(null);
    const done = await askPassword({
      title: t(required ? 'dialog.require2faOnTitle' : 'dialog.require2faOffTitle'),
      message: t(required ? 'dialog.require2faOnBody' : 'dialog.require2faOffBody'),
      label: t('dialog.yourPassword'),
      kind: 'current',
      confirmLabel: t('dialog.confirm'),
      danger: !required,
      run: async (password) => {
        const result = await call('settings.setRequire2fa', { required, password });
        return result.ok ? null : result.error;
      },
    });
    if (done) await load();
  };
  const saveIdle = async () => {
    const result = await call('settings.setIdleMinutes', { minutes: Number(minutes) });
    setError(result.ok ? null : result.error);
    if (result.ok) toast(t('rules.saved'), { tone: 'success' });
    await load();
  };

  if (!rules) return <ErrorNotice error={error} />;
  return (
    <Card title={t('rules.title')} level={3} width="wide" className={styles.card} data-testid="sign-in-rules">
      <label className={styles.checkbox}>
        <input type="checkbox" checked={rules.require2fa} onChange={(e) => void toggle(e.target.checked)} />
        <span>{t('rules.require2fa')}</span>
      </label>
      <Field label={t('rules.idle')}>
        {(control) => <Input {...control} className={styles.number} type="number" min={1} max={240} value={minutes} onChange={(e) => setMinutes(e.target.value)} />}
      </Field>
      <Actions>
        <Button variant="secondary" onClick={() => void saveIdle()}>
          {t('rules.save')}
        </Button>
      </Actions>
      <ErrorNotice error={error} />
      {passwordDialog}
    </Card>
  );
}
