import { useEffect, useId, useState, type FormEvent } from 'react';
import { SHOP_CURRENCIES, SHOP_NAME_MAX, type ShopCurrency } from '../../../../shared/shop';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { useT } from '../../i18n';
import { errorBody, useChannelMutation, useChannelQuery } from '../../query';
import { useAppStore } from '../../stores/app-store';
import styles from './settings.module.css';

/** "CNY · 人民币": the code people type on invoices, and its name in the user's language. */
function currencyLabel(code: string, locale: string): string {
  try {
    const name = new Intl.DisplayNames([locale], { type: 'currency' }).of(code);
    return name && name !== code ? `${code} · ${name}` : code;
  } catch {
    return code;
  }
}

/** The shop's name and currency; only a role with settings.manage sees this page. */
export function ShopProfileSection() {
  const t = useT();
  const locale = useAppStore((state) => state.locale);
  const profile = useChannelQuery('settings.shopProfile', {});
  const save = useChannelMutation('settings.setShopProfile', ['settings.shopProfile']);
  const [name, setName] = useState('');
  const [currency, setCurrency] = useState<ShopCurrency>('CNY');
  const [touched, setTouched] = useState(false);
  const currencyId = useId();
  useEffect(() => {
    if (profile.data) {
      setName(profile.data.name);
      setCurrency(profile.data.currency);
    }
  }, [profile.data]);

  const missing = touched && name.trim() === '';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (name.trim() === '') return;
    save.mutate({ name: name.trim(), currency });
  };

  return (
    <section className={`card ${styles.section}`} aria-labelledby="shop-title" data-testid="shop-profile">
      <h3 id="shop-title">{t('shop.title')}</h3>
      <p className="hint">{t('shop.intro')}</p>
      <form className={styles.form} onSubmit={submit} noValidate>
        <Field label={t('shop.name')} hint={t('shop.nameHint')} problem={missing ? t('shop.nameMissing') : undefined} value={name} maxLength={SHOP_NAME_MAX} disabled={!profile.data} onChange={(e) => (setName(e.target.value), save.reset())} data-testid="shop-name" />
        <div className="field">
          <label htmlFor={currencyId}>{t('shop.currency')}</label>
          <select id={currencyId} value={currency} disabled={!profile.data} onChange={(e) => (setCurrency(e.target.value as ShopCurrency), save.reset())} data-testid="shop-currency">
            {SHOP_CURRENCIES.map((code) => (
              <option key={code} value={code}>
                {currencyLabel(code, locale)}
              </option>
            ))}
          </select>
        </div>
        <div className="actions">
          <button type="submit" disabled={!profile.data || save.isPending}>
            {save.isPending ? t('common.working') : t('shop.save')}
          </button>
        </div>
      </form>
      {save.isSuccess && (
        <p role="status" className="notice notice-ok" data-testid="shop-saved">
          {t('shop.saved')}
        </p>
      )}
      <ErrorNotice error={errorBody(profile.error) ?? errorBody(save.error)} />
    </section>
  );
}
