import { useEffect } from 'react';
import type { AppStatus, SessionUser } from '../../../../shared/contract';
import { can } from '../../../../shared/permissions';
import { useT, type MessageKey } from '../../i18n';
import { useAuthStore } from '../../stores/auth-store';
import { useNavStore, type Page } from '../../stores/nav-store';
import { AuditPage } from '../audit/AuditPage';
import { CustomersPage } from '../customers/CustomersPage';
import { HomeScreen } from '../home/HomeScreen';
import { UsersPage } from '../users/UsersPage';

const NAV: { page: Page; label: MessageKey; permission: string | null }[] = [
  { page: 'home', label: 'nav.home', permission: null },
  { page: 'customers', label: 'nav.customers', permission: 'customers.read' },
  { page: 'users', label: 'nav.users', permission: 'users.manage' },
  { page: 'audit', label: 'nav.audit', permission: 'audit.read' },
];

/** The signed-in app: a sidebar with what this role may open, and the page. */
export function AppShell({ user, status }: { user: SessionUser; status: AppStatus }) {
  const t = useT();
  const { page, go } = useNavStore();
  const lock = useAuthStore((state) => state.lock);
  const visible = NAV.filter((item) => item.permission === null || can(user.role, item.permission));
  const current = visible.some((item) => item.page === page) ? page : 'home';

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'l') {
        event.preventDefault();
        void lock();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [lock]);

  return (
    <div className="app-layout">
      <nav className="sidebar" aria-label="Coffer">
        <ul>
          {visible.map((item) => (
            <li key={item.page}>
              <button type="button" className={item.page === current ? 'nav-item active' : 'nav-item'} aria-current={item.page === current ? 'page' : undefined} onClick={() => go(item.page)}>
                {t(item.label)}
              </button>
            </li>
          ))}
        </ul>
        <div className="sidebar-foot">
          <p className="hint" data-testid="signed-in-as">
            {t('shell.signedInAs', { name: user.displayName })} · {t(`role.${user.role}`)}
          </p>
          <button type="button" className="secondary" title={t('shell.lockHint')} onClick={() => void lock()}>
            {t('shell.lock')}
          </button>
        </div>
      </nav>
      <div className="page">
        {current === 'home' && <HomeScreen user={user} status={status} />}
        {current === 'customers' && <CustomersPage />}
        {current === 'users' && <UsersPage />}
        {current === 'audit' && <AuditPage />}
      </div>
    </div>
  );
}
