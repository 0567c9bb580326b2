import { useState } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { errorBody, useChannelMutation, useChannelQuery } from '../../query';
import { useAppStore } from '../../stores/app-store';
import { useAuthStore } from '../../stores/auth-store';
import { Actions, Button, Card } from '../../ui';
import styles from './data-rules.module.css';
import { PrivacyContact } from '../privacy/PrivacyContact';

/**
 * Shown after sign-in while the shop has data rules this user has not accepted (app.status
 * mustAcceptDataRules): main refuses every customer channel until then, so this screen comes
 * before the app, not as a banner over it.
 */
export function DataRulesScreen() {
  const t = useT();
  const fmt = useFormat();
  const rules = useChannelQuery('dataRules.current', {});
  const accept = useChannelMutation('dataRules.accept', ['dataRules.']);
  const refresh = useAppStore((state) => state.refresh);
  const logout = useAuthStore((state) => state.logout);
  const [agreed, setAgreed] = useState(false);
  const current = rules.data;

  const submit = async () => {
    if (!current?.version) return;
    try {
      await accept.mutateAsync({ version: current.version });
    } catch {
      // A newer version arrived meanwhile (CONFLICT): read it again; the error says why.
      setAgreed(false);
      await rules.refetch();
      return;
    }
    await refresh();
  };

  return (
    <Card title={t('dataRules.acceptTitle')} width="wide" data-testid="data-rules-screen">
      <p className={styles.hint}>{t('dataRules.acceptIntro')}</p>
      <ErrorNotice error={errorBody(rules.error) ?? errorBody(accept.error)} />
      {current && current.version !== null && (
        <>
          <p className={styles.hint} data-testid="data-rules-version">
            {t('dataRules.version', { version: current.version, date: fmt.dateTime(current.createdAt) })}
          </p>
          <div className={styles.text} data-testid="data-rules-text" tabIndex={0}>
            {current.text}
          </div>
          <PrivacyContact />
          <label className={styles.checkbox}>
            <input type="checkbox" checked={agreed} onChange={(e) => setAgreed(e.target.checked)} data-testid="data-rules-agree" />
            <span>{t('dataRules.agree')}</span>
          </label>
        </>
      )}
      <Actions>
        <Button disabled={!agreed || accept.isPending || !current?.version} onClick={() => void submit()} data-testid="data-rules-accept">
          {t('dataRules.accept')}
        </Button>
        <Button variant="secondary" onClick={() => void logout()}>
          {t('dataRules.signOut')}
        </Button>
      </Actions>
    </Card>
  );
}
