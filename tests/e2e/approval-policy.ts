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

/** Back to the shipped policy (after seeding a manager with approvals off, for example). */
export async function approvalsDefault(router: Router, senderId: string): Promise<void> {
  await ok(router, senderId, 'approvals.setPolicy', DEFAULT_APPROVAL_POLICY);
}
