import { useState, type FormEvent } from 'react';
import type { ErrorBody } from '../../../../shared/errors';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field, PasswordAgainField } from '../../components/Field';
import { call } from '../../client';
import { useT } from '../../i18n';
import { useAppStore } from '../../stores/app-store';
import { useAuthStore } from '../../stores/auth-store';
import { ChannelError } from '../../query';
import { useApprovalGate } from '../approvals/use-approval-gate';
import { Actions, Button } from '../../ui';
import layout from '../../ui/layout.module.css';
import { QrCode } from './QrCode';
import styles from './TwoFactor.module.css';

type Step = { at: 'idle' } | { at: 'scan'; secret: string; uri: string } | { at: 'codes'; codes: string[] };

/** Turning two-step sign-in on (secret, confirm with a code, show recovery codes once) or off. */
export function TwoFactor({ state }: { state: 'on' | 'off' | 'required' }) {
  const t = useT();
  const refresh = useAppStore((s) => s.refresh);
  const logout = useAuthStore((s) => s.logout);
  const [step, setStep] = useState<Step>({ at: 'idle' });
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ErrorBody | null>(null);
  const [requested, setRequested] = useState(false);
  // An owner turning off their own two-step sign-in while another owner could approve: the approval dialog.
  const [approvalDialog, gate] = useApprovalGate();

  const begin = async () => {
    const result = await call('account.totp.begin', {});
    if (result.ok) setStep({ at: 'scan', ...result.value });
    setError(result.ok ? null : result.error);
  };
  const confirm = async (event: FormEvent) => {
    event.preventDefault();
    const result = await call('account.totp.confirm', { code: code.trim() });
    setCode('');
    if (result.ok) setStep({ at: 'codes', codes: result.value.recoveryCodes });
    setError(result.ok ? null : result.error);
  };
  const turnOff = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setRequested(false);
    try {
      const outcome = await gate({ password }, async (input) => {
        const result = await call('account.totp.disable', input);
        if (!result.ok) throw new ChannelError(result.error);
        return result.value;
      });
      setPassword('');
      setRequested(outcome.status === 'sent' || outcome.status === 'waiting');
      if (outcome.status === 'done') await refresh();
    } catch (problem) {
      setPassword('');
      setError(problem instanceof ChannelError ? problem.body : { code: 'INTERNAL', message: '' });
    }
  };

  return (
    <section className={layout.subsection} data-testid="two-factor">
      <h3>{t('twofa.title')}</h3>
      <p>{state === 'on' ? t('twofa.on') : state === 'required' ? t('twofa.required') : t('twofa.off')}</p>
      {step.at === 'idle' && state !== 'on' && (
        <Button onClick={() => void begin()}>{t('twofa.turnOn')}</Button>
      )}
      {step.at === 'scan' && (
        <form onSubmit={(e) => void confirm(e)}>
          <p>{t('twofa.step1')}</p>
          <div className={styles.enrol}>
            <QrCode text={step.uri} label={t('twofa.qrLabel')} className={styles.qr} />
            <div>
              <p>{t('twofa.typeInstead')}</p>
              <p className={layout.secret} data-testid="totp-secret" data-uri={step.uri}>
                {step.secret.match(/.{1,4}/g)?.join(' ')}
              </p>
            </div>
          </div>
          <Field label={t('twofa.step2')} value={code} onChange={(e) => setCode(e.target.value)} inputMode="numeric" autoComplete="one-time-code" maxLength={8} autoFocus />
          <Actions>
            <Button type="submit" disabled={code.trim().length < 6}>
              {t('twofa.confirm')}
            </Button>
          </Actions>
        </form>
      )}
      {step.at === 'codes' && (
        <div data-testid="recovery-codes">
          <h4>{t('twofa.codesTitle')}</h4>
          <p>{t('twofa.codesBody')}</p>
          <ul className={layout.secret}>
            {step.codes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
          <Button onClick={() => void refresh().then(() => setStep({ at: 'idle' }))}>{t('twofa.done')}</Button>
        </div>
      )}
      {step.at === 'idle' && state === 'on' && (
        <form onSubmit={(e) => void turnOff(e)}>
          <PasswordAgainField label={t('twofa.password')} value={password} onChange={(e) => setPassword(e.target.value)} />
          <Button type="submit" variant="secondary" disabled={!password}>
            {t('twofa.turnOff')}
          </Button>
        </form>
      )}
      {requested && <p role="status">{t('appr.dialog.sent')}</p>}
      {approvalDialog}
      <ErrorNotice error={error} />
      {state === 'required' && (
        // A user stopped here (the owner requires two-step sign-in) may not have their phone: they
        // can leave and come back, instead of being stuck on a screen with no way out.
        <Actions>
          <Button variant="secondary" onClick={() => void logout()}>
            {t('twofa.signOut')}
          </Button>
        </Actions>
      )}
    </section>
  );
}
