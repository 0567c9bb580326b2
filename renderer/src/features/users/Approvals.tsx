import { useState } from 'react';
import type { ErrorBody } from '../../../../shared/errors';
import { ErrorNotice } from '../../components/ErrorNotice';
import { usePasswordPrompt } from '../../components/prompts';
import { useT } from '../../i18n';
import { describeApproval as describe, type Pending } from './approval-text';
import { errorBody, fetchChannel, invalidate, useChannelQuery } from '../../query';
import { useAppStore } from '../../stores/app-store';
import { Button, Card } from '../../ui';
import styles from './users.module.css';

/** Requests from the other owner (two-person rule); hidden when there are none. */
export function Approvals() {
  const t = useT();
  // Re-read when a user change invalidates approvals.* (a change may have filed a request).
  const pending: Pending[] = (useChannelQuery('approvals.list', { view: 'all' }).data?.items ?? []).filter((a) => a.state === 'pending');
  const [error, setError] = useState<ErrorBody | null>(null);
  const me = useAppStore((state) => state.status?.session?.username);
  const [passwordDialog, askPassword] = usePasswordPrompt();
  const decide = async (a: Pending, approve: boolean) => {
    setError(null);
    const done = await askPassword({
      title: t(approve ? 'dialog.approveTitle' : 'dialog.rejectTitle'),
      message: t('dialog.decideBody', { request: describe(t, a) }),
      label: t('dialog.yourPassword'),
      kind: 'current',
      confirmLabel: t(approve ? 'approvals.approve' : 'approvals.reject'),
      danger: !approve,
      run: async (password) => {
        try {
          await fetchChannel('approvals.decide', { id: a.id, approve, password });
          return null;
        } catch (error) {
          return errorBody(error);
        }
      },
    });
    // An approved request changed a user; either way the request is gone from the list.
    if (done) await invalidate(['users.', 'approvals.']);
  };

  if (pending.length === 0) return <ErrorNotice error={error} />;
  return (
    <Card title={t('approvals.title')} level={3} width="wide" className={styles.card} data-testid="approvals">
      <ul className={styles.list}>
        {pending.map((a) => (
          <li key={a.id} data-testid="approval" className={styles.item}>
            {describe(t, a)}{' '}
            {/* The two-person rule: the requester cannot approve their own request, so it is not offered. */}
            {a.requester.username === me || !a.canDecide ? (
              <small className={styles.hint}>{t('approvals.yours')}</small>
            ) : (
              <>
                <Button variant="ghost" size="sm" onClick={() => void decide(a, true)}>
                  {t('approvals.approve')}
                </Button>
                <Button variant="ghost" size="sm" onClick={() => void decide(a, false)}>
                  {t('approvals.reject')}
                </Button>
              </>
            )}
          </li>
        ))}
      </ul>
      <ErrorNotice error={error} />
      {passwordDialog}
    </Card>
  );
}
