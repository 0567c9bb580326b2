import type { Locale } from '../../../shared/locale';
import type { Session } from '../auth/session-service';
import type { ReminderService } from './reminder-service';

/**
 * The desktop notification for reminders that fell due while the app runs. OS notifications
 * show on lock screens and in notification centres, so the text carries a count only: never a
 * customer's name or the reminder's note.
 */
export function dueNoticeText(count: number, locale: Locale): { title: string; body: string } {
  return locale === 'zh-CN'
    ? { title: 'Coffer', body: `有 ${count} 条跟进提醒到期。打开 Coffer 查看。` }
    : { title: 'Coffer', body: count === 1 ? 'A follow-up reminder is due. Open Coffer to see it.' : `${count} follow-up reminders are due. Open Coffer to see them.` };
}

/** What to show now for this window's session, or null. A locked or signed-out window gets nothing. */
export function takeDueNotice(reminders: ReminderService, session: Session | undefined, locale: Locale): { title: string; body: string } | null {
  if (!session || session.locked) return null;
  const count = reminders.takeNewlyDue(session);
  return count > 0 ? dueNoticeText(count, locale) : null;
}
