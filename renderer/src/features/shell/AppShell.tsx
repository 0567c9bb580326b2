import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import type { AppStatus, SessionUser } from '../../../../shared/contract';
import { isMenuCommand, MENU_EVENT } from '../../../../shared/menu-commands';
import { can } from '../../../../shared/permissions';
import { useT, type MessageKey } from '../../i18n';
import { useAppStore } from '../../stores/app-store';
import { useAuthStore } from '../../stores/auth-store';
import { useCustomerDetailStore } from '../../stores/customer-detail-store';
import { useBackupStore } from '../../stores/backup-store';
import { useCustomersStore } from '../../stores/customers-store';
import { forgetSessionData } from '../../stores/session-data';
import { CONTENT_SCROLL, useNavStore, type Page } from '../../stores/nav-store';
import { AccountPage } from '../account/AccountPage';
import { AlertsNavBadge } from '../alerts/AlertsNavBadge';
import { AlertsPage } from '../alerts/AlertsPage';
import { StepUpDialog } from '../alerts/StepUpDialog';
import { AuditPage } from '../audit/AuditPage';
import { CustomersPage } from '../customers/CustomersPage';
import { CustomerRecord } from '../customers/CustomerRecord';
import { AppShortcuts } from '../customers/Shortcuts';
import { DataQuality } from '../quality/DataQuality';
import { BackupsPage } from '../backups/BackupsPage';
import { RemindersPage } from '../reminders/RemindersPage';
import { SettingsPage } from '../settings/SettingsPage';
import { useShopProfileSync } from '../settings/useShopProfileSync';
import { HomeScreen } from '../home/HomeScreen';
import { UsersPage } from '../users/UsersPage';
import { ApprovalsPage } from '../approvals/ApprovalsPage';
import { ErasurePage } from '../privacy/ErasurePage';
import { PrivacyLogPage } from '../privacy/PrivacyLogPage';
import { ApprovalsNavBadge } from '../approvals/ApprovalsNavBadge';
import { PrivacyPage } from '../privacy/PrivacyPage';
import { isPrivacyPage, PrivacyArea } from '../privacy/PrivacyArea';
import { RequestsPage } from '../privacy/requests/RequestsPage';
import { RetentionPage } from '../retention/RetentionPage';
import { BreachPage } from '../privacy/breach/BreachPage';
import styles from './AppShell.module.css';
import { useHistoryInput } from './use-history-input';
import { useRememberedScroll } from './use-remembered-scroll';

const NAV: { page: Page; label: MessageKey; permission: string | null }[] = [
  { page: 'home', label: 'nav.home', permission: null },
  { page: 'customers', label: 'nav.customers', permission: 'customers.read' },
  { page: 'quality', label: 'nav.quality', permission: 'customers.read' },
  { page: 'reminders', label: 'nav.reminders', permission: 'reminders.read' },
  { page: 'audit', label: 'nav.audit', permission: 'audit.read' },
  { page: 'alerts', label: 'nav.alerts', permission: 'alerts.read' },
  { page: 'backups', label: 'nav.backups', permission: 'backup.run' },
  { page: 'users', label: 'nav.users', permission: 'users.manage' },
  // Owner and manager: they ask for, decide and run four-eyes approvals (the other roles' gated
  // calls are refused by their grants before any approval could help).
  { page: 'approvals', label: 'nav.approvals', permission: 'approvals.decide' },
  // Issue 16's privacy area (disclosures, requests, erasure, the privacy log as tabs): owner,
  // manager, auditor; each tab has its own permission below.
  { page: 'privacy', label: 'nav.privacy', permission: 'audit.read' },
  { page: 'settings', label: 'nav.settings', permission: 'settings.manage' },
];

/** Pages reached other than from the menu: one's own account (everyone), a customer's record. */
const OFF_MENU: { page: Page; permission: string | null }[] = [
  { page: 'account', permission: null },
  { page: 'customer', permission: 'customers.read' },
  // Tabs of the privacy area: the request register (owner, manager; the auditor reads), erasure
  // (owner; a manager asks for approval), the privacy log (owner, auditor).
  { page: 'requests', permission: 'privacyRequests.read' },
  { page: 'erasure', permission: 'customers.erase' },
  { page: 'privacyLog', permission: 'privacy.log' },
  // Issue 17's retention tab: owner and manager.
  { page: 'retention', permission: 'retention.read' },
  // The breach register (issue 17): the owner keeps it, a manager reads it.
  { page: 'breach', permission: 'breach.read' },
];

function mayOpen(role: string, page: Page): boolean {
  const item = [...NAV, ...OFF_MENU].find((entry) => entry.page === page);
  return item !== undefined && (item.permission === null || can(role, item.permission));
}

/** Search from anywhere: opens Customers with the query (Ctrl/Cmd+K focuses it). */
function GlobalSearch() {
  const t = useT();
  const go = useNavStore((state) => state.go);
  const setQuery = useCustomersStore((state) => state.setQuery);
  const [text, setText] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    go('customers');
    void setQuery(text);
    setText('');
  };
  return (
    <form role="search" className={styles.search} onSubmit={submit}>
      <input id="global-search" type="search" aria-label={t('shell.globalSearch')} placeholder={t('shell.globalSearchHint')} value={text} maxLength={100} onChange={(e) => setText(e.target.value)} />
    </form>
  );
}

