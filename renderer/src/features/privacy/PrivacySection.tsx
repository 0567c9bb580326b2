import { useEffect, useState, type FormEvent } from 'react';
import { PRIVACY_CONTACT_MAX, PRIVACY_REGIMES, type PrivacyRegime } from '../../../../shared/privacy';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n';
import { errorBody, useChannelMutation, useChannelQuery } from '../../query';
import { Actions, Button, Card, Field, Input, Notice, Select } from '../../ui';
import layout from '../../ui/layout.module.css';
import styles from '../settings/settings.module.css';

/** Settings > Privacy: the law the shop works under and the privacy contact (owner only; audited in main). */
export function PrivacySection() {
  const t = useT();
  const current = useChannelQuery('privacy.settings', {});
  // Other screens show the contact and read the regime (lawful bases on offer): they re-read it.
  const save = useChannelMutation('privacy.setSettings', ['privacy.']);
  const [regime, setRegime] = useState<PrivacyRegime>('pipl');
  const [contactName, setName] = useState('');
  const [contactReach, setReach] = useState('');
  useEffect(() => {
    if (!current.data) return;
    setRegime(current.data.regime);
    setName(current.data.contactName);
    setReach(current.data.contactReach);
  }, [current.data]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ regime, contactName: contactName.trim(), contactReach: contactReach.trim() });
  };
  const edit = <T,>(set: (v: T) => void) => (v: T) => (set(v), save.reset());

  return (
    <Card title={t('privacy.title')} level={3} className={styles.section} data-testid="privacy-settings">
      <p className={layout.hint}>{t('privacy.intro')}</p>
      <form onSubmit={submit}>
        <Field label={t('privacy.regime')} hint={t('privacy.regimeHint')}>
          {(control) => (
            <Select {...control} value={regime} disabled={!current.data} onChange={(e) => edit(setRegime)(e.target.value as PrivacyRegime)} data-testid="privacy-regime">
              {PRIVACY_REGIMES.map((r) => (
                <option key={r} value={r}>
                  {t(`privacy.regime.${r}`)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t('privacy.contactName')} hint={t('privacy.contactNameHint')}>
          {(control) => <Input {...control} value={contactName} maxLength={PRIVACY_CONTACT_MAX} disabled={!current.data} onChange={(e) => edit(setName)(e.target.value)} data-testid="privacy-contact-name" />}
        </Field>
        <Field label={t('privacy.contactReach')} hint={t('privacy.contactReachHint')}>
          {(control) => <Input {...control} value={contactReach} maxLength={PRIVACY_CONTACT_MAX} disabled={!current.data} onChange={(e) => edit(setReach)(e.target.value)} data-testid="privacy-contact-reach" />}
        </Field>
        <ErrorNotice error={errorBody(current.error) ?? errorBody(save.error)} />
        {save.isSuccess && (
          <Notice tone="success" data-testid="privacy-saved">
            {t('privacy.saved')}
          </Notice>
        )}
        <Actions>
          <Button type="submit" disabled={!current.data || save.isPending} data-testid="privacy-save">
            {save.isPending ? t('common.working') : t('privacy.save')}
          </Button>
        </Actions>
      </form>
    </Card>
  );
}
