import { useState } from 'react';
import type { SwitchableField } from '../../../../shared/customer-fields';
import { useT } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { errorBody, useChannelMutation, useChannelQuery } from '../../query';
import { Dialog, Field, Input } from '../../ui';
import layout from '../../ui/layout.module.css';
import { FIELD_CHANGES } from './field-words';

/**
 * "Switch off {field}?": says how many customers hold a value and offers to erase them. An erase
 * is destructive, so the owner types the count shown; main checks the same count again and
 * refuses (CONFLICT) if it moved meanwhile, so nobody erases more than they saw.
 */
export function FieldOffDialog({ field, label, onCancel, onDone }: { field: SwitchableField; label: string; onCancel(): void; onDone(erased: number): void }) {
  const t = useT();
  const fmt = useFormat();
  const stored = useChannelQuery('settings.fieldStoredCount', { field });
  const setField = useChannelMutation('settings.setField', FIELD_CHANGES);
  const [erase, setErase] = useState(false);
  const [typed, setTyped] = useState('');
  const count = stored.data?.count ?? null;
  const confirmed = !erase || (count !== null && typed.trim() === String(count));

  const confirm = () => {
    if (count === null || !confirmed) return;
    setField.mutate({ field, enabled: false, ...(erase ? { erase: { expectCount: count } } : {}) }, { onSuccess: (result) => onDone(result.erased) });
  };

  return (
    <Dialog
      title={t('fields.offTitle', { field: label })}
      message={count === null ? undefined : count === 0 ? t('fields.offNone') : t('fields.offBody', { count: fmt.number(count) })}
      confirmLabel={erase ? t('fields.confirmErase') : t('fields.confirmOff')}
      danger={erase}
      busy={setField.isPending || stored.isPending}
      confirmDisabled={count === null || !confirmed}
      error={errorBody(stored.error) ?? errorBody(setField.error)}
      onConfirm={confirm}
      onCancel={onCancel}
      testId="field-off-dialog"
    >
      {count !== null && count > 0 && (
        <>
          <label className={layout.checkbox}>
            <input type="checkbox" checked={erase} onChange={(e) => (setErase(e.target.checked), setTyped(''), setField.reset())} data-testid="field-erase" />
            <span>{t('fields.erase')}</span>
          </label>
          {erase && (
            <Field label={t('fields.typeCount', { count: String(count) })}>
              {(control) => <Input {...control} inputMode="numeric" autoComplete="off" value={typed} onChange={(e) => setTyped(e.target.value)} data-testid="field-erase-count" />}
            </Field>
          )}
        </>
      )}
    </Dialog>
  );
}
