import { useEffect, useId, useState, type FormEvent } from 'react';
import type { ErrorBody } from '../../../../shared/errors';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useConfirm, usePasswordPrompt } from '../../components/prompts';
import { useT } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { useOwnershipStore } from '../../stores/ownership-store';

/**
 * Accounts nobody has used for N days (the owner's N): each is a password that still opens the
 * vault. Disabling goes through users.setStatus, the Users page's own channel and rules.
 */
export function StaleAccounts() {
  const t = useT();
  const fmt = useFormat();
  const daysId = useId();
  const { stale, error, loadStale, setStaleDays, disable } = useOwnershipStore();
  const [days, setDays] = useState('');
  const [confirmDialog, confirm] = useConfirm();
  const [passwordDialog, askPassword] = usePasswordPrompt();
  const [problem, setProblem] = useState<ErrorBody | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    void loadStale();
  }, [loadStale]);
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
   * Confirmed in the app's dialog, whose refusals stay in it. An owner is the two-person rule's
   * case: the acting owner's password, and with another owner a request rather than a change.
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
      const result = await disable(name, ownerPassword);
      if ('error' in result) return result.error;
      setNotice(t(result.pending ? 'stale.pending' : 'stale.disabled', { name }));
      return null;
    };
    if (user.role === 'owner') void askPassword({ ...request, message: `${request.message} ${t('dialog.ownerBody', { user: name })}`, label: t('dialog.yourPassword'), kind: 'current', run });
    else void confirm({ ...request, run: () => run() });
  };

  if (!stale) return <ErrorNotice error={error} />;
  return (
    <section className="card subsection" aria-labelledby="stale-title" data-testid="stale-accounts">
      <h3 id="stale-title">{t('stale.title')}</h3>
      <p className="hint">{t('stale.intro', { days: stale.days })}</p>
      <form className="filters" onSubmit={(e) => void save(e)}>
        <label htmlFor={daysId}>{t('stale.days')}</label>
        <input id={daysId} type="number" min={1} max={3650} step={1} required value={days} onChange={(e) => setDays(e.target.value)} />
        <button type="submit" className="secondary" disabled={!/^\d{1,4}$/.test(days) || Number(days) === stale.days}>
          {t('stale.save')}
        </button>
      </form>
      <ErrorNotice error={problem ?? error} />
      {confirmDialog}
      {passwordDialog}
      {notice && (
        <p role="status" className="notice notice-ok">
          {notice}
        </p>
      )}
      {stale.users.length === 0 ? (
        <p className="empty">{t('stale.none', { days: stale.days })}</p>
      ) : (
        <table className="grid" data-testid="stale-table">
          <thead>
            <tr>
              <th>{t('users.username')}</th>
              <th>{t('users.displayName')}</th>
              <th>{t('users.role')}</th>
              <th>{t('users.lastLogin')}</th>
              <th>{t('stale.owned')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {stale.users.map((user) => (
              <tr key={user.username} data-testid={`stale-${user.username}`}>
                <td>{user.username}</td>
                <td>{user.displayName}</td>
                <td>{t(`role.${user.role}`)}</td>
                <td>{user.lastLoginAt ? fmt.dateTime(user.lastLoginAt) : t('users.never')}</td>
                <td>{user.customersOwned}</td>
                <td className="row-actions">
                  <button type="button" className="link" onClick={() => askDisable(user)}>
                    {t('stale.disable')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
