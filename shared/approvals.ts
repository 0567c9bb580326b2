import { z } from 'zod';

/**
 * Four-eyes approval (issue 15): the operations that can need a second person's yes, and what a
 * request looks like on the way to the page. The rules (when an operation needs approval, who may
 * decide, running once) live in electron/core/approvals; this file is the shared vocabulary.
 */
export const APPROVAL_OPERATIONS = [
  'customers.export',
  'customers.deleteMatching',
  'users.create',
  'users.setRole',
  'users.setStatus',
  'users.resetPassword',
  // An owner turning off someone else's two-step sign-in (today's kind 'user.2fa.disable').
  'account.totp.disable',
  'backup.restore',
  // Turning the shop's two-step requirement off.
  'settings.setRequire2fa',
  // Turning a monitoring rule off (the channel comes with the monitoring feature).
  'monitoring.setRule',
  'approvals.setPolicy',
  // Erasing or anonymising a person (issue 16): irreversible, so asked for by default.
  'privacy.erase',
  // Anonymising (or deleting) a retention batch (issue 17): the owner's confirmation, asked for by default.
  'retention.anonymise',
  // Erasing a switched-off field's stored values across all customers (issue 16): a bulk erasure.
  'settings.setField',
  // The older ID-number/bank-card switch, when it erases their values too.
  'settings.setCustomerFields',
  // The affected customers' contact list from a breach record (issue 17): an export like any other.
  'breach.exportContacts',
] as const;
export type ApprovalOperation = (typeof APPROVAL_OPERATIONS)[number];
export const approvalOperationSchema = z.enum(APPROVAL_OPERATIONS);

export function isApprovalOperation(value: unknown): value is ApprovalOperation {
  return typeof value === 'string' && (APPROVAL_OPERATIONS as readonly string[]).includes(value);
}

/** Operations only an owner may approve; the rest (export, bulk delete) a manager may approve too. */
export const OWNER_ONLY_APPROVALS: readonly ApprovalOperation[] = [
  'users.create', 'users.setRole', 'users.setStatus', 'users.resetPassword', 'account.totp.disable',
  'backup.restore', 'settings.setRequire2fa', 'monitoring.setRule', 'approvals.setPolicy',
  'privacy.erase',
  'retention.anonymise',
  'settings.setField',
  'settings.setCustomerFields',
];

export const APPROVAL_STATES = ['pending', 'approved', 'denied', 'expired', 'cancelled', 'executed'] as const;
export type ApprovalState = (typeof APPROVAL_STATES)[number];
export const approvalStateSchema = z.enum(APPROVAL_STATES);

export const APPROVAL_REASON_MIN = 5;
export const APPROVAL_REASON_MAX = 500;
export const approvalReasonSchema = z.string().trim().min(APPROVAL_REASON_MIN).max(APPROVAL_REASON_MAX);

/**
 * The owner's policy: which operations ask for approval at all (a missing key means "yes"), the
 * row thresholds, how long a request lives and the one-owner cooling-off.
 */
export const approvalPolicySchema = z
  .object({
    operations: z.partialRecord(approvalOperationSchema, z.boolean()),
    /** An export of more rows than this (or of every customer, no filter) needs approval. */
    exportRows: z.number().int().min(0).max(1_000_000),
    /** A bulk delete of more rows than this needs approval. */
    deleteRows: z.number().int().min(0).max(1_000_000),
    expiryHours: z.number().int().min(1).max(72),
    coolingOffMinutes: z.number().int().min(0).max(24 * 60),
  })
  .strict();
export type ApprovalPolicy = z.infer<typeof approvalPolicySchema>;

export const DEFAULT_APPROVAL_POLICY: ApprovalPolicy = {
  operations: Object.fromEntries(APPROVAL_OPERATIONS.map((op) => [op, true])) as Record<ApprovalOperation, boolean>,
  exportRows: 500,
  deleteRows: 20,
  expiryHours: 24,
  coolingOffMinutes: 60,
};

/**
 * What exactly will run, for the person deciding: counts, usernames, role, the filter in words,
 * column names. Never a customer's personal data, never a password.
 */
export const approvalSummarySchema = z.object({
  rows: z.number().int().optional(),
  targetUsername: z.string().optional(),
  role: z.string().optional(),
  status: z.string().optional(),
  /** The filter, as the list would describe it ("level: VIP; tag: 2024"); 'all' = no filter. */
  filterText: z.string().optional(),
  columns: z.array(z.string()).optional(),
  format: z.string().optional(),
  fileName: z.string().optional(),
  /** settings.setRequire2fa / monitoring.setRule: the new on/off value. */
  enabled: z.boolean().optional(),
  ruleName: z.string().optional(),
  /** privacy.erase: which customer (id only) and anonymise or delete. */
  customerId: z.number().int().optional(),
  mode: z.string().optional(),
  /** settings.setField with an erase: the field whose stored values go (its name, never a value). */
  field: z.string().optional(),
});
export type ApprovalSummary = z.infer<typeof approvalSummarySchema>;

export const approvalPersonSchema = z.object({ username: z.string(), displayName: z.string() });

/** One request as approvals.list shows it. */
export const approvalItemSchema = z.object({
  id: z.number().int(),
  operation: approvalOperationSchema,
  summary: approvalSummarySchema,
  requester: approvalPersonSchema.extend({ id: z.number().int() }),
  reason: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  usableAfter: z.string().nullable(),
  state: approvalStateSchema,
  /** Approved by the requester alone (nobody else could approve), after confirmation + cooling-off. */
  noSecondPerson: z.boolean(),
  decidedBy: approvalPersonSchema.nullable(),
  decidedAt: z.string().nullable(),
  /** 主管授权: the approver typed their password on the requester's screen. */
  decidedOnScreen: z.boolean(),
  executedAt: z.string().nullable(),
  canDecide: z.boolean(),
  canRun: z.boolean(),
  canCancel: z.boolean(),
  /**
   * The requester's own requests only: the stored, secret-free input that was approved (its hash is
   * the request's), so Run works after a restart. Secrets (passwords) are typed again at run time.
   */
  input: z.record(z.string(), z.unknown()).optional(),
});
export type ApprovalItem = z.infer<typeof approvalItemSchema>;

/**
 * The fields of an APPROVAL_REQUIRED error (all strings, like every error field): the operation,
 * the row count when customers are touched, and `confirm`, the word a lone owner types back to
 * approve their own request (the row count as text, or the target username, or the operation).
 */
export interface ApprovalRequiredFields {
  operation: ApprovalOperation;
  rows?: string;
  confirm: string;
  /** 'yes' when nobody else could approve: the page offers the one-owner path. */
  noSecondPerson?: 'yes';
}

/** Every gated channel's input takes this: the approved request the call runs under. */
export const approvalIdField = z.number().int().positive().optional();
