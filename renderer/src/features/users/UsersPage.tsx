import { useEffect, useState, type FormEvent } from 'react';
import { ROLES } from '../../../../shared/permissions';
import type { Role } from '../../../../shared/contract';
import type { ErrorBody } from '../../../../shared/errors';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { call } from '../../client';
import { usePasswordPrompt } from '../../components/prompts';
import { fieldText, useT } from '../../i18n';
import { useAdminStore } from '../../stores/admin-store';
import { useAppStore } from '../../stores/app-store';
import { Approvals } from './Approvals';
import { SignInRules } from './SignInRules';
import { StaleAccounts } from './StaleAccounts';

function RoleOptions() {
  const t = useT();
  return ROLES.map((role) => (
    <option key={role} value={role}>
      {t(`role.${role}`)}
    </option>
  ));
}

export function UsersPage() {
  const t = useT();
  const { users, loadUsers, changeUser, busy, error } = useAdminStore();
  const [form, setForm] = useState({ username: '', displayName: '', role: 'sales' as Role, password: '' });
  const [formError, setFormError] = useState<ErrorBody | null>(null);
  const [rowError, setRowError] = useState<ErrorBody | null>(null);
  const [sentForApproval, setSentForApproval] = useState(false);
  const me = useAppStore((state) => state.status?.session?.username);
  const [passwordDialog, askPassword] = usePasswordPrompt();
  useEffect(() => {
    void loadUsers();
  }, [loadUsers]);

  const no2fa = users.filter((u) => u.status === 'active' && !u.has2fa).length;

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const problem = await changeUser('users.create', form);
    setFormError(problem);
    if (!problem) setForm({ username: '', displayName: '', role: 'sales', password: '' });
  };
  const act = async (run: () => Promise<ErrorBody | null>) => setRowError(await run());
  // Each change is confirmed in the app's own dialog; a wrong password or a refusal shows there.
  const changeRole = (user: string, role: Role) => {
    setRowError(null);
    setSentForApproval(false);
    void askPassword({
      title: t('dialog.roleTitle', { user, role: t(`role.${role}`) }),
      message: t('dialog.roleBody', { user }),
      label: t('dialog.yourPassword'),
      kind: 'current',
      confirmLabel: t('dialog.roleConfirm'),
      run: async (ownerPassword) => {
        const result = await call('users.setRole', { username: user, role, ownerPassword });
        if (!result.ok) return result.error;
        // With a second owner the change waits for their approval: say so, or it looks like nothing happened.
        setSentForApproval(result.value.pending);
        await loadUsers();
        return null;
      },
    });
  };
  const resetPassword = (user: string) => {
    setRowError(null);
    void askPassword({
      title: t('dialog.resetTitle', { user }),
      message: t('dialog.resetBody', { user }),
      label: t('users.newPassword'),
      kind: 'new',
      confirmLabel: t('dialog.resetConfirm'),
      run: (newPassword) => changeUser('users.resetPassword', { username: user, newPassword }),
    });
  };
  return (
    <section aria-labelledby="users-title" data-testid="users-page">
      <h2 id="users-title">{t('users.title')}</h2>
      <p className="hint">
        {t('users.no2fa', { count: no2fa })}
      </p>
      <ErrorNotice error={error ?? rowError} />
      {sentForApproval && (
        <p role="status" className="notice notice-ok" data-testid="sent-for-approval">
          {t('approvals.pending')}
        </p>
      )}
      {passwordDialog}
      <table className="grid" data-testid="users-table">
        <thead>
          <tr>
            <th>{t('users.username')}</th>
            <th>{t('users.displayName')}</th>
            <th>{t('users.role')}</th>
            <th>{t('users.status')}</th>
            <th>{t('users.twoFactor')}</th>
            <th>{t('users.lastLogin')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {users.map((user) => {
            const self = user.username === me;
            return (
              <tr key={user.username} data-testid={`user-${user.username}`}>
                <td>
                  {user.username}
                  {self && <span className="badge">{t('users.self')}</span>}
                </td>
                <td>{user.displayName}</td>
                <td>
                  <select aria-label={t('users.changeRole')} value={user.role} disabled={busy || self} onChange={(e) => changeRole(user.username, e.target.value as Role)}>
                    <RoleOptions />
                  </select>
                </td>
                <td>{t(`users.status.${user.status}`)}</td>
                <td>{user.has2fa ? t('users.yes') : t('users.no')}</td>
                <td>{user.lastLoginAt ? new Date(user.lastLoginAt).toLocaleString() : t('users.never')}</td>
                <td className="row-actions">
                  {/* Disabling yourself would lock the door behind you: not offered, and the row says why. */}
                  {self ? (
                    <small className="hint">{t('users.selfDisable')}</small>
                  ) : (
                    <button type="button" className="link" disabled={busy} onClick={() => void act(() => changeUser('users.setStatus', { username: user.username, status: user.status === 'active' ? 'disabled' : 'active' }))}>
                      {user.status === 'active' ? t('users.disable') : t('users.enable')}
                    </button>
                  )}
                  <button type="button" className="link" disabled={busy} onClick={() => resetPassword(user.username)}>
                    {t('users.resetPassword')}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <StaleAccounts />
      <Approvals />
      <SignInRules />
      <form className="card inline-form" onSubmit={(e) => void add(e)} data-testid="add-user">
        <h3>{t('users.add')}</h3>
        <Field label={t('users.username')} value={form.username} maxLength={64} onChange={(e) => setForm({ ...form, username: e.target.value })} problem={formError?.fields?.username ? fieldText(t, formError.fields.username) : undefined} />
        <Field label={t('users.displayName')} value={form.displayName} maxLength={100} onChange={(e) => setForm({ ...form, displayName: e.target.value })} />
        <label className="field">
          <span>{t('users.role')}</span>
          <select value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>
            <RoleOptions />
          </select>
        </label>
        <Field label={t('users.password')} type="password" autoComplete="new-password" value={form.password} maxLength={256} onChange={(e) => setForm({ ...form, password: e.target.value })} problem={formError?.fields?.password ? fieldText(t, formError.fields.password) : undefined} />
        <ErrorNotice error={formError && !formError.fields ? formError : null} />
        <div className="actions">
          <button type="submit" disabled={busy || !form.username || !form.displayName || !form.password}>
            {t('users.add')}
          </button>
        </div>
      </form>
    </section>
  );
}
