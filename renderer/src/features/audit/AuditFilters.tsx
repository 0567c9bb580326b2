import { AUDIT_GROUP_NAMES, type AuditGroup } from '../../../../shared/audit-groups';
import { useT } from '../../i18n';
import { useChannelQuery } from '../../query';
import { Field, Input, Select } from '../../ui';
import { spanBounds, type AuditFilterState, type TimeSpan } from './audit-filter';
import styles from './AuditPage.module.css';
import { CustomerPick } from './CustomerPick';

const SPANS: TimeSpan[] = ['all', 'today', 'week', 'month', 'custom'];
const SPAN_WORDS = { all: 'auditPage.time.all', today: 'auditPage.time.today', week: 'auditPage.time.week', month: 'auditPage.time.month', custom: 'auditPage.time.custom' } as const;

/** The audit page's filters, every one a list to pick from (no action names or usernames to type). */
export function AuditFilters({ filter, onChange }: { filter: AuditFilterState; onChange: (next: AuditFilterState) => void }) {
  const t = useT();
  const people = useChannelQuery('audit.people', {});
  const set = (patch: Partial<AuditFilterState>) => onChange({ ...filter, ...patch });
  const setSpan = (span: TimeSpan, fromDay = filter.fromDay, toDay = filter.toDay) => set({ span, fromDay, toDay, ...spanBounds(span, new Date(), fromDay, toDay) });

  return (
    <div className={styles.filters} data-testid="audit-filters">
      <Field label={t('auditPage.group')}>
        {(control) => (
          <Select {...control} value={filter.group} onChange={(e) => set({ group: e.target.value as AuditGroup | '' })}>
            <option value="">{t('auditPage.group.all')}</option>
            {AUDIT_GROUP_NAMES.map((group) => (
              <option key={group} value={group}>
                {t(`auditPage.group.${group}`)}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label={t('auditPage.user')}>
        {(control) => (
          <Select {...control} value={filter.username} onChange={(e) => set({ username: e.target.value })}>
            <option value="">{t('auditPage.user.all')}</option>
            {(people.data ?? []).map((person) => (
              <option key={person.username} value={person.username}>
                {person.displayName === person.username ? person.displayName : `${person.displayName} (${person.username})`}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label={t('auditPage.time')}>
        {(control) => (
          <Select {...control} value={filter.span} onChange={(e) => setSpan(e.target.value as TimeSpan)}>
            {SPANS.map((span) => (
              <option key={span} value={span}>
                {t(SPAN_WORDS[span])}
              </option>
            ))}
          </Select>
        )}
      </Field>
      {filter.span === 'custom' && (
        <>
          <Field label={t('audit.from')}>
            {(control) => <Input {...control} type="date" value={filter.fromDay} max={filter.toDay || undefined} onChange={(e) => setSpan('custom', e.target.value, filter.toDay)} />}
          </Field>
          <Field label={t('audit.to')}>
            {(control) => <Input {...control} type="date" value={filter.toDay} min={filter.fromDay || undefined} onChange={(e) => setSpan('custom', filter.fromDay, e.target.value)} />}
          </Field>
        </>
      )}
      <CustomerPick value={filter.customer} onChange={(customer) => set({ customer })} />
      <label className={styles.toggle}>
        <input type="checkbox" checked={filter.hideReads} onChange={(e) => set({ hideReads: e.target.checked })} />
        {t('auditPage.hideReads')}
      </label>
    </div>
  );
}
