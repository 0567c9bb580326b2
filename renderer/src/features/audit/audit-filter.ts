import type { ChannelInput } from '../../../../shared/contract';
import type { AuditGroup } from '../../../../shared/audit-groups';

export type TimeSpan = 'today' | 'week' | 'month' | 'all' | 'custom';

/** What the filter lists hold; `from`/`to` are fixed when a span is picked, so the query key stays put. */
export interface AuditFilterState {
  group: AuditGroup | '';
  username: string;
  customer: { id: number; name: string } | null;
  span: TimeSpan;
  from: string | undefined;
  to: string | undefined;
  /** Custom range, as the date pickers give it (local days). */
  fromDay: string;
  toDay: string;
  /** On by default: the log reads as changes, reveals, refusals and sign-ins, not every look. */
  hideReads: boolean;
}

export const INITIAL_FILTER: AuditFilterState = { group: '', username: '', customer: null, span: 'all', from: undefined, to: undefined, fromDay: '', toDay: '', hideReads: true };

const DAY = 24 * 60 * 60 * 1000;
const startOfDay = (date: Date) => new Date(date.getFullYear(), date.getMonth(), date.getDate());

/** A span as UTC instants for the log; local days, since "today" is the reader's today. */
export function spanBounds(span: TimeSpan, now: Date, fromDay = '', toDay = ''): { from: string | undefined; to: string | undefined } {
  const today = startOfDay(now).getTime();
  switch (span) {
    case 'today':
      return { from: new Date(today).toISOString(), to: undefined };
    case 'week':
      return { from: new Date(today - 6 * DAY).toISOString(), to: undefined };
    case 'month':
      return { from: new Date(today - 29 * DAY).toISOString(), to: undefined };
    case 'custom':
      return {
        from: fromDay ? new Date(`${fromDay}T00:00:00`).toISOString() : undefined,
        to: toDay ? new Date(`${toDay}T23:59:59.999`).toISOString() : undefined,
      };
    default:
      return { from: undefined, to: undefined };
  }
}

export const PAGE = 100;

/** The channel input for a filter (without beforeId: paging adds it). */
export function auditInput(filter: AuditFilterState): ChannelInput<'audit.query'> {
  return {
    limit: PAGE,
    hideReads: filter.hideReads,
    ...(filter.group ? { group: filter.group } : {}),
    ...(filter.username ? { username: filter.username } : {}),
    ...(filter.customer ? { customerId: filter.customer.id } : {}),
    ...(filter.from ? { from: filter.from } : {}),
    ...(filter.to ? { to: filter.to } : {}),
  };
}
