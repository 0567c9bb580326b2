import { z } from 'zod';
import { approvalItemSchema, approvalOperationSchema, approvalPolicySchema, approvalReasonSchema, approvalStateSchema, approvalIdField } from '../approvals';
import { channel, empty, password, username } from './common';

const secondFactorCode = z.string().trim().min(6).max(20);

/**
 * Four-eyes approval (issue 15). A gated channel answers APPROVAL_REQUIRED; the page asks here
 * (approvals.request), a second owner or manager decides (in their inbox, or 主管授权 on the
 * requester's screen), and the requester re-runs the same call with `approvalId`.
 */
export const approvalChannels = {
  'approvals.request': channel({
    input: z
      .object({
        operation: approvalOperationSchema,
        // The operation's own input, re-checked in main against that channel's schema. Secrets
        // (passwords) are left out of the stored request; they are given again when running.
        input: z.record(z.string(), z.unknown()),
        reason: approvalReasonSchema,
        // One-owner path only: the `confirm` field of APPROVAL_REQUIRED typed back, plus the password.
        confirmSummary: z.string().trim().min(1).max(200).optional(),
        password: password.optional(),
      })
      .strict(),
    output: z.object({
      id: z.number().int(),
      state: approvalStateSchema,
      expiresAt: z.string(),
      usableAfter: z.string().nullable(),
      noSecondPerson: z.boolean(),
    }),
    permission: 'approvals.decide',
  }),
  'approvals.list': channel({
    // inbox: pending requests this user may decide (never their own); mine: their own requests;
    // all: every request (owner: all; manager: those they could decide plus their own).
    input: z.object({ view: z.enum(['inbox', 'mine', 'all']) }).strict(),
    output: z.object({ items: z.array(approvalItemSchema) }),
    permission: 'approvals.decide',
  }),
  'approvals.decide': channel({
    input: z
      .object({
        id: z.number().int().positive(),
        approve: z.boolean(),
        // The deciding session user's password (+ code when they use two-step sign-in). Not needed
        // with `approver`: then the approver's own credentials are checked instead.
        password: password.optional(),
        code: secondFactorCode.optional(),
        // 主管授权: the approver types their own username and password on the requester's screen.
        approver: z.object({ username, password, code: secondFactorCode.optional() }).strict().optional(),
      })
      .strict()
      .refine((v) => v.approver !== undefined || v.password !== undefined, { message: 'required', path: ['password'] }),
    output: z.object({ id: z.number().int(), state: approvalStateSchema }),
    permission: 'approvals.decide',
  }),
  'approvals.cancel': channel({
    input: z.object({ id: z.number().int().positive() }).strict(),
    output: z.object({ id: z.number().int(), state: approvalStateSchema }),
    permission: 'approvals.decide',
  }),
  // The home page's badge: pending requests waiting for this user, and their own open requests.
  'approvals.count': channel({
    input: empty,
    output: z.object({ inbox: z.number().int(), mine: z.number().int() }),
    permission: 'approvals.decide',
  }),
  'approvals.policy': channel({
    input: empty,
    output: approvalPolicySchema,
    permission: 'approvals.decide',
  }),
  'approvals.setPolicy': channel({
    // Needs approval itself when a second owner could approve; alone the owner changes it (audited).
    input: approvalPolicySchema.extend({ approvalId: approvalIdField }).strict(),
    output: approvalPolicySchema,
    permission: 'settings.manage',
  }),
} as const;
