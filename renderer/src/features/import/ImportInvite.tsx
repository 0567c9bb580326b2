import { useT } from '../../i18n';
import { useImportStore } from '../../stores/import-store';
import { useNavStore } from '../../stores/nav-store';
import { Button, Card } from '../../ui';
import styles from './import.module.css';

/**
 * An empty book's first screen: the one thing a new shop needs is its existing list brought in.
 * Shown only to roles that may import, and only while nobody has a customer in scope yet.
 */
export function ImportInvite() {
  const t = useT();
  const go = useNavStore((state) => state.go);
  const openWizard = useImportStore((state) => state.openWizard);
  const start = () => {
    openWizard();
    go('customers');
  };
  return (
    <Card title={t('import.invite.title')} level={3} className={styles.invite} data-testid="import-invite">
      <p>{t('import.invite.body')}</p>
      <Button onClick={start} data-testid="import-invite-start">
        {t('import.invite.action')}
      </Button>
    </Card>
  );
}