/** The signed-in app: a fixed menu with what this role may open, and the page in its own scroll area. */
export function AppShell({ user, status }: { user: SessionUser; status: AppStatus }) {
  const t = useT();
  const page = useNavStore((state) => state.route.page);
  const route = useNavStore((state) => state.route);
  const go = useNavStore((state) => state.go);
  const lock = useAuthStore((state) => state.lock);
  const visible = NAV.filter((item) => item.permission === null || can(user.role, item.permission));
  // The record page has no menu item of its own: it belongs to Customers (highlighted below).
  const current: Page = mayOpen(user.role, page) && (page !== 'customer' || route.customerId !== undefined) ? page : 'home';
  const content = useRef<HTMLDivElement>(null);
  useRememberedScroll(content, CONTENT_SCROLL);
  useHistoryInput();
  useShopProfileSync(true);
  const startNew = useCustomerDetailStore((state) => state.startNew);
  const newCustomer = useCallback(() => {
    go('customers');
    void startNew();
  }, [go, startNew]);

  // Customer data and revealed values must not outlive the session that loaded them: a lock or
  // sign-out unmounts the shell, and the next person starts from empty stores.
  useEffect(() => forgetSessionData, []);
  // The sign-in screen's notice (after a restore) has been read once someone is in.
  useEffect(() => useAppStore.getState().setNotice(null), []);

  // The app menu's Backups > Restore from Backup… (shared/menu-commands.ts).
  const openRestore = useBackupStore((state) => state.openRestore);
  useEffect(() => {
    const onMenu = (event: Event) => {
      const command = (event as CustomEvent<unknown>).detail;
      if (!isMenuCommand(command)) return;
      // A click on the desktop notification of a new alert (electron/main/alert-notice.ts).
      if (command === 'alerts.open' && can(user.role, 'alerts.read')) go('alerts');
      if (command !== 'backups.restore' || !can(user.role, 'backup.run')) return;
      go('backups');
      openRestore(null);
    };
    window.addEventListener(MENU_EVENT, onMenu);
    return () => window.removeEventListener(MENU_EVENT, onMenu);
  }, [go, openRestore, user.role]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'l') {
        event.preventDefault();
        void lock();
      }
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        document.getElementById('global-search')?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [lock]);

  const within = (target: Page) => target === current || (current === 'customer' && target === 'customers') || (target === 'privacy' && isPrivacyPage(current));
  const itemClass = (target: Page) => (within(target) ? `${styles.item} ${styles.active}` : styles.item);
  return (
    <div className={styles.layout}>
      <AppShortcuts onNew={can(user.role, 'customers.write') ? newCustomer : null} />
      <nav className={styles.sidebar} aria-label={t('nav.menu')} data-testid="main-menu">
        {can(user.role, 'customers.read') && <GlobalSearch />}
        <ul className={styles.items}>
          {visible.map((item) => (
            <li key={item.page}>
              <button type="button" className={itemClass(item.page)} data-testid={`nav-${item.page}`} aria-current={item.page === current ? 'page' : undefined} onClick={() => go(item.page)}>
                {t(item.label)}
                {item.page === 'approvals' && <ApprovalsNavBadge />}
                {item.page === 'alerts' && <AlertsNavBadge />}
              </button>
            </li>
          ))}
        </ul>
        <div className={styles.foot}>
          <button type="button" className={`${itemClass('account')} ${styles.user}`} data-testid="signed-in-as" title={t('shell.accountHint')} aria-current={current === 'account' ? 'page' : undefined} onClick={() => go('account')}>
            <span className={styles.userName}>{user.displayName}</span>
            <span className={styles.userRole}>{t(`role.${user.role}`)}</span>
          </button>
          <button type="button" className={styles.lock} title={t('shell.lockHint')} onClick={() => void lock()}>
            {t('shell.lock')}
          </button>
        </div>
      </nav>
      <div className={styles.content} ref={content} data-testid="content-scroll">
        {current === 'home' && <HomeScreen user={user} status={status} />}
        {current === 'account' && <AccountPage user={user} status={status} />}
        {current === 'customers' && <CustomersPage />}
        {current === 'customer' && route.customerId !== undefined && <CustomerRecord key={route.customerId} id={route.customerId} />}
        {current === 'quality' && <DataQuality />}
        {current === 'reminders' && <RemindersPage />}
        {current === 'backups' && <BackupsPage />}
        {current === 'settings' && <SettingsPage />}
        {current === 'users' && <UsersPage />}
        {current === 'audit' && <AuditPage />}
        {current === 'approvals' && <ApprovalsPage />}
        {current === 'alerts' && <AlertsPage />}
        {isPrivacyPage(current) && (
          <PrivacyArea current={current} mayOpen={(p) => mayOpen(user.role, p)} go={go}>
            {current === 'privacy' && <PrivacyPage />}
            {current === 'requests' && <RequestsPage />}
            {current === 'erasure' && <ErasurePage />}
            {current === 'privacyLog' && <PrivacyLogPage />}
            {current === 'retention' && <RetentionPage />}
            {current === 'breach' && <BreachPage />}
          </PrivacyArea>
        )}
      </div>
      <StepUpDialog />
    </div>
  );
}
