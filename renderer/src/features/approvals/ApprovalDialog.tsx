import { useState } from 'react';
import type { ErrorBody } from '../../../../shared/errors';
import { Field, PasswordAgainField } from '../../components/Field';
import { fieldText, useT } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { errorBody, fetchChannel, invalidate } from '../../query';
import { useAppStore } from '../../stores/app-store';
import { Button, Dialog, Field as LabelledField, Notice, TextArea, toast } from '../../ui';
import { reasonOk, REASON_MAX, withoutSecrets, type ApprovalAsk, type GateOutcome } from './approval-gate';
import { rememberRun } from './approval-runs';
import { approvalRefusalText, opText, summaryLines, summaryOfInput } from './approval-words';
import styles from './approvals.module.css';

/** Operations a manager may approve too (shared/approvals.ts OWNER_ONLY_APPROVALS is the rest). */
const MANAGER_MAY_APPROVE = ['customers.export', 'customers.deleteMatching'];

export interface ApprovalDialogProps {
  ask: ApprovalAsk;
  /** The call's input as it was refused (approvalId is added for the run). */
  input: Record<string, unknown>;
  /** Runs the same call again with the approved request's id. */
  run(approvalId: number): Promise<unknown>;
  onDone(outcome: GateOutcome<unknown>): void;
}

type Mode = 'here' | 'inbox' | 'alone';

/**
 * "This needs a second person's approval": what exactly will run, why, and how it gets approved:
 * 主管授权 (the approver types their password here and it runs at once), the inbox (run it later
 * from My requests), or, where nobody else could approve, the requester's own typed confirmation
 * and password followed by a cooling-off the dialog shows with a way to cancel.
 */
