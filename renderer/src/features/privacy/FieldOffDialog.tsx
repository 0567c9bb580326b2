import { useState } from 'react';
import type { SwitchableField } from '../../../../shared/customer-fields';
import { useT } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { errorBody, useChannelMutation, useChannelQuery } from '../../query';
import { Dialog, Field, Input } from '../../ui';
import layout from '../../ui/layout.module.css';
import { useApprovalGate } from '../approvals/use-approval-gate';
import { FIELD_CHANGES } from './field-words';

/**
 * "Switch off {field}?": says how many customers hold a value and offers to erase them. An erase
 * is destructive, so the owner types the count shown; main checks the same count again and
 * refuses (CONFLICT) if it moved meanwhile, so nobody erases more than they saw. An erase is a
 * bulk erasure, gated by approval by default: the approval dialog opens instead of an error, and
 * 'asked' tells the page it was sent for approval (or waits out the cooling-off) rather than done.
 */
export function FieldOffDialog({ field, label, onCancel, onDone }: { field: SwitchableField; label: string; onCancel(): void; onDone(erased: number | 'asked'): void }) {
  const t = useT();
  const fmt = useFormat();
  const stored = useChannelQuery('settings.fieldStoredCount', { field });
  const setField = useChannelMutation('settings.setField', [...FIELD_CHANGES, 'approvals.']);
  const [approvalDialog, gate] = useApprovalGate();
  const [erase, setErase] = useState(false);
  const [typed, setTyped] = useState('');
  const count = stored.data?.count ?? null;
  const confirmed = !erase || (count !== null && typed.trim() === String(count));

  const confirm = async () => {
    if (count === null || !confirmed) return;
    const outcome = await gate({ field, enabled: false, ...(erase ? { erase: { expectCount: count } } : {}) }, (input) => setField.mutateAsync(input)).catch(() => null);
    if (!outcome || outcome.status === 'cancelled') return;
    onDone(outcome.status === 'done' ? outcome.value.erased : 'asked');
  };

  return (
    <>
      <Dialog
        title={t('fields.offTitle', { field: label })}
        message={count === null ? undefined : count === 0 ? t('fields.offNone') : t('fields.offBody', { count: fmt.number(count) })}
        confirmLabel={erase ? t('fields.confirmErase') : t('fields.confirmOff')}
        danger={erase}
        busy={setField.isPending || stored.isPending}
        confirmDisabled={count === null || !confirmed}
        error={errorBody(stored.error) ?? errorBody(setField.error)}
        onConfirm={() => void confirm()}
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
      {approvalDialog}
    </>
  );
}
