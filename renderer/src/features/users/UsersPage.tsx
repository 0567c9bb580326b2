import { useState, type FormEvent } from 'react';
import { ROLES } from '../../../../shared/permissions';
import type { ChannelInput, Role } from '../../../../shared/contract';
import type { ErrorBody } from '../../../../shared/errors';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { useConfirm, usePasswordPrompt } from '../../components/prompts';
import { fieldText, useT } from '../../i18n';
import { errorBody } from '../../query';
import { useFormat } from '../../i18n/format';
import { useAppStore } from '../../stores/app-store';
import { Actions, Badge, Button, Card, Field as LabelledField, Notice, Select, Table, type Column } from '../../ui';
import { useApprovalGate } from '../approvals/use-approval-gate';
import { AccessReview } from './AccessReview';
import { SignInRules } from './SignInRules';
import { StaleAccounts } from './StaleAccounts';
import { useUserChanges, useUsers, type UserChange, type UserRow } from './user-queries';
import styles from './users.module.css';

function RoleOptions() {
  const t = useT();
  return ROLES.map((role) => (
    <option key={role} value={role}>
      {t(`role.${role}`)}
    </option>
  ));
}

/** The server asks for the acting owner's password only where the target is (or becomes) an owner. */
const asksOwnerPassword = (error: ErrorBody | null): boolean => error?.code === 'INVALID_INPUT' && error.fields?.ownerPassword === 'required';

