import { useState } from 'react';
import type { ApprovalItem } from '../../../../shared/approvals';
import type { ChannelName } from '../../../../shared/contract';
import type { ErrorBody } from '../../../../shared/errors';
import { Field, PasswordAgainField, RecoveryKeyField } from '../../components/Field';
import { fieldText, useT, type Translate } from '../../i18n';
import { errorBody, fetchChannel, invalidate } from '../../query';
import { useAppStore } from '../../stores/app-store';
import { afterVaultReplaced } from '../../stores/session-data';
import { Dialog, Notice, toast } from '../../ui';
import type { SecretKey } from './approval-gate';
import { forgetRun, type RememberedRun } from './approval-runs';
import { approvalRefusalText, opText } from './approval-words';

/** The inbox's Approve / Deny: the decider's own password (+ their code when they use two-step sign-in). */
export function DecideDialog({ item, approve, onClose }: { item: ApprovalItem; approve: boolean; onClose(): void }) {
  const t = useT();
  const twoStepOn = useAppStore((state) => state.status?.twoFactor === 'on');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [needCode, setNeedCode] = useState(twoStepOn);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await fetchChannel('approvals.decide', { id: item.id, approve, password, ...(code.trim() ? { code: code.trim() } : {}) });
      toast(t(approve ? 'appr.approved' : 'appr.denied'), { tone: approve ? 'success' : 'info' });
      await invalidate(['approvals.']);
      onClose();
    } catch (problem) {
      const body = errorBody(problem);
      if (body?.code === 'SECOND_FACTOR_REQUIRED' || body?.fields?.code) setNeedCode(true);
      setPassword('');
      setError(body);
      setBusy(false);
    }
  };
  const problem = error?.fields?.password ? fieldText(t, error.fields.password) : undefined;
  return (
    <Dialog
      title={t(approve ? 'appr.approveTitle' : 'appr.denyTitle', { op: opText(t, item.operation) })}
      message={approve ? t('appr.decideBody') : `${t('appr.denyBody')} ${t('appr.decideBody')}`}
      confirmLabel={t(approve ? 'appr.approve' : 'appr.deny')}
      danger={!approve}
      busy={busy}
      confirmDisabled={!password || (needCode && !code.trim())}
      error={problem ? null : error}
      onConfirm={() => void submit()}
      onCancel={onClose}
      testId="decide-dialog"
    >
      <PasswordAgainField label={t('appr.yourPassword')} value={password} onChange={(e) => setPassword(e.target.value)} problem={problem} />
      {needCode && <Field label={t('appr.yourCode')} value={code} inputMode="numeric" autoComplete="one-time-code" maxLength={20} onChange={(e) => setCode(e.target.value)} />}
    </Dialog>
  );
}

function secretLabel(t: Translate, operation: string, key: SecretKey): string {
  if (key === 'newPassword' || (key === 'password' && operation === 'users.create')) return t('appr.runPassword');
  if (key === 'recoveryKey') return t('restore.recoveryKey');
  return t('appr.yourPassword');
}

/**
 * My requests' Run: the remembered call once more, with `approvalId` and the secrets typed again
 * (a request never holds a password). Main runs it once, only if it is still exactly what was approved.
 */
export function RunDialog({ item, run, onClose }: { item: ApprovalItem; run: RememberedRun; onClose(): void }) {
  const t = useT();
  const me = useAppStore((state) => state.status?.session?.username ?? '');
  const [secrets, setSecrets] = useState<Partial<Record<SecretKey, string>>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const typed = Object.fromEntries(run.secrets.map((key) => [key, key === 'recoveryKey' ? (secrets[key] ?? '').trim() : (secrets[key] ?? '')]));
      // The operation is one of the gated channels; its input was checked by main when it was asked for.
      const value = (await fetchChannel(run.operation as ChannelName, { ...run.input, ...typed, approvalId: item.id } as never)) as unknown;
      forgetRun(me, item.id);
      if (run.operation === 'backup.restore') {
        const restored = value as { safetyCopy: string; report: { backupCreatedAt: string | null } };
        return await afterVaultReplaced({ key: 'restore.done', params: { date: restored.report.backupCreatedAt ?? '', safetyCopy: restored.safetyCopy } });
      }
      toast(t('appr.ran'), { tone: 'success' });
      // The change may touch anything the operation's feature shows.
      await invalidate(['approvals.', 'customers.', 'users.', 'settings.', 'dashboard.', 'audit.']);
      onClose();
    } catch (problem) {
      setSecrets({});
      setError(errorBody(problem));
      setBusy(false);
    }
  };
  const refusal = approvalRefusalText(t, error);
  return (
    <Dialog
      title={t('appr.runTitle', { op: opText(t, item.operation) })}
      message={t('appr.runBody')}
      confirmLabel={t('appr.run')}
      busy={busy}
      confirmDisabled={run.secrets.some((key) => !secrets[key])}
      error={refusal ? null : error}
      onConfirm={() => void submit()}
      onCancel={onClose}
      testId="run-dialog"
    >
      {refusal && (
        <Notice tone="danger" data-testid="error" data-code={error?.code}>
          {refusal}
        </Notice>
      )}
      {run.secrets.map((key) => {
        const props = { label: secretLabel(t, run.operation, key), value: secrets[key] ?? '', onChange: (e: { target: { value: string } }) => setSecrets({ ...secrets, [key]: e.target.value }) };
        if (key === 'recoveryKey') return <RecoveryKeyField key={key} {...props} />;
        if (props.label === t('appr.runPassword')) return <Field key={key} {...props} type="password" autoComplete="new-password" spellCheck={false} maxLength={256} />;
        return <PasswordAgainField key={key} {...props} />;
      })}
    </Dialog>
  );
}
