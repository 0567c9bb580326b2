import type { Locale } from '../../shared/locale';

/**
 * The desktop notification for a new security alert. OS notifications show on lock screens and in
 * notification centres, where anyone passing can read them: the text says only that there is an
 * alert, never who, which rule, how many or which customers. The inbox says the rest, behind the
 * sign-in and the alerts.read permission.
 */
export function alertNoticeText(locale: Locale): { title: string; body: string } {
  return locale === 'zh-CN'
    ? { title: 'Coffer', body: '有一条新的安全提醒。打开 Coffer 查看。' }
    : { title: 'Coffer', body: 'There is a new security alert. Open Coffer to see it.' };
}
