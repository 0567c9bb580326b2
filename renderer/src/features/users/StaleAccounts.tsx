import { useEffect, useState, type FormEvent } from 'react';
import type { ErrorBody } from '../../../../shared/errors';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useConfirm, usePasswordPrompt } from '../../components/prompts';
import { useT } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { errorBody, useChannelMutation } from '../../query';
import { useStaleAccounts } from '../../stores/ownership-store';
import { Button, Card, EmptyState, Field, Input, Notice, Table, type Column } from '../../ui';
import { useApprovalGate } from '../approvals/use-approval-gate';
import styles from './users.module.css';

/**
 * Accounts nobody has used for N days (the owner's N): each is a password that still opens the
 * vault. Disabling goes through users.setStatus, the Users page's own channel and rules.
 */
export function StaleAccounts() {
  const t = useT();
  const fmt = useFormat();
  const { stale, error, setStaleDays } = useStaleAccounts();
  // Disabling an owner needs a second person's approval (issue 15): through the approval gate.
  const setStatus = useChannelMutation('users.setStatus', ['users.', 'customers.assignableOwners', 'approvals.']);
  const [approvalDialog, gate] = useApprovalGate();
  const [days, setDays] = useState('');
  const [confirmDialog, confirm] = useConfirm();
  const [passwordDialog, askPassword] = usePasswordPrompt();
  const [problem, setProblem] = useState<ErrorBody | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    if (stale) setDays(String(stale.days));
  }, [stale]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const value = Number(days);
    const result = await setStaleDays(value);
    setProblem(result);
    setNotice(result ? null : t('stale.saved', { days: value }));
  };
  type StaleUser = NonNullable<typeof stale>['users'][number];
  /**
   * Confirmed in the app's dialog, whose refusals stay in it. An owner: the acting owner's
   * password, and the approval dialog when a second person must approve first.
   */
  const askDisable = (user: StaleUser) => {
    setProblem(null);
    setNotice(null);
    const name = user.username;
    const request = {
      title: t('stale.dialogTitle', { name }),
      message: user.customersOwned > 0 ? t('stale.confirmOwns', { name, count: user.customersOwned }) : t('stale.confirm', { name }),
      confirmLabel: t('stale.yes'),
      danger: true,
    };
    const run = async (ownerPassword?: string): Promise<ErrorBody | null> => {
      try {
        const outcome = await gate({ username: name, status: 'disabled' as const, ...(ownerPassword === undefined ? {} : { ownerPassword }) }, (input) => setStatus.mutateAsync(input));
        if (outcome.status === 'cancelled') return null;
        setNotice(outcome.status === 'done' ? t('stale.disabled', { name }) : t('appr.dialog.sent'));
        return null;
      } catch (refused) {
        return errorBody(refused);
      }
    };
    if (user.role === 'owner') void askPassword({ ...request, message: `${request.message} ${t('dialog.ownerBody', { user: name })}`, label: t('dialog.yourPassword'), kind: 'current', run });
    else void confirm({ ...request, run: () => run() });
  };

  if (!stale) return <ErrorNotice error={error} />;
  // Every cell a td: the username is not a row header here, so the columns read the same in the table as in the report.
  const columns: Column<StaleUser>[] = [
    { key: 'username', header: t('users.username'), cell: (user) => user.username },
    { key: 'displayName', header: t('users.displayName'), cell: (user) => user.displayName },
    { key: 'role', header: t('users.role'), cell: (user) => t(`role.${user.role}`) },
    { key: 'lastLogin', header: t('users.lastLogin'), cell: (user) => (user.lastLoginAt ? fmt.dateTime(user.lastLoginAt) : t('users.never')) },
    { key: 'owned', header: t('stale.owned'), cell: (user) => user.customersOwned },
    {
      key: 'disable',
      header: <span className={styles.visuallyHidden}>{t('stale.disable')}</span>,
      cell: (user) => (
        <Button variant="ghost" size="sm" onClick={() => askDisable(user)}>
          {t('stale.disable')}
        </Button>
      ),
    },
  ];
  return (
    <Card title={t('stale.title')} level={3} width="wide" className={styles.card} data-testid="stale-accounts">
      <p className={styles.hint}>{t('stale.intro', { days: stale.days })}</p>
      <form className={styles.inline} onSubmit={(e) => void save(e)}>
        <Field label={t('stale.days')} className={styles.inlineField}>
          {(control) => <Input {...control} className={styles.number} type="number" min={1} max={3650} step={1} required value={days} onChange={(e) => setDays(e.target.value)} />}
        </Field>
        <Button type="submit" variant="secondary" disabled={!/^\d{1,4}$/.test(days) || Number(days) === stale.days}>
          {t('stale.save')}
        </Button>
      </form>
      <ErrorNotice error={problem ?? error} />
      {confirmDialog}
      {passwordDialog}
      {approvalDialog}
      {notice && (
        <Notice tone="success">
          {notice}
        </Notice>
      )}
      <Table
        columns={columns}
        rows={stale.users}
        rowKey={(user) => user.username}
        label={t('stale.title')}
        testId="stale-table"
        rowAttributes={(user) => ({ 'data-testid': `stale-${user.username}` })}
        empty={<EmptyState title={t('stale.none', { days: stale.days })} />}
      />
    </Card>
  );
}
