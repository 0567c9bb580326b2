import { useState } from 'react';
import type { Batch } from '../../../../shared/retention';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { errorBody, useChannelMutation, useChannelQuery } from '../../query';
import { Actions, Badge, Button, Card, Dialog, EmptyState, Notice, Progress } from '../../ui';
import layout from '../../ui/layout.module.css';
import { useApprovalGate } from '../approvals/use-approval-gate';
import styles from './retention.module.css';

const TONE = { proposed: 'warning', notice: 'accent', running: 'accent', done: 'success', cancelled: 'neutral', failed: 'danger' } as const;

/**
 * One proposed batch and the owner's steps: the contact list for the notice (the gated export of
 * the batch's customers), the wait, then anonymising through the approval gate; while it runs,
 * its progress (main's 'retention.' hint re-reads it after every chunk).
 */
function BatchRow({ batch, noticeDays, mayManage }: { batch: Batch; noticeDays: number; mayManage: boolean }) {
  const t = useT();
  const fmt = useFormat();
  const [approvalDialog, gate] = useApprovalGate();
  const [confirming, setConfirming] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const live = useChannelQuery('retention.batch', { id: batch.id }, { initialData: batch, staleTime: 0 });
  const b = live.data ?? batch;
  const exportList = useChannelMutation('customers.export', ['approvals.']);
  const startNotice = useChannelMutation('retention.startNotice', ['retention.']);
  const cancel = useChannelMutation('retention.cancel', ['retention.']);
  const anonymise = useChannelMutation('retention.anonymise', ['retention.', 'customers.', 'privacy.', 'approvals.']);
  const open = b.state === 'proposed' || b.state === 'notice';
  const waiting = b.state === 'notice' && b.notBefore !== null && b.notBefore > new Date().toISOString();
  const mayAnonymise = open && !waiting && (b.state === 'notice' || noticeDays === 0);

  const exportContacts = async () => {
    const input = { format: 'xlsx' as const, columns: ['name' as const, 'mobile' as const, 'email' as const], filters: { retentionBatch: b.id } };
    await gate(input, (i) => exportList.mutateAsync(i)).catch(() => null);
  };
  const run = async () => {
    setConfirming(false);
    const outcome = await gate({ batchId: b.id }, (i) => anonymise.mutateAsync(i)).catch(() => null);
    if (outcome?.status === 'sent') setNote(t('retention.batch.sent'));
    if (outcome?.status === 'waiting') setNote(t('retention.batch.waiting'));
  };

  return (
    <div className={styles.batch} data-testid={`retention-batch-${b.id}`} data-state={b.state}>
      <div className={layout.spread}>
        <strong>{t('retention.batch.name', { id: b.id })}</strong>
        <Badge tone={TONE[b.state]}>{t(`retention.batch.state.${b.state}`)}</Badge>
      </div>
      <span>{t('retention.batch.counts', { total: fmt.number(b.total), pending: fmt.number(b.pending), erased: fmt.number(b.erased), skipped: fmt.number(b.skipped) })}</span>
      {b.state === 'notice' && b.notBefore && <span>{t('retention.batch.notBefore', { when: fmt.dateTime(b.notBefore) })}</span>}
      {b.state === 'running' && <Progress label={t('retention.batch.progress')} value={b.total - b.pending} max={Math.max(1, b.total)} testId={`retention-progress-${b.id}`} />}
      {mayManage && open && (
        <Actions>
          {noticeDays > 0 && b.state === 'proposed' && (
            <>
              <Button variant="secondary" onClick={() => void exportContacts()} disabled={exportList.isPending}>
                {t('retention.batch.exportList')}
              </Button>
              <Button variant="secondary" onClick={() => startNotice.mutate({ id: b.id })} disabled={startNotice.isPending}>
                {t('retention.batch.startNotice')}
              </Button>
            </>
          )}
          {mayAnonymise && (
            <Button variant="danger" onClick={() => setConfirming(true)} data-testid={`retention-anonymise-${b.id}`}>
              {t('retention.batch.anonymise')}
            </Button>
          )}
          <Button variant="secondary" onClick={() => cancel.mutate({ id: b.id })} disabled={cancel.isPending}>
            {t('retention.batch.cancel')}
          </Button>
        </Actions>
      )}
      {note && <Notice tone="info">{note}</Notice>}
      <ErrorNotice error={errorBody(anonymise.error) ?? errorBody(startNotice.error) ?? errorBody(cancel.error) ?? errorBody(exportList.error)} />
      {confirming && (
        <Dialog
          title={t('retention.batch.confirmTitle', { n: fmt.number(b.pending) })}
          message={t('retention.batch.confirmText')}
          confirmLabel={t('retention.batch.anonymise')}
          danger
          onConfirm={() => void run()}
          onCancel={() => setConfirming(false)}
          testId="retention-anonymise-dialog"
        />
      )}
      {approvalDialog}
    </div>
  );
}

export function RetentionBatches({ batches, noticeDays, mayManage }: { batches: readonly Batch[]; noticeDays: number; mayManage: boolean }) {
  const t = useT();
  return (
    <Card title={t('retention.batches.title')} width="wide" data-testid="retention-batches">
      {batches.length === 0 ? <EmptyState title={t('retention.batches.empty')} /> : batches.map((b) => <BatchRow key={b.id} batch={b} noticeDays={noticeDays} mayManage={mayManage} />)}
    </Card>
  );
}
