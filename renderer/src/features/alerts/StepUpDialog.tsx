import { useEffect, useRef, useState } from 'react';
import type { ErrorBody } from '../../../../shared/errors';
import { call, setStepUpHandler } from '../../client';
import { Field, PasswordAgainField } from '../../components/Field';
import { useT } from '../../i18n';
import { Dialog } from '../../ui';

/**
 * The password step-up a monitoring rule can ask for (STEP_UP_REQUIRED). Mounted once in the
 * signed-in shell, it registers itself with the bridge client (client.ts), so any call from any
 * screen that gets the refusal waits here: calls refused together share one dialog, and each is
 * repeated once the password (and code, with two-step sign-in) is accepted by session.stepUp.
 */
export function StepUpDialog() {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);
  const waiting = useRef<{ promise: Promise<boolean>; resolve(done: boolean): void } | null>(null);

  useEffect(() => {
    setStepUpHandler(() => {
      if (!waiting.current) {
        let resolve: (done: boolean) => void = () => undefined;
        const promise = new Promise<boolean>((r) => (resolve = r));
        waiting.current = { promise, resolve };
        setOpen(true);
      }
      return waiting.current.promise;
    });
    return () => {
      setStepUpHandler(null);
      waiting.current?.resolve(false);
      waiting.current = null;
    };
  }, []);

  const finish = (done: boolean) => {
    waiting.current?.resolve(done);
    waiting.current = null;
    setOpen(false);
    setPassword('');
    setCode('');
    setError(null);
    setBusy(false);
  };
  const confirm = async () => {
    setBusy(true);
    const result = await call('session.stepUp', { password, ...(code.trim() ? { code: code.trim() } : {}) });
    if (result.ok) return finish(true);
    // The password is not left in the field to resubmit; the code field appears once asked for.
    setBusy(false);
    setPassword('');
    setError(result.error);
  };
  if (!open) return null;
  const needsCode = error?.code === 'SECOND_FACTOR_REQUIRED' || code !== '' || error?.fields?.code !== undefined;
  return (
    <Dialog
      title={t('stepup.title')}
      message={t('stepup.body')}
      confirmLabel={t('stepup.confirm')}
      busy={busy}
      confirmDisabled={!password}
      error={error?.code === 'SECOND_FACTOR_REQUIRED' ? null : error}
      onConfirm={() => void confirm()}
      onCancel={() => finish(false)}
      testId="step-up-dialog"
    >
      <PasswordAgainField label={t('stepup.password')} value={password} onChange={(e) => setPassword(e.target.value)} autoFocus />
      {needsCode && <Field label={t('stepup.code')} value={code} onChange={(e) => setCode(e.target.value)} autoComplete="one-time-code" inputMode="numeric" maxLength={20} />}
    </Dialog>
  );
}
