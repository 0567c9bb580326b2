import { useEffect, useState, type FormEvent } from 'react';
import { SHOP_CURRENCIES, SHOP_NAME_MAX, type ShopCurrency } from '../../../../shared/shop';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n';
import { errorBody, useChannelMutation, useChannelQuery } from '../../query';
import { useAppStore } from '../../stores/app-store';
import { useShopStore } from '../../stores/shop-store';
import { Actions, Button, Card, Field, Input, Notice, Select } from '../../ui';
import layout from '../../ui/layout.module.css';
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
  const setProfile = useShopStore((state) => state.setProfile);
  const profile = useChannelQuery('settings.shopProfile', {});
  const save = useChannelMutation('settings.setShopProfile', ['settings.shopProfile']);
  const [name, setName] = useState('');
  const [currency, setCurrency] = useState<ShopCurrency>('CNY');
  const [touched, setTouched] = useState(false);
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
    // Money everywhere follows the new currency as soon as main has it.
    save.mutate({ name: name.trim(), currency }, { onSuccess: (saved) => setProfile({ shopName: saved.name, currency: saved.currency }) });
  };

  return (
    <Card title={t('shop.title')} level={3} className={styles.section} data-testid="shop-profile">
      <p className={layout.hint}>{t('shop.intro')}</p>
      <form className={styles.form} onSubmit={submit} noValidate>
        <Field label={t('shop.name')} hint={t('shop.nameHint')} error={missing ? t('shop.nameMissing') : undefined}>
          {(control) => <Input {...control} value={name} maxLength={SHOP_NAME_MAX} disabled={!profile.data} onChange={(e) => (setName(e.target.value), save.reset())} data-testid="shop-name" />}
        </Field>
        <Field label={t('shop.currency')}>
          {(control) => (
            <Select {...control} value={currency} disabled={!profile.data} onChange={(e) => (setCurrency(e.target.value as ShopCurrency), save.reset())} data-testid="shop-currency">
              {SHOP_CURRENCIES.map((code) => (
                <option key={code} value={code}>
                  {currencyLabel(code, locale)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Actions>
          <Button type="submit" disabled={!profile.data || save.isPending}>
            {save.isPending ? t('common.working') : t('shop.save')}
          </Button>
        </Actions>
      </form>
      {save.isSuccess && (
        <Notice tone="success" data-testid="shop-saved">
          {t('shop.saved')}
        </Notice>
      )}
      <ErrorNotice error={errorBody(profile.error) ?? errorBody(save.error)} />
    </Card>
  );
}
