import { useId, type ReactNode } from 'react';
import { AUDIT_GROUP_NAMES, type AuditGroup } from '../../../../shared/audit-groups';
import { useT } from '../../i18n';
import { useChannelQuery } from '../../query';
import { spanBounds, type AuditFilterState, type TimeSpan } from './audit-filter';
import { CustomerPick } from './CustomerPick';

const SPANS: TimeSpan[] = ['all', 'today', 'week', 'month', 'custom'];
const SPAN_WORDS = { all: 'auditPage.time.all', today: 'auditPage.time.today', week: 'auditPage.time.week', month: 'auditPage.time.month', custom: 'auditPage.time.custom' } as const;

/** A label tied by id, so a select's name is its label and not its options too. */
function Labelled({ label, children }: { label: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
    </div>
  );
}

/** The audit page's filters, every one a list to pick from (no action names or usernames to type). */
export function AuditFilters({ filter, onChange }: { filter: AuditFilterState; onChange: (next: AuditFilterState) => void }) {
  const t = useT();
  const people = useChannelQuery('audit.people', {});
  const set = (patch: Partial<AuditFilterState>) => onChange({ ...filter, ...patch });
  const setSpan = (span: TimeSpan, fromDay = filter.fromDay, toDay = filter.toDay) => set({ span, fromDay, toDay, ...spanBounds(span, new Date(), fromDay, toDay) });

  return (
    <div className="filters" data-testid="audit-filters">
      <Labelled label={t('auditPage.group')}>
        {(id) => (
          <select id={id} value={filter.group} onChange={(e) => set({ group: e.target.value as AuditGroup | '' })}>
            <option value="">{t('auditPage.group.all')}</option>
            {AUDIT_GROUP_NAMES.map((group) => (
              <option key={group} value={group}>
                {t(`auditPage.group.${group}`)}
              </option>
            ))}
          </select>
        )}
      </Labelled>
      <Labelled label={t('auditPage.user')}>
        {(id) => (
          <select id={id} value={filter.username} onChange={(e) => set({ username: e.target.value })}>
            <option value="">{t('auditPage.user.all')}</option>
            {(people.data ?? []).map((person) => (
              <option key={person.username} value={person.username}>
                {person.displayName === person.username ? person.displayName : `${person.displayName} (${person.username})`}
              </option>
            ))}
          </select>
        )}
      </Labelled>
      <Labelled label={t('auditPage.time')}>
        {(id) => (
          <select id={id} value={filter.span} onChange={(e) => setSpan(e.target.value as TimeSpan)}>
            {SPANS.map((span) => (
              <option key={span} value={span}>
                {t(SPAN_WORDS[span])}
              </option>
            ))}
          </select>
        )}
      </Labelled>
      {filter.span === 'custom' && (
        <>
          <Labelled label={t('audit.from')}>
            {(id) => <input id={id} type="date" value={filter.fromDay} max={filter.toDay || undefined} onChange={(e) => setSpan('custom', e.target.value, filter.toDay)} />}
          </Labelled>
          <Labelled label={t('audit.to')}>
            {(id) => <input id={id} type="date" value={filter.toDay} min={filter.fromDay || undefined} onChange={(e) => setSpan('custom', filter.fromDay, e.target.value)} />}
          </Labelled>
        </>
      )}
      <CustomerPick value={filter.customer} onChange={(customer) => set({ customer })} />
      <label className="checkbox">
        <input type="checkbox" checked={filter.hideReads} onChange={(e) => set({ hideReads: e.target.checked })} />
        {t('auditPage.hideReads')}
      </label>
    </div>
  );
}
