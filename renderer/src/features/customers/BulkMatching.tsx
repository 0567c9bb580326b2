import { useState } from 'react';
import type { CustomerFilters } from '../../../../shared/customers';
import { can } from '../../../../shared/permissions';
import { useConfirm } from '../../components/prompts';
import { useT } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { errorBody, useChannelMutation } from '../../query';
import { useAppStore } from '../../stores/app-store';
import { Button, Input } from '../../ui';
import { useApprovalGate } from '../approvals/use-approval-gate';
import styles from './list.module.css';

/**
 * Tag or delete every customer the filters match, not only the loaded rows. The confirm dialog
 * names the exact count main counted; the call sends that count, and main refuses (nothing
 * changed) if the filter now matches another number.
 */
export function BulkMatching({ filters, total }: { filters: CustomerFilters; total: number }) {
  const t = useT();
  const role = useAppStore((state) => state.status?.session?.role ?? 'auditor');
  const fmt = useFormat();
  const count = fmt.number(total);
  const [tag, setTag] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const [confirmDialog, confirm] = useConfirm();
  // Deleting more than the policy's rows needs a second person's approval (issue 15).
  const [approvalDialog, gate] = useApprovalGate();
  // Every customer read may show these customers (list, record, dashboard): all are stale after.
  const tagMatching = useChannelMutation('customers.tagMatching', ['customers.', 'dashboard.']);
  const deleteMatching = useChannelMutation('customers.deleteMatching', ['customers.', 'dashboard.']);
  const value = tag.trim();

  const askTag = (mode: 'add' | 'remove') => {
    setDone(null);
    void confirm({
      title: t(mode === 'add' ? 'list.bulkTagTitle' : 'list.bulkUntagTitle', { count, tag: value }),
      message: t('list.bulkExact', { count }),
      confirmLabel: t(mode === 'add' ? 'bulk.add' : 'bulk.remove'),
      run: async () => {
        try {
          const result = await tagMatching.mutateAsync({ filters, expectCount: total, add: mode === 'add' ? [value] : [], remove: mode === 'remove' ? [value] : [] });
          setDone(t('list.bulkTagged', { count: fmt.number(result.changed) }));
          setTag('');
          return null;
        } catch (error) {
          return errorBody(error);
        }
      },
    });
  };
  const askDelete = () => {
    setDone(null);
    void confirm({
      title: t('list.bulkDeleteTitle', { count }),
      message: t('list.bulkDeleteMessage', { count }),
      confirmLabel: t('list.bulkDeleteYes'),
      danger: true,
      run: async () => {
        try {
          const outcome = await gate({ filters, expectCount: total }, (input) => deleteMatching.mutateAsync(input));
          if (outcome.status === 'done') setDone(t('list.bulkDeleted', { count: fmt.number(outcome.value.deleted) }));
          return null;
        } catch (error) {
          return errorBody(error);
        }
      },
    });
  };

  return (
    <div className={styles.bar} role="group" aria-label={t('list.bulkTitle', { count })} data-testid="bulk-matching">
      <span>{t('list.bulkTitle', { count })}</span>
      {can(role, 'customers.write') && (
        <>
          <Input aria-label={t('bulk.tag')} placeholder={t('bulk.tag')} value={tag} maxLength={40} onChange={(e) => setTag(e.target.value)} />
          <Button variant="secondary" size="sm" disabled={!value} onClick={() => askTag('add')}>
            {t('bulk.add')}
          </Button>
          <Button variant="secondary" size="sm" disabled={!value} onClick={() => askTag('remove')}>
            {t('bulk.remove')}
          </Button>
        </>
      )}
      {can(role, 'customers.delete') && (
        <Button variant="danger" size="sm" onClick={askDelete}>
          {t('list.bulkDelete')}
        </Button>
      )}
      {done && (
        <span role="status" className={styles.hint}>
          {done}
        </span>
      )}
      {confirmDialog}
      {approvalDialog}
    </div>
  );
}
