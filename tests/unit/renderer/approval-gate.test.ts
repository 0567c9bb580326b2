import { describe, expect, it, vi } from 'vitest';
import type { ErrorBody } from '../../../shared/errors';
import { approvalAsk, gateCall, reasonOk, usableNow, withoutSecrets, type GateOutcome } from '../../../renderer/src/features/approvals/approval-gate';
import { forgetRun, rememberedRun, rememberRun } from '../../../renderer/src/features/approvals/approval-runs';

class Refused extends Error {
  constructor(readonly body: ErrorBody) {
    super(body.code);
  }
}
const toBody = (error: unknown) => (error instanceof Refused ? error.body : null);
const required = (fields: Record<string, string>): ErrorBody => ({ code: 'APPROVAL_REQUIRED', message: 'x', fields });

describe('the approval gate in the renderer', () => {
  it('reads APPROVAL_REQUIRED and nothing else', () => {
    expect(approvalAsk(required({ operation: 'customers.export', rows: '1200', confirm: '1200' }))).toEqual({ operation: 'customers.export', rows: 1200, confirm: '1200', noSecondPerson: false });
    expect(approvalAsk(required({ operation: 'users.setRole', confirm: 'li', noSecondPerson: 'yes' }))).toEqual({ operation: 'users.setRole', rows: null, confirm: 'li', noSecondPerson: true });
    // A row count that is not a whole number is not shown as one.
    expect(approvalAsk(required({ operation: 'customers.export', rows: '12abc', confirm: '' }))?.rows).toBeNull();
    expect(approvalAsk({ code: 'FORBIDDEN', message: 'x' })).toBeNull();
    expect(approvalAsk(null)).toBeNull();
  });

  it('a call that runs answers done and never opens the dialog', async () => {
    const approve = vi.fn();
    await expect(gateCall(async () => 7, toBody, approve)).resolves.toEqual({ status: 'done', value: 7 });
    expect(approve).not.toHaveBeenCalled();
  });

  it('APPROVAL_REQUIRED opens the dialog instead of an error; its answer is the outcome', async () => {
    const outcome: GateOutcome<number> = { status: 'sent', id: 4 };
    const approve = vi.fn(async () => outcome);
    const call = async (): Promise<number> => {
      throw new Refused(required({ operation: 'backup.restore', confirm: 'restore' }));
    };
    await expect(gateCall(call, toBody, approve)).resolves.toBe(outcome);
    expect(approve).toHaveBeenCalledWith({ operation: 'backup.restore', rows: null, confirm: 'restore', noSecondPerson: false });
  });

  it('any other refusal reaches the screen as before', async () => {
    const approve = vi.fn();
    const refusal = new Refused({ code: 'UNAUTHENTICATED', message: 'x' });
    await expect(gateCall(() => Promise.reject(refusal), toBody, approve)).rejects.toBe(refusal);
    expect(approve).not.toHaveBeenCalled();
  });

  it('keeps no secret for a later run, and remembers which ones to ask again', () => {
    const { kept, secrets } = withoutSecrets({ username: 'li', role: 'manager', password: 'pw-one-two', ownerPassword: 'owner-pw', approvalId: 3, displayName: 'Li' });
    expect(kept).toEqual({ username: 'li', role: 'manager', displayName: 'Li' });
    expect(secrets).toEqual(['password', 'ownerPassword']);
    expect(JSON.stringify(kept)).not.toContain('pw');
  });

  it('a remembered run belongs to its requester only', () => {
    rememberRun('li', 9, { operation: 'customers.export', input: { format: 'csv' }, secrets: [] });
    expect(rememberedRun('li', 9)?.operation).toBe('customers.export');
    expect(rememberedRun('wang', 9)).toBeNull();
    forgetRun('li', 9);
    expect(rememberedRun('li', 9)).toBeNull();
  });

  it('a reason is 5 to 500 characters; Run waits for approval and the cooling-off', () => {
    expect(reasonOk('abcd')).toBe(false);
    expect(reasonOk('  年底对账用  ')).toBe(true);
    expect(reasonOk('x'.repeat(501))).toBe(false);
    const now = Date.parse('2026-12-03T10:00:00Z');
    expect(usableNow({ state: 'approved', usableAfter: null }, now)).toBe(true);
    expect(usableNow({ state: 'approved', usableAfter: '2026-12-03T10:30:00Z' }, now)).toBe(false);
    expect(usableNow({ state: 'approved', usableAfter: '2026-12-03T09:30:00Z' }, now)).toBe(true);
    expect(usableNow({ state: 'pending', usableAfter: null }, now)).toBe(false);
    expect(usableNow({ state: 'approved', usableAfter: null, executedAt: '2026-12-03T09:00:00Z' }, now)).toBe(false);
  });
});

describe('a refused run in words', () => {
  it('says why an approved request cannot run, and leaves other errors to the screen', async () => {
    const { approvalRefusalText } = await import('../../../renderer/src/features/approvals/approval-words');
    const { translate } = await import('../../../renderer/src/i18n');
    const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate('zh-CN', key, params);
    expect(approvalRefusalText(t, { code: 'CONFLICT', message: 'x', fields: { approval: 'payload_changed' } })).toContain('重新申请审批');
    expect(approvalRefusalText(t, { code: 'CONFLICT', message: 'x', fields: { approval: 'cooling_off', usableAfter: '2026-12-03T10:00:00Z' } })).toContain('冷静期');
    expect(approvalRefusalText(t, { code: 'CONFLICT', message: 'x', fields: { approval: 'denied' } })).toBe(translate('zh-CN', 'appr.conflict.other'));
    expect(approvalRefusalText(t, { code: 'CONFLICT', message: 'x' })).toBeNull();
    expect(approvalRefusalText(t, null)).toBeNull();
  });
});
