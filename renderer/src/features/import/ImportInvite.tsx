import { useT } from '../../i18n';
import { useImportStore } from '../../stores/import-store';
import { useNavStore } from '../../stores/nav-store';

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
    <section className="card import-invite" aria-labelledby="import-invite-title" data-testid="import-invite">
      <h3 id="import-invite-title">{t('import.invite.title')}</h3>
      <p>{t('import.invite.body')}</p>
      <button type="button" onClick={start} data-testid="import-invite-start">
        {t('import.invite.action')}
      </button>
    </section>
  );
}
