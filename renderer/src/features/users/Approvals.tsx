import { useEffect, useState } from 'react';
import type { ErrorBody } from '../../../../shared/errors';
import { ErrorNotice } from '../../components/ErrorNotice';
import { usePasswordPrompt } from '../../components/prompts';
import { call } from '../../client';
import { useT } from '../../i18n';
import { describeApproval as describe, type Pending } from './approval-text';
import { useAdminStore } from '../../stores/admin-store';
import { useAppStore } from '../../stores/app-store';
import { Button, Card } from '../../ui';
import styles from './users.module.css';

/** Requests from the other owner (two-person rule); hidden when there are none. */
export function Approvals() {
  const t = useT();
  const users = useAdminStore((s) => s.users);
  const loadUsers = useAdminStore((s) => s.loadUsers);
  const [pending, setPending] = useState<Pending[]>([]);
  const [error, setError] = useState<ErrorBody | null>(null);
  const me = useAppStore((state) => state.status?.session?.username);
  const [passwordDialog, askPassword] = usePasswordPrompt();
  const load = async () => {
    const result = await call('approvals.list', {});
    if (result.ok) setPending(result.value);
  };
  useEffect(() => {
    void load();
  }, [users]);

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
        const result = await call('approvals.decide', { id: a.id, approve, password });
        return result.ok ? null : result.error;
      },
    });
    if (!done) return;
    await loadUsers();
    await load();
  };

  if (pending.length === 0) return <ErrorNotice error={error} />;
  return (
    <Card title={t('approvals.title')} level={3} width="wide" className={styles.card} data-testid="approvals">
      <ul className={styles.list}>
        {pending.map((a) => (
          <li key={a.id} data-testid="approval" className={styles.item}>
            {describe(t, a)}{' '}
            {/* The two-person rule: the requester cannot approve their own request, so it is not offered. */}
            {a.requestedByUsername === me ? (
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
