import { useEffect, useState } from 'react';
import type { ErrorBody } from '../../../../shared/errors';
import { ErrorNotice } from '../../components/ErrorNotice';
import { usePasswordPrompt } from '../../components/prompts';
import { useT } from '../../i18n';
import { errorBody, fetchChannel, invalidate, useChannelMutation, useChannelQuery } from '../../query';
import { Actions, Button, Card, Field, Input, toast } from '../../ui';
import { useApprovalGate } from '../approvals/use-approval-gate';
import styles from './users.module.css';

/** Owner settings: require 2FA for everyone (confirmed with the owner's password), idle lock time. */
export function SignInRules() {
  const t = useT();
  const query = useChannelQuery('settings.auth', {});
  const rules = query.data ?? null;
  const [minutes, setMinutes] = useState('15');
  const [error, setError] = useState<ErrorBody | null>(null);
  const [passwordDialog, askPassword] = usePasswordPrompt();
  // Turning the requirement off needs a second person's approval (issue 15).
  const [approvalDialog, gate] = useApprovalGate();
  const setIdle = useChannelMutation('settings.setIdleMinutes', ['settings.auth']);
  // The field follows what main holds (after load and after each save).
  useEffect(() => {
    if (rules) setMinutes(String(rules.idleMinutes));
  }, [rules]);

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
        try {
          await gate({ required, password }, (input) => fetchChannel('settings.setRequire2fa', input));
          return null;
        } catch (problem) {
          return errorBody(problem);
        }
      },
    });
    if (done) await invalidate(['settings.auth']);
  };
  const saveIdle = async () => {
    try {
      await setIdle.mutateAsync({ minutes: Number(minutes) });
      setError(null);
      toast(t('rules.saved'), { tone: 'success' });
    } catch (problem) {
      setError(errorBody(problem));
      if (rules) setMinutes(String(rules.idleMinutes));
    }
  };

  if (!rules) return <ErrorNotice error={error ?? errorBody(query.error)} />;
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
      {approvalDialog}
    </Card>
  );
}
