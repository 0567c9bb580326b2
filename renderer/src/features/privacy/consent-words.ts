import type { ConsentPurpose } from '../../../../shared/consent';
import type { MessageKey, Translate } from '../../i18n';
import { en } from '../../i18n/en';

/** A purpose as the screen names it: a custom one by the owner's own label. */
export function purposeText(t: Translate, purpose: ConsentPurpose, customLabel: string | null): string {
  return purpose === 'custom' && customLabel ? customLabel : t(`consent.purpose.${purpose}` as MessageKey);
}

/** A lawful basis in the app's words; an unknown one (a newer build's) shows as stored. */
export function basisText(t: Translate, basis: string | null): string {
  if (basis === null) return '';
  const key = `consent.basis.${basis}`;
  return key in en ? t(key as MessageKey) : basis;
}

/** Today as YYYY-MM-DD in local time: the evidence date defaults to it. */
export function localToday(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
