import type { AppStatus, SessionUser } from '../../../../shared/contract';
import { can } from '../../../../shared/permissions';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n';
import { useAuthStore } from '../../stores/auth-store';
import { Dashboard } from '../dashboard/Dashboard';
import { useDashboard } from '../dashboard/use-dashboard';
import { ImportInvite } from '../import/ImportInvite';
import { ChangePassword } from './ChangePassword';
import { RotateKey } from './RotateKey';
import { TwoFactor } from './TwoFactor';

export function HomeScreen({ user, status }: { user: SessionUser; status: AppStatus }) {
  const t = useT();
  const { logout, chooseBackupFolder, busy, error } = useAuthStore();
  // An empty book (in this user's scope): the first thing offered is bringing the list in.
  const emptyBook = useDashboard(can(user.role, 'customers.read')).data?.total === 0;
  return (
    <>
      {emptyBook && can(user.role, 'customers.import') && <ImportInvite />}
      {can(user.role, 'customers.read') && <Dashboard />}
      <section className="card" data-testid="home" aria-labelledby="home-title">
        {status.backupFolderChosen === false && (
          <div className="notice notice-warning" role="status" data-testid="backup-reminder">
            <p>{t('home.backupReminder')}</p>
            <button type="button" className="secondary" disabled={busy} onClick={() => void chooseBackupFolder()}>
              {t('home.chooseBackup')}
            </button>
          </div>
        )}
        <h2 id="home-title">{t('home.welcome', { name: user.displayName })}</h2>
        <p>{t('home.role', { role: t(`role.${user.role}`) })}</p>
        <ErrorNotice error={error} />
        {status.twoFactor && <TwoFactor state={status.twoFactor} />}
        {user.role === 'owner' && <RotateKey />}
        <ChangePassword username={user.username} />
        <div className="actions">
          <button type="button" className="secondary" onClick={() => void logout()}>
            {t('home.logout')}
          </button>
        </div>
      </section>
    </>
  );
}
