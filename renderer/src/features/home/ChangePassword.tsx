import { useState, type FormEvent } from 'react';
import type { ErrorBody } from '../../../../shared/errors';
import { checkPasswordStrength } from '../../../../shared/password-strength';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field, type FieldProps } from '../../components/Field';
import { call } from '../../client';
import { fieldText, useT } from '../../i18n';
import { useAppStore } from '../../stores/app-store';
import { Actions, Button, Notice } from '../../ui';
import layout from '../../ui/layout.module.css';

/**
 * Every role changes its own password here. Main is the authority (current password, strength
 * rules); the checks below only spare a round trip. Passwords are cleared after every try.
 */
export function ChangePassword({ username }: { username: string }) {
  const t = useT();
  const refresh = useAppStore((s) => s.refresh);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [tried, setTried] = useState(false);
  const [state, setState] = useState<{ busy: boolean; done: number | null; error: ErrorBody | null }>({ busy: false, done: null, error: null });

  const weakness = next ? checkPasswordStrength(next, { username })[0] : undefined;
  const mismatch = repeat !== '' && repeat !== next;
  const serverField = state.error?.fields;
  const currentProblem = serverField?.oldPassword ? fieldText(t, serverField.oldPassword) : undefined;
  const newReason = serverField?.newPassword ?? (tried ? weakness : undefined);
  const generalError = state.error && !serverField?.oldPassword && !serverField?.newPassword ? state.error : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (weakness || mismatch || !current || !repeat) return;
    setState({ busy: true, done: null, error: null });
    const result = await call('account.changePassword', { oldPassword: current, newPassword: next });
    setCurrent('');
    if (result.ok) {
      setNext('');
      setRepeat('');
      setTried(false);
    }
    setState({ busy: false, done: result.ok ? result.value.sessionsEnded : null, error: result.ok ? null : result.error });
    // Too many wrong passwords lock this window: the app shows its lock screen.
    if (!result.ok && result.error.code === 'LOCKED') await refresh();
  };

  return (
    <form className={layout.subsection} onSubmit={(event) => void submit(event)} data-testid="change-password" aria-labelledby="change-password-title" noValidate>
      <h3 id="change-password-title">{t('account.password.title')}</h3>
      <p className={layout.hint}>{t('account.password.body')}</p>
      <PasswordField label={t('account.password.current')} autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} problem={currentProblem} />
      <PasswordField
        label={t('account.password.new')}
        autoComplete="new-password"
        value={next}
        onChange={(e) => setNext(e.target.value)}
        hint={t('account.password.newHint')}
        problem={newReason ? fieldText(t, newReason) : undefined}
      />
      <PasswordField
        label={t('account.password.repeat')}
        autoComplete="new-password"
        value={repeat}
        onChange={(e) => setRepeat(e.target.value)}
        problem={mismatch && (tried || repeat.length >= next.length) ? t('account.password.mismatch') : undefined}
      />
      {state.done !== null && (
        <Notice tone="success" data-testid="change-password-done">
          {state.done > 0 ? t('account.password.doneOthers', { count: state.done }) : t('account.password.done')}
        </Notice>
      )}
      {generalError?.code === 'RATE_LIMITED' ? (
        <Notice tone="danger" data-testid="error" data-code="RATE_LIMITED">
          {t('account.password.tooMany')}
        </Notice>
      ) : (
        <ErrorNotice error={generalError} />
      )}
      <Actions>
        <Button type="submit" variant="secondary" disabled={state.busy || !current || !next || !repeat}>
          {state.busy ? t('common.working') : t('account.password.submit')}
        </Button>
      </Actions>
    </form>
  );
}

/** A password typed here is never offered to the spell checker and is bounded like the contract's. */
function PasswordField(props: Omit<FieldProps, 'type' | 'spellCheck' | 'maxLength'>) {
  return <Field {...props} type="password" spellCheck={false} maxLength={256} />;
}
