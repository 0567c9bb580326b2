import { DEFAULT_APPROVAL_POLICY, type ApprovalOperation, type ApprovalPolicy } from '../../shared/approvals';
import type { Router } from '../../electron/ipc/router';
import { ok } from './seed';

/**
 * For e2e tests that are not about approvals but export everything, restore or add a manager on a
 * one-owner vault: the owner (signed in as `senderId`) turns those operations' approval off
 * through the router, as the Settings would (alone, a policy change is immediate and audited).
 * The default stays on everywhere else: approvals.e2e.ts tests it.
 */
export async function approvalsOff(router: Router, senderId: string, operations: readonly ApprovalOperation[]): Promise<void> {
  const policy: ApprovalPolicy = { ...DEFAULT_APPROVAL_POLICY, operations: { ...DEFAULT_APPROVAL_POLICY.operations, ...Object.fromEntries(operations.map((op) => [op, false])) } };
  await ok(router, senderId, 'approvals.setPolicy', policy);
}

/**
 * Back to the shipped policy (after seeding a manager or a second owner with approvals off). With a
 * second owner the policy change needs their approval: `approver` (signed in here) gives it, as the
 * inbox would, and the change then runs with that approvalId.
 */
export async function approvalsDefault(router: Router, senderId: string, approver?: { username: string; password: string }): Promise<void> {
  const direct = await router.dispatch({ senderId }, 'approvals.setPolicy', DEFAULT_APPROVAL_POLICY);
  if (direct.ok) return;
  if (direct.error.code !== 'APPROVAL_REQUIRED' || !approver) throw new Error(`approvals.setPolicy: ${direct.error.code}`);
  const { id } = (await ok(router, senderId, 'approvals.request', { operation: 'approvals.setPolicy', input: DEFAULT_APPROVAL_POLICY, reason: 'Seed: shipped policy again' })) as { id: number };
  const approverSender = `${senderId}-approver`;
  await ok(router, approverSender, 'session.login', { username: approver.username, password: approver.password });
  await ok(router, approverSender, 'approvals.decide', { id, approve: true, password: approver.password });
  await ok(router, approverSender, 'session.logout', {});
  await ok(router, senderId, 'approvals.setPolicy', { ...DEFAULT_APPROVAL_POLICY, approvalId: id });
}
