import { useState } from 'react';
import type { BreachDetail } from '../../../../../shared/channels/breach';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { useT } from '../../../i18n';
import { errorBody, useChannelMutation } from '../../../query';
import { Button, Dialog, Field, Input, toast } from '../../../ui';
import layout from '../../../ui/layout.module.css';
import styles from './breach.module.css';

type Step = 'disable-user' | 'end-sessions' | 'rotate-key';

/** Containment from the record: each button is the normal, audited path (breach.contain runs the same services). */
export function BreachContain({ b }: { b: BreachDetail }) {
  const t = useT();
  const contain = useChannelMutation('breach.contain', ['breach.', 'users.', 'audit.']);
  const [asking, setAsking] = useState<Step | null>(null);
  const [password, setPassword] = useState('');
  const label = (step: Step) => t(`breach.contain.${step}`, { username: b.username ?? '' });
  const run = (step: Step) =>
    contain.mutate(
      { id: b.id, action: step, ...(step === 'rotate-key' ? { password } : {}) },
      {
        onSuccess: () => {
          setAsking(null);
          setPassword('');
          toast(t('breach.contain.done', { step: label(step) }), { tone: 'success' });
        },
      },
    );
  const error = errorBody(contain.error);

  return (
    <section className={layout.subsection} data-testid="breach-contain">
      <h3>{t('breach.contain.title')}</h3>
      <p className={layout.hint}>{t('breach.contain.hint')}</p>
      {!b.username && <p className={layout.hint}>{t('breach.contain.needUser')}</p>}
      <div className={styles.row}>
        {(['disable-user', 'end-sessions'] as const).map((step) => (
          <Button key={step} variant="secondary" disabled={!b.username} onClick={() => setAsking(step)} data-testid={`breach-${step}`}>
            {label(step)}
          </Button>
        ))}
        <Button variant="secondary" onClick={() => setAsking('rotate-key')} data-testid="breach-rotate-key">
          {label('rotate-key')}
        </Button>
      </div>
      {asking === null && <ErrorNotice error={error} />}
      {asking && (
        <Dialog
          title={label(asking)}
          message={asking === 'rotate-key' ? t('breach.contain.rotateConfirm') : undefined}
          confirmLabel={label(asking)}
          danger
          busy={contain.isPending}
          confirmDisabled={asking === 'rotate-key' && password.length === 0}
          error={error}
          onConfirm={() => run(asking)}
          onCancel={() => {
            setAsking(null);
            setPassword('');
            contain.reset();
          }}
          testId="breach-contain-dialog"
        >
          {asking === 'rotate-key' && (
            <Field label={t('breach.contain.password')}>
              {(control) => <Input {...control} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} data-testid="breach-password" />}
            </Field>
          )}
        </Dialog>
      )}
    </section>
  );
}