export function ApprovalDialog({ ask, input, run, onDone }: ApprovalDialogProps) {
  const t = useT();
  const fmt = useFormat();
  const me = useAppStore((state) => state.status?.session?.username ?? '');
  const [mode, setMode] = useState<Mode>(ask.noSecondPerson ? 'alone' : 'here');
  const [reason, setReason] = useState('');
  const [approver, setApprover] = useState({ username: '', password: '', code: '' });
  const [confirmWord, setConfirmWord] = useState('');
  const [password, setPassword] = useState('');
  const [needCode, setNeedCode] = useState(false);
  const [requestId, setRequestId] = useState<number | null>(null);
  // Approved on this screen but the run itself was refused (a wrong restore password…): a retry runs again, nothing is re-approved.
  const [approvedId, setApprovedId] = useState<number | null>(null);
  const [waiting, setWaiting] = useState<{ id: number; usableAfter: string | null } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);
  const lines = summaryLines(t, fmt, summaryOfInput(ask.operation, input, ask.rows));

  /** Files the request once; a retry after a wrong approver password reuses it. */
  const request = async (extra: { confirmSummary?: string; password?: string } = {}) => {
    if (requestId !== null) return { id: requestId, usableAfter: null, state: 'pending' };
    // No secret goes into a request (main would drop it anyway): they are typed again at Run.
    const { kept, secrets } = withoutSecrets(input);
    const made = await fetchChannel('approvals.request', { operation: ask.operation as never, input: kept, reason: reason.trim(), ...extra });
    setRequestId(made.id);
    rememberRun(me, made.id, { operation: ask.operation, input: kept, secrets });
    void invalidate(['approvals.']);
    return made;
  };

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      if (mode === 'inbox') {
        const made = await request();
        toast(t('appr.dialog.sent'), { tone: 'success' });
        return onDone({ status: 'sent', id: made.id });
      }
      if (mode === 'alone') {
        const made = await request({ confirmSummary: confirmWord.trim(), password });
        setPassword('');
        // No cooling-off configured: the request is usable now and runs like an approved one.
        if (made.usableAfter === null || Date.parse(made.usableAfter) <= Date.now()) return onDone({ status: 'done', value: await run(made.id) });
        setWaiting({ id: made.id, usableAfter: made.usableAfter });
        return;
      }
      if (approvedId !== null) return onDone({ status: 'done', value: await run(approvedId) });
      const made = await request();
      await fetchChannel('approvals.decide', {
        id: made.id,
        approve: true,
        approver: { username: approver.username.trim(), password: approver.password, ...(approver.code.trim() ? { code: approver.code.trim() } : {}) },
      });
      setApprovedId(made.id);
      void invalidate(['approvals.']);
      onDone({ status: 'done', value: await run(made.id) });
    } catch (problem) {
      const body = errorBody(problem);
      if (body?.code === 'SECOND_FACTOR_REQUIRED' || body?.fields?.code) setNeedCode(true);
      // A refused password is not left in the field to be sent again.
      setApprover((now) => ({ ...now, password: '' }));
      setPassword('');
      setError(body);
    } finally {
      setBusy(false);
    }
  };

  /** Leaving the dialog: a request filed for 主管授权 that was not approved is withdrawn, not left behind. */
  const cancel = async () => {
    if (requestId !== null && approvedId === null && mode === 'here') await fetchChannel('approvals.cancel', { id: requestId }).catch(() => undefined);
    if (requestId !== null) void invalidate(['approvals.']);
    onDone({ status: 'cancelled' });
  };
  const cancelWaiting = async () => {
    if (!waiting) return;
    setBusy(true);
    try {
      await fetchChannel('approvals.cancel', { id: waiting.id });
      void invalidate(['approvals.']);
      toast(t('appr.cancelled'), { tone: 'info' });
      onDone({ status: 'cancelled' });
    } catch (problem) {
      setError(errorBody(problem));
      setBusy(false);
    }
  };

  if (waiting) {
    const time = waiting.usableAfter ? fmt.dateTime(waiting.usableAfter) : '';
    return (
      <Dialog title={t('appr.alone.title')} confirmLabel={t('appr.alone.close')} error={error} busy={busy} onConfirm={() => onDone({ status: 'waiting', ...waiting })} onCancel={() => onDone({ status: 'waiting', ...waiting })} testId="approval-waiting">
        <Notice tone="info" data-testid="approval-cooling-off">
          {t('appr.alone.waiting', { time })}
        </Notice>
        <p className={styles.hint}>{t('appr.alone.waitingHint')}</p>
        <Button variant="danger" size="sm" disabled={busy} onClick={() => void cancelWaiting()} data-testid="approval-cancel-request">
          {t('appr.alone.cancel')}
        </Button>
      </Dialog>
    );
  }

  const ownerOnly = !MANAGER_MAY_APPROVE.includes(ask.operation);
  const fieldsOk =
    reasonOk(reason) &&
    (mode === 'inbox' ||
      (mode === 'here' && approver.username.trim() !== '' && approver.password !== '' && (!needCode || approver.code.trim() !== '')) ||
      (mode === 'alone' && confirmWord.trim() !== '' && password !== ''));
  const refusal = approvalRefusalText(t, error);
  const problem = (name: string) => (error?.fields?.[name] ? fieldText(t, error.fields[name]) : undefined);
  return (
    <Dialog
      title={mode === 'alone' ? t('appr.alone.title') : t('appr.dialog.title')}
      message={mode === 'alone' ? t('appr.alone.intro') : t(ownerOnly ? 'appr.dialog.introOwner' : 'appr.dialog.intro')}
      confirmLabel={mode === 'here' ? t('appr.dialog.approveRun') : mode === 'inbox' ? t('appr.dialog.send') : t('appr.alone.submit')}
      busy={busy}
      confirmDisabled={!fieldsOk}
      error={refusal ? null : error}
      onConfirm={() => void submit()}
      onCancel={() => void cancel()}
      testId="approval-dialog"
    >
      {refusal && (
        <Notice tone="danger" data-testid="error" data-code={error?.code}>
          {refusal}
        </Notice>
      )}
      <div className={styles.what} data-testid="approval-what">
        <p className={styles.whatTitle}>
          {t('appr.dialog.what')}: {opText(t, ask.operation)}
        </p>
        <ul>
          {lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </div>
      <LabelledField label={t('appr.dialog.reason')} hint={t('appr.dialog.reasonHint')} error={problem('reason')}>
        {(control) => <TextArea {...control} value={reason} maxLength={REASON_MAX} rows={2} disabled={requestId !== null} onChange={(e) => setReason(e.target.value)} data-testid="approval-reason" />}
      </LabelledField>
      {mode !== 'alone' && (
        <fieldset className={styles.fieldset}>
          <legend className={styles.legend}>{t('appr.dialog.how')}</legend>
          {(['here', 'inbox'] as const).map((m) => (
            <label key={m} className={styles.choice}>
              <input type="radio" name="approval-mode" value={m} checked={mode === m} disabled={requestId !== null} onChange={() => setMode(m)} data-testid={`approval-mode-${m}`} />
              <span>{t(m === 'here' ? 'appr.dialog.here' : 'appr.dialog.inbox')}</span>
            </label>
          ))}
        </fieldset>
      )}
      {mode === 'here' && (
        <>
          <Field label={t('appr.dialog.approver')} value={approver.username} maxLength={64} autoComplete="off" spellCheck={false} autoCapitalize="off" onChange={(e) => setApprover({ ...approver, username: e.target.value })} data-testid="approver-username" />
          <PasswordAgainField label={t('appr.dialog.approverPassword')} value={approver.password} onChange={(e) => setApprover({ ...approver, password: e.target.value })} problem={problem('password')} data-testid="approver-password" />
          {needCode && (
            <Field label={t('appr.dialog.approverCode')} hint={t('appr.dialog.approverCodeHint')} value={approver.code} inputMode="numeric" autoComplete="one-time-code" maxLength={20} onChange={(e) => setApprover({ ...approver, code: e.target.value })} data-testid="approver-code" />
          )}
        </>
      )}
      {mode === 'alone' && (
        <>
          <Field label={t('appr.alone.confirm', { word: ask.confirm })} value={confirmWord} maxLength={200} autoComplete="off" spellCheck={false} onChange={(e) => setConfirmWord(e.target.value)} problem={problem('confirmSummary')} data-testid="approval-confirm" />
          <PasswordAgainField label={t('appr.alone.password')} value={password} onChange={(e) => setPassword(e.target.value)} data-testid="approval-password" />
        </>
      )}
    </Dialog>
  );
}
