import { useState, type FormEvent } from 'react';
import type { ErrorBody } from '../../../../shared/errors';
import { ErrorNotice } from '../../components/ErrorNotice';
import { PasswordAgainField } from '../../components/Field';
import { call } from '../../client';
import { fieldText, useT } from '../../i18n';
import { Actions, Button, Notice } from '../../ui';
import layout from '../../ui/layout.module.css';

/** Owner-only: re-keys the vault after re-entering the password. */
export function RotateKey() {
  const t = useT();
  const [password, setPassword] = useState('');
  const [state, setState] = useState<{ busy: boolean; done: boolean; error: ErrorBody | null }>({ busy: false, done: false, error: null });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setState({ busy: true, done: false, error: null });
    const result = await call('vault.rotateKey', { password });
    setPassword('');
    setState({ busy: false, done: result.ok, error: result.ok ? null : result.error });
  };
  const wrong = state.error?.fields?.password;
  return (
    <form className={layout.subsection} onSubmit={(event) => void submit(event)} data-testid="rotate-key">
      <h3>{t('rotate.title')}</h3>
      <p className={layout.hint}>{t('rotate.body')}</p>
      <PasswordAgainField label={t('rotate.password')} value={password} onChange={(e) => setPassword(e.target.value)} problem={wrong ? fieldText(t, wrong) : undefined} />
      {state.done && <Notice tone="success">{t('rotate.done')}</Notice>}
      <ErrorNotice error={state.error && !wrong ? state.error : null} />
      <Actions>
        <Button type="submit" variant="secondary" disabled={state.busy || !password}>
          {state.busy ? t('common.working') : t('rotate.submit')}
        </Button>
      </Actions>
    </form>
  );
}
