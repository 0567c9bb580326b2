import type { Locale } from '../../../shared/contract';
import { useAppStore } from '../stores/app-store';
import { en, type MessageKey } from './en';
import { zhCN } from './zh-CN';
import { KEY_STORE_NAMES, keyStorePlatform } from './glossary';

const CATALOGS: Record<Locale, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };

export const LOCALE_NAMES: Record<Locale, string> = { 'zh-CN': '简体中文', en: 'English' };

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translate(locale: Locale, key: MessageKey, params?: Record<string, string | number>): string {
  const template = CATALOGS[locale][key];
  const values = template.includes('{keyStore}') ? { keyStore: keyStoreName(locale), ...params } : params;
  if (!values) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** Where this OS keeps the database key, named as the OS shows it (the glossary's {keyStore}). */
function keyStoreName(locale: Locale): string {
  return KEY_STORE_NAMES[locale][keyStorePlatform(useAppStore.getState().version?.platform)];
}

export function useT(): Translate {
  const locale = useAppStore((state) => state.locale);
  return (key, params) => translate(locale, key, params);
}

export type { MessageKey };

/** A localized sentence for an error code; the server's English message is never shown raw. */
export function errorText(t: Translate, code: string): string {
  const key = `error.${code}`;
  return key in en ? t(key as MessageKey) : t('error.INTERNAL');
}

/** A localized hint for a per-field reason code from the router or the password check. */
export function fieldText(t: Translate, reason: string): string {
  const key = `field.${reason}`;
  return key in en ? t(key as MessageKey) : t('field.invalid');
}

/** A screen's own sentence for an error code (`<prefix>.<code>`), else the general one. */
export function errorTextIn(t: Translate, prefix: string, code: string): string {
  const key = `${prefix}.${code}`;
  return key in en ? t(key as MessageKey) : errorText(t, code);
}

/** A restore's progress step from backup.status; a step this build does not know still reads as progress. */
export function restoreStepText(t: Translate, step: string): string {
  const key = `restore.step.${step}`;
  return key in en ? t(key as MessageKey) : t('restore.step.working');
}
