import type { AppStatus, SessionUser } from '../../../../shared/contract';
import { can } from '../../../../shared/permissions';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n';
import { useAuthStore } from '../../stores/auth-store';
import { Actions, Button, Card } from '../../ui';
import layout from '../../ui/layout.module.css';
import { ChangePassword } from '../home/ChangePassword';
import { RotateKey } from '../home/RotateKey';
import { TwoFactor } from '../home/TwoFactor';
import { About } from '../settings/About';
import styles from './AccountPage.module.css';

/**
 * One's own account, reached from the name at the foot of the menu: two-step sign-in, password,
 * the database key (owner), sign out and lock. Home keeps only the work of the day.
 */
export function AccountPage({ user, status }: { user: SessionUser; status: AppStatus }) {
  const t = useT();
  const { logout, lock, busy, error } = useAuthStore();
  return (
    <Card width="wide" title={t('account.title')} data-testid="account-page">
      <p className={styles.who}>{t('account.who', { name: user.displayName, role: t(`role.${user.role}`), username: user.username })}</p>
      <ErrorNotice error={error} />
      {status.twoFactor && <TwoFactor state={status.twoFactor} />}
      <ChangePassword username={user.username} />
      {user.role === 'owner' && <RotateKey />}
      <div className={layout.subsection} data-testid="account-session">
        <h3>{t('account.session.title')}</h3>
        <p className={layout.hint}>{t('account.session.body')}</p>
        <Actions>
          <Button data-testid="sign-out" disabled={busy} onClick={() => void logout()}>
            {t('home.logout')}
          </Button>
          <Button variant="secondary" title={t('shell.lockHint')} disabled={busy} onClick={() => void lock()}>
            {t('shell.lock')}
          </Button>
        </Actions>
      </div>
      {/* Settings holds About; these roles cannot open Settings, so it is here for them. */}
      {!can(user.role, 'settings.manage') && <About />}
    </Card>
  );
}
