import { useEffect, useState, type FormEvent } from 'react';
import { ROLES } from '../../../../shared/permissions';
import type { ChannelInput, Role } from '../../../../shared/contract';
import type { ErrorBody } from '../../../../shared/errors';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { call } from '../../client';
import { useConfirm, usePasswordPrompt } from '../../components/prompts';
import { fieldText, useT } from '../../i18n';
import { useFormat } from '../../i18n/format';
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

type UserRow = ReturnType<typeof useAdminStore.getState>['users'][number];

/** The server asks for the acting owner's password only where the target is (or becomes) an owner. */
const asksOwnerPassword = (error: ErrorBody | null): boolean => error?.code === 'INVALID_INPUT' && error.fields?.ownerPassword === 'required';

export function UsersPage() {
  const t = useT();
  const fmt = useFormat();
  const { users, loadUsers, changeUser, busy, error } = useAdminStore();
  const [form, setForm] = useState({ username: '', displayName: '', role: 'sales' as Role, password: '' });
  const [formError, setFormError] = useState<ErrorBody | null>(null);
  const [rowError, setRowError] = useState<ErrorBody | null>(null);
  const [sentForApproval, setSentForApproval] = useState(false);
  const me = useAppStore((state) => state.status?.session?.username);
  const [passwordDialog, askPassword] = usePasswordPrompt();
  // A second prompt of its own: the owner step follows the new-password step without reusing its dialog.
  const [ownerDialog, askOwner] = usePasswordPrompt();
  const [confirmDialog, confirm] = useConfirm();
  useEffect(() => {
    void loadUsers();
  }, [loadUsers]);

  const no2fa = users.filter((u) => u.status === 'active' && !u.has2fa).length;

  /** Sends a change; a `pending` answer means the other owner must approve, which the page says. */
  const send = async <C extends 'users.create' | 'users.setRole' | 'users.setStatus' | 'users.resetPassword'>(channel: C, input: ChannelInput<C>): Promise<ErrorBody | null> => {
    const result = await call(channel, input as never);
    if (!result.ok) return result.error;
    setSentForApproval((result.value as { pending: boolean }).pending);
    await loadUsers();
    return null;
  };
  /** "Your own password, again" for a change to an owner account; `run` sends it. */
  const confirmAsOwner = (title: string, message: string, run: (ownerPassword: string) => Promise<ErrorBody | null>) =>
    askOwner({ title, message, label: t('dialog.yourPassword'), kind: 'current', confirmLabel: t('dialog.ownerConfirm'), danger: true, run });

  const reset = () => {
    setRowError(null);
    setSentForApproval(false);
  };
  const add = async (event: FormEvent) => {
    event.preventDefault();
    reset();
    // Sent first without the owner password: the server checks the name and password before asking for it.
    let problem = await send('users.create', form);
    if (asksOwnerPassword(problem)) {
      const done = await confirmAsOwner(t('dialog.createOwnerTitle', { user: form.username }), t('dialog.createOwnerBody', { user: form.username }), (ownerPassword) =>
        send('users.create', { ...form, ownerPassword }),
      );
      if (!done) return;
      problem = null;
    }
    setFormError(problem);
    if (!problem) setForm({ username: '', displayName: '', role: 'sales', password: '' });
  };
  const act = async (run: () => Promise<ErrorBody | null>) => setRowError(await run());
  // Each change is confirmed in the app's own dialog; a wrong password or a refusal shows there.
  const changeRole = (user: string, role: Role) => {
    reset();
    void askPassword({
      title: t('dialog.roleTitle', { user, role: t(`role.${role}`) }),
      message: t('dialog.roleBody', { user }),
      label: t('dialog.yourPassword'),
      kind: 'current',
      confirmLabel: t('dialog.roleConfirm'),
      run: (ownerPassword) => send('users.setRole', { username: user, role, ownerPassword }),
    });
  };
  const toggleStatus = (user: UserRow) => {
    reset();
    const status = user.status === 'active' ? 'disabled' : 'active';
    const apply = () => changeUser('users.setStatus', { username: user.username, status });
    if (user.role !== 'owner' && status === 'active') return void act(apply);
    // Disabling signs the person out at once: one click on the wrong row must not do that.
    if (user.role !== 'owner') return void confirm({ title: t('dialog.disableTitle', { user: user.username }), message: t('stale.confirm', { name: user.username }), confirmLabel: t('users.disable'), danger: true, run: apply });
    void confirmAsOwner(t(status === 'active' ? 'dialog.ownerEnableTitle' : 'dialog.ownerDisableTitle', { user: user.username }), t('dialog.ownerBody', { user: user.username }), (ownerPassword) =>
      send('users.setStatus', { username: user.username, status, ownerPassword }),
    );
  };
  const resetPassword = async (user: string) => {
    reset();
    let chosen = '';
    const first = await askPassword({
      title: t('dialog.resetTitle', { user }),
      message: t('dialog.resetBody', { user }),
      label: t('users.newPassword'),
      kind: 'new',
      confirmLabel: t('dialog.resetConfirm'),
      run: async (newPassword) => {
        // A weak password is refused here, in this dialog; an owner's needs the second step.
        const problem = await send('users.resetPassword', { username: user, newPassword });
        if (!asksOwnerPassword(problem)) return problem;
        chosen = newPassword;
        return null;
      },
    });
    if (!first || !chosen) return;
    await confirmAsOwner(t('dialog.ownerResetTitle', { user }), t('dialog.ownerBody', { user }), (ownerPassword) => send('users.resetPassword', { username: user, newPassword: chosen, ownerPassword }));
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
      {ownerDialog}
      {confirmDialog}
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
                <td>{user.lastLoginAt ? fmt.dateTime(user.lastLoginAt) : t('users.never')}</td>
                <td className="row-actions">
                  {/* Disabling yourself would lock the door behind you: not offered, and the row says why. */}
                  {self ? (
                    <small className="hint">{t('users.selfDisable')}</small>
                  ) : (
                    <button type="button" className="link" disabled={busy} onClick={() => toggleStatus(user)}>
                      {user.status === 'active' ? t('users.disable') : t('users.enable')}
                    </button>
                  )}
                  {/* One's own password needs the current one: that is "Change my password" on Home. */}
                  {self ? (
                    <small className="hint">{t('users.selfReset')}</small>
                  ) : (
                    <button type="button" className="link" disabled={busy} onClick={() => void resetPassword(user.username)}>
                      {t('users.resetPassword')}
                    </button>
                  )}
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
