import { useState, type FormEvent } from 'react';
import { checkPasswordStrength } from '../../../../shared/password-strength';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { fieldText, useT } from '../../i18n';
import { useSetupStore } from '../../stores/setup-store';
import { Actions, Button } from '../../ui';

export function OwnerStep() {
  const t = useT();
  const { begin, busy, error } = useSetupStore();
  const [form, setForm] = useState({ username: '', displayName: '', password: '', again: '' });
  const [touched, setTouched] = useState(false);

  const strength = checkPasswordStrength(form.password, { username: form.username });
  const mismatch = form.again !== '' && form.again !== form.password;
  const server = error?.fields ?? {};
  const problem = (field: string, local?: string) =>
    server[`owner.${field}`] ? fieldText(t, server[`owner.${field}`] as string) : touched ? local : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (strength.length > 0 || mismatch || form.password !== form.again) return;
    void begin({ username: form.username.trim(), displayName: form.displayName.trim(), password: form.password });
  };
  const update = (key: keyof typeof form) => (event: { target: { value: string } }) => setForm({ ...form, [key]: event.target.value });

  return (
    <form onSubmit={submit} noValidate data-testid="setup-owner">
      <p>{t('setup.intro')}</p>
      <Field label={t('setup.username')} autoComplete="username" required maxLength={64} value={form.username} onChange={update('username')} problem={problem('username', form.username.trim() ? undefined : fieldText(t, 'too_small'))} autoFocus />
      <Field label={t('setup.displayName')} autoComplete="name" required maxLength={100} value={form.displayName} onChange={update('displayName')} problem={problem('displayName', form.displayName.trim() ? undefined : fieldText(t, 'too_small'))} />
      <Field
        label={t('setup.password')}
        type="password"
        autoComplete="new-password"
        required
        maxLength={256}
        value={form.password}
        onChange={update('password')}
        hint={t('setup.passwordHint')}
        problem={problem('password', strength[0] ? fieldText(t, strength[0]) : undefined)}
      />
      <Field
        label={t('setup.passwordAgain')}
        type="password"
        autoComplete="new-password"
        required
        maxLength={256}
        value={form.again}
        onChange={update('again')}
        problem={mismatch || (touched && form.again !== form.password) ? t('setup.passwordMismatch') : undefined}
      />
      <ErrorNotice error={error && !error.fields ? error : null} />
      <Actions>
        <Button type="submit" disabled={busy}>
          {busy ? t('common.working') : t('setup.create')}
        </Button>
      </Actions>
    </form>
  );
}
