import type { AppStatus, SessionUser } from '../../../../shared/contract';
import { can } from '../../../../shared/permissions';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n';
import { useAuthStore } from '../../stores/auth-store';
import { Button, Notice } from '../../ui';
import { Dashboard } from '../dashboard/Dashboard';
import { useDashboard } from '../dashboard/use-dashboard';
import { ImportInvite } from '../import/ImportInvite';

/** The work of the day. One's own account (password, two-step sign-in, sign out) is on the Account page. */
export function HomeScreen({ user, status }: { user: SessionUser; status: AppStatus }) {
  const t = useT();
  const { chooseBackupFolder, busy, error } = useAuthStore();
  // An empty book (in this user's scope): the first thing offered is bringing the list in.
  const emptyBook = useDashboard(can(user.role, 'customers.read')).data?.total === 0;
  return (
    <>
      {status.backupFolderChosen === false && (
        <Notice tone="warning" role="status" data-testid="backup-reminder">
          <p>{t('home.backupReminder')}</p>
          <Button variant="secondary" disabled={busy} onClick={() => void chooseBackupFolder()}>
            {t('home.chooseBackup')}
          </Button>
          <ErrorNotice error={error} />
        </Notice>
      )}
      {status.accessReviewDue === true && (
        <Notice tone="warning" role="status" data-testid="access-review-reminder">
          <p>{t('review.dueHome')}</p>
        </Notice>
      )}
      <section data-testid="home" aria-labelledby="home-title">
        <h2 id="home-title">{t('home.welcome', { name: user.displayName })}</h2>
      </section>
      {emptyBook && can(user.role, 'customers.import') && <ImportInvite />}
      {can(user.role, 'customers.read') && <Dashboard />}
    </>
  );
}
