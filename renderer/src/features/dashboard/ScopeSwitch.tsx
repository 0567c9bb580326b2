import { useT } from '../../i18n';
import { useAppStore } from '../../stores/app-store';
import { useCrmStore, type WorkScope } from '../../stores/crm-store';
import { seesEveryone } from './use-dashboard';
import styles from './Dashboard.module.css';

/**
 * Mine / Everyone, shared by the dashboard and the Reminders page (one setting, so their counts
 * agree). Only for roles that see everyone's work; a salesperson sees their own and no switch.
 */
export function ScopeSwitch() {
  const t = useT();
  const role = useAppStore((state) => state.status?.session?.role ?? 'auditor');
  const { scope, setScope } = useCrmStore();
  if (!seesEveryone(role)) return null;
  return (
    <div className={styles.scope} role="radiogroup" aria-label={t('activity.scope.label')} data-testid="scope-switch">
      {(['mine', 'everyone'] as WorkScope[]).map((value) => (
        <button key={value} type="button" role="radio" aria-checked={scope === value} className={scope === value ? styles.scopeOn : styles.scopeOff} onClick={() => setScope(value)}>
          {t(`activity.scope.${value}`)}
        </button>
      ))}
    </div>
  );
}
