import type { Locale } from '../../../shared/contract';
import { useAppStore } from '../stores/app-store';
import { en, type MessageKey } from './en';
import { zhCN } from './zh-CN';

const CATALOGS: Record<Locale, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };

export const LOCALE_NAMES: Record<Locale, string> = { 'zh-CN': '简体中文', en: 'English' };

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translate(locale: Locale, key: MessageKey, params?: Record<string, string | number>): string {
  const template = CATALOGS[locale][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function useT(): Translate {
  const locale = useAppStore((state) => state.locale);
  return (key, params) => translate(locale, key, params);
}

export type { MessageKey };
