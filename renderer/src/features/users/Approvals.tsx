import { useEffect, useState } from 'react';
import type { ChannelOutput } from '../../../../shared/contract';
import type { ErrorBody } from '../../../../shared/errors';
import { ErrorNotice } from '../../components/ErrorNotice';
import { call } from '../../client';
import { useT } from '../../i18n';
import { useAdminStore } from '../../stores/admin-store';

type Pending = ChannelOutput<'approvals.list'>[number];

/** Requests from the other owner (two-person rule); hidden when there are none. */
export function Approvals() {
  const t = useT();
  const users = useAdminStore((s) => s.users);
  const loadUsers = useAdminStore((s) => s.loadUsers);
  const [pending, setPending] = useState<Pending[]>([]);
  const [error, setError] = useState<ErrorBody | null>(null);
  const load = async () => {
    const result = await call('approvals.list', {});
    if (result.ok) setPending(result.value);
  };
  useEffect(() => {
    void load();
  }, [users]);

  const decide = async (id: number, approve: boolean) => {
    const password = window.prompt(t('users.ownerPassword'));
    if (!password) return;
    const result = await call('approvals.decide', { id, approve, password });
    setError(result.ok ? null : result.error);
    await loadUsers();
    await load();
  };

  if (pending.length === 0) return <ErrorNotice error={error} />;
  return (
    <section className="card inline-form" data-testid="approvals">
      <h3>{t('approvals.title')}</h3>
      <ul>
        {pending.map((a) => (
          <li key={a.id}>
            {a.kind === 'user.role'
              ? t('approvals.role', { by: a.requestedByUsername, user: a.targetUsername, role: a.payload.role ? t(`role.${a.payload.role}`) : '' })
              : t('approvals.2fa', { by: a.requestedByUsername, user: a.targetUsername })}{' '}
            <button type="button" className="link" onClick={() => void decide(a.id, true)}>
              {t('approvals.approve')}
            </button>
            <button type="button" className="link" onClick={() => void decide(a.id, false)}>
              {t('approvals.reject')}
            </button>
          </li>
        ))}
      </ul>
      <ErrorNotice error={error} />
    </section>
  );
}
