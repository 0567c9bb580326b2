import { useEffect, useState } from 'react';
import type { ErrorBody } from '../../../../shared/errors';
import { ErrorNotice } from '../../components/ErrorNotice';
import { usePasswordPrompt } from '../../components/prompts';
import { call } from '../../client';
import { useT } from '../../i18n';

/** Owner settings: require 2FA for everyone (confirmed with the owner's password), idle lock time. */
export function SignInRules() {
  const t = useT();
  const [rules, setRules] = useState<{ require2fa: boolean; idleMinutes: number } | null>(null);
  const [minutes, setMinutes] = useState('15');
  const [error, setError] = useState<ErrorBody | null>(null);
  const [saved, setSaved] = useState(false);
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
    setSaved(result.ok);
    await load();
  };

  if (!rules) return <ErrorNotice error={error} />;
  return (
    <section className="card inline-form" data-testid="sign-in-rules">
      <h3>{t('rules.title')}</h3>
      <label className="checkbox">
        <input type="checkbox" checked={rules.require2fa} onChange={(e) => void toggle(e.target.checked)} />
        <span>{t('rules.require2fa')}</span>
      </label>
      <label className="field">
        <span>{t('rules.idle')}</span>
        <input type="number" min={1} max={240} value={minutes} onChange={(e) => setMinutes(e.target.value)} />
      </label>
      <div className="actions">
        <button type="button" className="secondary" onClick={() => void saveIdle()}>
          {t('rules.save')}
        </button>
        {saved && <span role="status">{t('rules.saved')}</span>}
      </div>
      <ErrorNotice error={error} />
      {passwordDialog}
    </section>
  );
}
