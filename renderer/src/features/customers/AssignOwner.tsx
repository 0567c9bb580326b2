import { useId, useState } from 'react';
import type { ErrorBody } from '../../../../shared/errors';
import { useConfirm } from '../../components/prompts';
import { errorTextIn, fieldText, useT } from '../../i18n';
import { useAssignableOwners, useSetOwner, type OwnerSelection } from '../../stores/ownership-store';
import { Button, Notice, Select } from '../../ui';
import styles from './list.module.css';

/**
 * Choose a new owner for one customer, the ticked ones, or every customer a filter matches
 * (a leaver's book). A confirm dialog names how many and to whom; a filtered hand-over sends the
 * count the person saw, so a list that changed meanwhile is refused instead of surprising them.
 */
export function AssignOwner({ selection, count, label }: { selection: OwnerSelection; count: number; label?: string }) {
  const t = useT();
  const id = useId();
  const owners = useAssignableOwners();
  const assignable = owners.data ?? [];
  const { setOwner, busy } = useSetOwner();
  const [to, setTo] = useState('');
  const [confirmDialog, confirm] = useConfirm();
  const [error, setError] = useState<ErrorBody | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const target = assignable.find((u) => u.username === to);
  const name = target ? `${target.displayName} (${target.username})` : to;
  // The dialog names how many and to whom; a refusal is shown beside the picker, where it is fixed.
  const apply = async () => {
    const result = await setOwner(selection, to);
    if ('error' in result) {
      setError(result.error);
      setDone(null);
    } else {
      setError(null);
      setDone(t('assign.done', { count: result.changed, name }));
    }
  };
  const ask = () => {
    void confirm({ title: t('assign.dialogTitle', { name }), message: t('assign.confirm', { count, name }), confirmLabel: t('assign.yes'), run: async () => (await apply(), null) });
  };
  const problem = error?.fields?.toUsername ? fieldText(t, error.fields.toUsername) : error ? errorTextIn(t, 'assign', error.code) : null;

  // Nothing while the list of owners loads: "no one to assign to" would be said too early.
  if (owners.isPending) return null;
  if (assignable.length === 0) return <p className={styles.hint}>{t('assign.none')}</p>;
  return (
    <div className={styles.assign} role="group" aria-label={label ?? t('assign.title')} data-testid="assign-owner">
      <label htmlFor={id}>{label ?? t('assign.to')}</label>
      <Select id={id} value={to} disabled={busy} onChange={(e) => (setTo(e.target.value), setDone(null))}>
        <option value="">{t('assign.choose')}</option>
        {assignable.map((user) => (
          <option key={user.username} value={user.username}>
            {user.displayName} ({user.username}) · {t(`role.${user.role}`)}
          </option>
        ))}
      </Select>
      <Button variant="secondary" size="sm" disabled={!to || busy || count === 0} onClick={ask}>
        {t('assign.button')}
      </Button>
      {confirmDialog}
      {problem && (
        <Notice tone="danger" data-testid="error" data-code={error?.code}>
          {problem}
        </Notice>
      )}
      {done && <Notice tone="success">{done}</Notice>}
    </div>
  );
}
