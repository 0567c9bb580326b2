import { useEffect, useState, type FormEvent } from 'react';
import { APPROVAL_OPERATIONS, type ApprovalPolicy } from '../../../../shared/approvals';
import type { ErrorBody } from '../../../../shared/errors';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n';
import { errorBody, fetchChannel, invalidate, useChannelQuery } from '../../query';
import { Actions, Button, Card, Field, Input, toast } from '../../ui';
import { opText } from './approval-words';
import { useApprovalGate } from './use-approval-gate';
import styles from './approvals.module.css';

type Numbers = Pick<ApprovalPolicy, 'exportRows' | 'deleteRows' | 'expiryHours' | 'coolingOffMinutes'>;
const NUMBERS: { key: keyof Numbers; min: number; max: number }[] = [
  { key: 'exportRows', min: 0, max: 1_000_000 },
  { key: 'deleteRows', min: 0, max: 1_000_000 },
  { key: 'expiryHours', min: 1, max: 72 },
  { key: 'coolingOffMinutes', min: 0, max: 1440 },
];

/**
 * The owner's approval rules: which operations ask for a second person, the row thresholds, how
 * long a request lives and the one-owner cooling-off. Changing them is itself approved by another
 * owner where one exists (the gate), and is always audited.
 */
export function ApprovalPolicyCard() {
  const t = useT();
  const query = useChannelQuery('approvals.policy', {});
  const [draft, setDraft] = useState<ApprovalPolicy | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState(false);
  const [approvalDialog, gate] = useApprovalGate();
  useEffect(() => {
    if (query.data) setDraft(query.data);
  }, [query.data]);
  if (!draft) return <ErrorNotice error={errorBody(query.error)} />;

  const valid = NUMBERS.every(({ key, min, max }) => Number.isInteger(draft[key]) && draft[key] >= min && draft[key] <= max);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!valid) return;
    setBusy(true);
    setError(null);
    try {
      const outcome = await gate(draft, (input) => fetchChannel('approvals.setPolicy', input));
      if (outcome.status === 'done') toast(t('appr.policy.saved'), { tone: 'success' });
      await invalidate(['approvals.']);
    } catch (problem) {
      setError(errorBody(problem));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('appr.policy.title')} level={3} width="wide" className={styles.policy} data-testid="approval-policy">
      <form onSubmit={(e) => void save(e)}>
        <p className={styles.hint}>{t('appr.policy.intro')}</p>
        <fieldset className={styles.fieldset}>
          <legend className={styles.legend}>{t('appr.policy.operations')}</legend>
          {APPROVAL_OPERATIONS.map((op) => (
            <label key={op} className={styles.choice}>
              <input type="checkbox" checked={draft.operations[op] !== false} onChange={(e) => setDraft({ ...draft, operations: { ...draft.operations, [op]: e.target.checked } })} />
              <span>{opText(t, op)}</span>
            </label>
          ))}
        </fieldset>
        {NUMBERS.map(({ key, min, max }) => (
          <Field key={key} label={t(`appr.policy.${key}`)}>
            {(control) => <Input {...control} type="number" min={min} max={max} step={1} value={String(draft[key])} onChange={(e) => setDraft({ ...draft, [key]: Number(e.target.value) })} />}
          </Field>
        ))}
        <ErrorNotice error={error} />
        <Actions>
          <Button type="submit" disabled={busy || !valid}>
            {t('appr.policy.save')}
          </Button>
        </Actions>
      </form>
      {approvalDialog}
    </Card>
  );
}
