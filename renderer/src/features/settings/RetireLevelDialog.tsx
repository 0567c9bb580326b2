import { useState } from 'react';
import type { ErrorBody } from '../../../../shared/errors';
import { useT } from '../../i18n';
import { useChannelQuery } from '../../query';
import { Dialog, Field, Select } from '../../ui';
import type { LevelChoice } from './levels';

/**
 * Retiring a level: every customer has one, so the owner says where the customers who have it
 * go (like 悟空CRM's 客户级别). Main moves them and retires the level in one audited change, the
 * recycle bin included; a level nobody has is simply retired (main ignores the choice then).
 */
export function RetireLevelDialog({ level, others, busy, error, onCancel, onRetire }: { level: LevelChoice; others: LevelChoice[]; busy: boolean; error: ErrorBody | null; onCancel(): void; onRetire(moveTo: string): void }) {
  const t = useT();
  const [moveTo, setMoveTo] = useState(others[0]?.value ?? '');
  // Live customers in the owner's view; the recycle bin moves too but is not counted here.
  const count = useChannelQuery('customers.filterValues', {}).data?.levels.find((l) => l.value === level.value)?.count ?? 0;
  return (
    <Dialog
      title={t('lists.retireTitle', { value: level.shown })}
      message={t('lists.retireBody', { n: count })}
      confirmLabel={t('lists.remove')}
      busy={busy}
      confirmDisabled={moveTo === ''}
      error={error}
      onCancel={onCancel}
      onConfirm={() => onRetire(moveTo)}
      testId="list-retire-dialog"
    >
      <Field label={t('lists.moveTo')}>
        {(control) => (
          <Select {...control} value={moveTo} onChange={(e) => setMoveTo(e.target.value)} data-testid="retire-move-to">
            {others.map((o) => (
              <option key={o.value} value={o.value}>
                {o.shown}
              </option>
            ))}
          </Select>
        )}
      </Field>
    </Dialog>
  );
}
