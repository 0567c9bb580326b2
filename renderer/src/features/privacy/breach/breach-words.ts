import type { BreachClock } from '../../../../../shared/breach';
import type { BreachDetail } from '../../../../../shared/channels/breach';
import type { MessageKey, Translate } from '../../../i18n';
import type { Format } from '../../../i18n/format';

/** A clock in words: time left, overdue by, or done when. */
export function clockText(t: Translate, fmt: Format, c: BreachClock): string {
  if (c.metAt) return t(c.overdue ? 'breach.clock.metLate' : 'breach.clock.met', { when: fmt.dateTime(c.metAt) });
  const ms = new Date(c.dueAt).getTime() - Date.now();
  if (c.minutesLeft === null) return t('breach.clock.overdueBy', { time: fmt.duration(Math.abs(ms)) });
  return c.minutesLeft < 0 ? t('breach.clock.overdueBy', { time: fmt.duration(-c.minutesLeft * 60_000) }) : t('breach.clock.left', { time: fmt.duration(c.minutesLeft * 60_000) });
}

/** The timeline's line for one event: counts, staff usernames and hashes only. */
export function eventText(t: Translate, e: BreachDetail['events'][number]): string {
  const d = e.detail;
  const str = (key: string) => (d[key] === undefined || d[key] === null ? '' : String(d[key]));
  switch (e.kind) {
    case 'status':
      return t('breach.event.status', { from: t(`breach.status.${str('from')}` as MessageKey), to: t(`breach.status.${str('to')}` as MessageKey) });
    case 'disable-user':
      return t('breach.event.disable-user', { username: str('username') });
    case 'end-sessions':
      return t('breach.event.end-sessions', { username: str('username'), count: str('sessionsEnded') });
    case 'affected':
      return t('breach.event.affected', { count: str('total') });
    case 'contacts-exported':
      return t('breach.event.contacts-exported', { count: str('rows') });
    case 'notice':
      return t('breach.event.notice', { audience: t(`breach.sent.audience.${str('audience')}` as MessageKey), language: str('language') });
    case 'sent':
      return t('breach.event.sent', { audience: t(`breach.sent.audience.${str('audience')}` as MessageKey), channel: t(`breach.sent.channel.${str('channel')}` as MessageKey), count: str('count') });
    case 'evidence':
      return t('breach.event.evidence', { sha: str('sha256').slice(0, 16) });
    default:
      return t(`breach.event.${e.kind}` as MessageKey);
  }
}

/**
 * An ISO instant as a datetime-local value (this computer's time), to the minute, or to the
 * second for an input with step 1 (a session's window: two sign-ins can fall in one minute).
 */
export function localInput(iso: string | null, precision: 'minutes' | 'seconds' = 'minutes'): string {
  if (!iso) return '';
  const d = new Date(iso);
  const two = (n: number) => String(n).padStart(2, '0');
  const minutes = `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
  return precision === 'seconds' ? `${minutes}:${two(d.getSeconds())}` : minutes;
}

/**
 * A datetime-local value back as an ISO instant; null when empty or unreadable. The input holds
 * whole minutes or (step 1) whole seconds, so the end of a period ('end') is the last instant of
 * its minute or second: "to now" would otherwise leave out what happened in the current minute.
 * The precision is the input's, not the text's: Chromium drops ":00" seconds from the value.
 */
export function fromLocalInput(value: string, bound: 'start' | 'end' = 'start', precision: 'minutes' | 'seconds' = 'minutes'): string | null {
  if (!value) return null;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return null;
  const last = precision === 'seconds' ? 999 : 59_999;
  return new Date(d.getTime() + (bound === 'end' ? last : 0)).toISOString();
}