export function UsersPage() {
  const t = useT();
  const fmt = useFormat();
  const { users, error } = useUsers();
  const { busy, send: change } = useUserChanges();
  const [form, setForm] = useState({ username: '', displayName: '', role: 'sales' as Role, password: '' });
  const [formError, setFormError] = useState<ErrorBody | null>(null);
  const [rowError, setRowError] = useState<ErrorBody | null>(null);
  const [sentForApproval, setSentForApproval] = useState(false);
  const me = useAppStore((state) => state.status?.session?.username);
  const [passwordDialog, askPassword] = usePasswordPrompt();
  // A second prompt of its own: the owner step follows the new-password step without reusing its dialog.
  const [ownerDialog, askOwner] = usePasswordPrompt();
  const [confirmDialog, confirm] = useConfirm();
  const no2fa = users.filter((u) => u.status === 'active' && !u.has2fa).length;

  // A new owner or manager, a role change, an owner disabled or an owner's password reset: a second person approves first.
  const [approvalDialog, gate] = useApprovalGate();

  /** Sends a change through the approval gate; sent to the inbox (or waiting out a cooling-off), the page says so. */
  const send = async <C extends UserChange>(channel: C, input: ChannelInput<C>): Promise<ErrorBody | null> => {
    try {
      const outcome = await gate(input, (i) => change(channel, i as ChannelInput<C>));
      setSentForApproval(outcome.status === 'sent' || outcome.status === 'waiting');
      return null;
    } catch (error) {
      return errorBody(error);
    }
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
    // A new owner: the acting owner's password first, so the call that a second person approves
    // carries it and runs as approved. Others are sent as they are (the server checks name and password).
    const ownerStep = () =>
      confirmAsOwner(t('dialog.createOwnerTitle', { user: form.username }), t('dialog.createOwnerBody', { user: form.username }), (ownerPassword) => send('users.create', { ...form, ownerPassword }));
    if (form.role === 'owner') {
      if (!(await ownerStep())) return;
      setFormError(null);
      return setForm({ username: '', displayName: '', role: 'sales', password: '' });
    }
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
    const apply = () => send('users.setStatus', { username: user.username, status });
    if (user.role !== 'owner' && status === 'active') return void act(apply);
    // Disabling signs the person out at once: one click on the wrong row must not do that.
    if (user.role !== 'owner') return void confirm({ title: t('dialog.disableTitle', { user: user.username }), message: t('stale.confirm', { name: user.username }), confirmLabel: t('users.disable'), danger: true, run: apply });
    void confirmAsOwner(t(status === 'active' ? 'dialog.ownerEnableTitle' : 'dialog.ownerDisableTitle', { user: user.username }), t('dialog.ownerBody', { user: user.username }), (ownerPassword) =>
      send('users.setStatus', { username: user.username, status, ownerPassword }),
    );
  };
  const resetPassword = async (target: UserRow) => {
    reset();
    const user = target.username;
    let chosen = '';
    const first = await askPassword({
      title: t('dialog.resetTitle', { user }),
      message: t('dialog.resetBody', { user }),
      label: t('users.newPassword'),
      kind: 'new',
      confirmLabel: t('dialog.resetConfirm'),
      run: async (newPassword) => {
        // An owner's: the second step sends both passwords together (that call may need approval
        // and must run as approved). Anyone else's: sent now; a weak password is refused here.
        if (target.role === 'owner') {
          chosen = newPassword;
          return null;
        }
        const problem = await send('users.resetPassword', { username: user, newPassword });
        if (!asksOwnerPassword(problem)) return problem;
        chosen = newPassword;
        return null;
      },
    });
    if (!first || !chosen) return;
    await confirmAsOwner(t('dialog.ownerResetTitle', { user }), t('dialog.ownerBody', { user }), (ownerPassword) => send('users.resetPassword', { username: user, newPassword: chosen, ownerPassword }));
  };
  const columns: Column<UserRow>[] = [
    {
      key: 'username',
      header: t('users.username'),
      cell: (user) => (
        <>
          {user.username}
          {user.username === me && (
            <Badge tone="accent" className={styles.self}>
              {t('users.self')}
            </Badge>
          )}
        </>
      ),
    },
    { key: 'displayName', header: t('users.displayName'), cell: (user) => user.displayName },
    {
      key: 'role',
      header: t('users.role'),
      cell: (user) => (
        <Select aria-label={t('users.changeRole')} value={user.role} disabled={busy || user.username === me} onChange={(e) => changeRole(user.username, e.target.value as Role)}>
          <RoleOptions />
        </Select>
      ),
    },
    { key: 'status', header: t('users.status'), cell: (user) => t(`users.status.${user.status}`) },
    { key: 'twoFactor', header: t('users.twoFactor'), cell: (user) => (user.has2fa ? t('users.yes') : t('users.no')) },
    { key: 'lastLogin', header: t('users.lastLogin'), cell: (user) => (user.lastLoginAt ? fmt.dateTime(user.lastLoginAt) : t('users.never')) },
    {
      key: 'actions',
      header: <span className={styles.visuallyHidden}>{t('users.actions')}</span>,
      wrap: true,
      cell: (user) => {
        const self = user.username === me;
        return (
          <span className={styles.rowActions}>
            {/* Disabling yourself would lock the door behind you: not offered, and the row says why. */}
            {self ? (
              <small className={styles.hint}>{t('users.selfDisable')}</small>
            ) : (
              <Button variant="ghost" size="sm" disabled={busy} onClick={() => toggleStatus(user)}>
                {user.status === 'active' ? t('users.disable') : t('users.enable')}
              </Button>
            )}
            {/* One's own password needs the current one: that is "Change my password" on Home. */}
            {self ? (
              <small className={styles.hint}>{t('users.selfReset')}</small>
            ) : (
              <Button variant="ghost" size="sm" disabled={busy} onClick={() => void resetPassword(user)}>
                {t('users.resetPassword')}
              </Button>
            )}
          </span>
        );
      },
    },
  ];

  return (
    <section aria-labelledby="users-title" data-testid="users-page">
      <h2 id="users-title">{t('users.title')}</h2>
      <p className={styles.hint}>{t('users.no2fa', { count: no2fa })}</p>
      <ErrorNotice error={error ?? rowError} />
      {sentForApproval && (
        <Notice tone="success" data-testid="sent-for-approval">
          {t('appr.dialog.sent')}
        </Notice>
      )}
      {passwordDialog}
      {ownerDialog}
      {confirmDialog}
      {approvalDialog}
      <Table columns={columns} rows={users} rowKey={(user) => user.username} label={t('users.title')} testId="users-table" rowAttributes={(user) => ({ 'data-testid': `user-${user.username}` })} />
      <StaleAccounts />
      <AccessReview />
      <SignInRules />
      <Card title={t('users.add')} level={3} className={styles.card}>
        <form onSubmit={(e) => void add(e)} data-testid="add-user">
          <Field label={t('users.username')} value={form.username} maxLength={64} onChange={(e) => setForm({ ...form, username: e.target.value })} problem={formError?.fields?.username ? fieldText(t, formError.fields.username) : undefined} />
          <Field label={t('users.displayName')} value={form.displayName} maxLength={100} onChange={(e) => setForm({ ...form, displayName: e.target.value })} />
          <LabelledField label={t('users.role')}>
            {(control) => (
              <Select {...control} value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>
                <RoleOptions />
              </Select>
            )}
          </LabelledField>
          <Field label={t('users.password')} type="password" autoComplete="new-password" value={form.password} maxLength={256} onChange={(e) => setForm({ ...form, password: e.target.value })} problem={formError?.fields?.password ? fieldText(t, formError.fields.password) : undefined} />
          <ErrorNotice error={formError && !formError.fields ? formError : null} />
          <Actions>
            <Button type="submit" disabled={busy || !form.username || !form.displayName || !form.password}>
              {t('users.add')}
            </Button>
          </Actions>
        </form>
      </Card>
    </section>
  );
}
