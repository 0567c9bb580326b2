import { DEFAULT_DORMANT_DAYS, type CustomerFilters } from '../../../../shared/customers';
import { useT } from '../../i18n';
import { useChannelQuery } from '../../query';
import { useAppStore } from '../../stores/app-store';
import { Select } from '../../ui';
import { useLevels } from '../settings/levels';
import styles from './list.module.css';
import { useFieldOn } from '../privacy/use-field-on';

/**
 * The list's filters as lists of the values that exist in the person's scope (customers.filterValues):
 * a salesperson picks from their own book's regions and tags; owners are shown by display name.
 */
export function ListFilters({ filters, onChange }: { filters: CustomerFilters; onChange: (patch: Partial<CustomerFilters>) => void }) {
  const t = useT();
  const fieldOn = useFieldOn();
  const role = useAppStore((state) => state.status?.session?.role ?? 'auditor');
  const values = useChannelQuery('customers.filterValues', {}).data;
  // The owner's levels, names and order (Settings); a customer stores the level's key.
  const { levels } = useLevels();
  const countOf = (list: { value: string; count: number }[] | undefined, value: string) => list?.find((v) => v.value === value)?.count ?? 0;
  // A chosen value that no longer exists (its last customer changed) stays listed, so the select shows it.
  const withChosen = (list: { value: string; count: number }[], chosen: string | undefined) => (chosen && !list.some((v) => v.value === chosen) ? [...list, { value: chosen, count: 0 }] : list);

  return (
    <div className={styles.filters} role="group" aria-label={t('customers.filters')} data-testid="list-filters">
      <Select aria-label={t('customers.col.level')} value={filters.level ?? ''} onChange={(e) => onChange({ level: (e.target.value || undefined) as CustomerFilters['level'] })}>
        <option value="">{t('customers.anyLevel')}</option>
        {levels.map((level) => (
          <option key={level.value} value={level.value}>
            {level.shown} ({countOf(values?.levels, level.value)})
          </option>
        ))}
      </Select>
      <Select aria-label={t('field.tags')} value={filters.tag ?? ''} onChange={(e) => onChange({ tag: e.target.value || undefined })}>
        <option value="">{t('customers.anyTag')}</option>
        {withChosen(values?.tags ?? [], filters.tag).map(({ value, count }) => (
          <option key={value} value={value}>
            {value} ({count})
          </option>
        ))}
      </Select>
      {fieldOn('region') && <Select aria-label={t('field.region')} value={filters.region ?? ''} onChange={(e) => onChange({ region: e.target.value || undefined })}>
        <option value="">{t('list.anyRegion')}</option>
        {withChosen(values?.regions ?? [], filters.region).map(({ value, count }) => (
          <option key={value} value={value}>
            {value} ({count})
          </option>
        ))}
      </Select>}
      {role !== 'sales' && (
        <Select aria-label={t('customers.col.owner')} value={filters.owner ?? ''} onChange={(e) => onChange({ owner: e.target.value || undefined })}>
          <option value="">{t('list.anyOwner')}</option>
          {(values?.owners ?? []).map(({ username, displayName, count }) => (
            <option key={username} value={username}>
              {displayName} ({count})
            </option>
          ))}
        </Select>
      )}
      <label className={styles.check}>
        <input type="checkbox" checked={filters.dormantDays !== undefined} onChange={(e) => onChange({ dormantDays: e.target.checked ? DEFAULT_DORMANT_DAYS : undefined })} />
        {t('customers.dormant', { days: DEFAULT_DORMANT_DAYS })}
      </label>
    </div>
  );
}
