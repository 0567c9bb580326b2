import { z } from 'zod';
import { approvalIdField } from '../approvals';
import { AUDIT_GROUP_NAMES } from '../audit-groups';
import { channel, empty, password, roleSchema, username } from './common';

/** One's own account, the owner's settings and users, and the audit log (approvals: approvals.ts). */
export const adminChannels = {
  'account.totp.begin': channel({
    input: empty,
    // The user's own new TOTP secret, shown once to type or scan into their authenticator app.
    output: z.object({ secret: z.string(), uri: z.string() }),
    permission: 'account.self',
  }),
  'account.totp.confirm': channel({
    input: z.object({ code: z.string().trim().min(6).max(8) }).strict(),
    output: z.object({ recoveryCodes: z.array(z.string()) }),
    permission: 'account.self',
  }),
  'account.totp.disable': channel({
    // approvalId: an owner turning off their own two-step sign-in where a second owner could approve.
    input: z.object({ password, approvalId: approvalIdField }).strict(),
    output: z.object({ disabled: z.boolean() }),
    permission: 'account.self',
  }),
  'settings.auth': channel({
    input: empty,
    output: z.object({ require2fa: z.boolean(), idleMinutes: z.number().int() }),
    permission: 'settings.manage',
  }),
  'settings.setIdleMinutes': channel({
    input: z.object({ minutes: z.number().int().min(1).max(240) }).strict(),
    output: z.object({ idleMinutes: z.number().int() }),
    permission: 'settings.manage',
  }),
  'settings.setRequire2fa': channel({
    // Turning the requirement off is gated by four-eyes approval (approvalId).
    input: z.object({ required: z.boolean(), password, approvalId: approvalIdField }).strict(),
    output: z.object({ required: z.boolean() }),
    permission: 'settings.manage',
  }),
  'users.list': channel({
    input: empty,
    output: z.array(
      z.object({
        username: z.string(),
        displayName: z.string(),
        role: roleSchema,
        status: z.enum(['active', 'disabled', 'locked']),
        has2fa: z.boolean(),
        createdAt: z.string(),
        lastLoginAt: z.string().nullable(),
      }),
    ),
    permission: 'users.manage',
  }),
  'users.create': channel({
    // ownerPassword: required when creating an owner (see users.setStatus).
    // A new owner or manager needs approval (APPROVAL_REQUIRED, then re-run with approvalId and
    // the password again: the request never stores it).
    input: z.object({ username, displayName: z.string().trim().min(1).max(100), role: roleSchema, password, ownerPassword: password.optional(), approvalId: approvalIdField }).strict(),
    output: z.object({ username: z.string() }),
    permission: 'users.manage',
  }),
  'users.setRole': channel({
    // Changing a role is high-risk: the owner confirms with their own password.
    input: z.object({ username, role: roleSchema, ownerPassword: password, approvalId: approvalIdField }).strict(),
    output: z.object({ username: z.string(), role: roleSchema }),
    permission: 'users.manage',
  }),
  'users.setStatus': channel({
    // ownerPassword: the acting owner's password, required when the target is an owner
    // (INVALID_INPUT with fields.ownerPassword = 'required' otherwise).
    // Disabling an owner needs approval (approvalId).
    input: z.object({ username, status: z.enum(['active', 'disabled']), ownerPassword: password.optional(), approvalId: approvalIdField }).strict(),
    output: z.object({ username: z.string(), status: z.enum(['active', 'disabled', 'locked']), sessionsEnded: z.number().int() }),
    permission: 'users.manage',
  }),
  'users.resetPassword': channel({
    // ownerPassword: required when the target is an owner (see users.setStatus).
    // Resetting an owner's password needs approval (approvalId; the new password is given at run).
    input: z.object({ username, newPassword: password, ownerPassword: password.optional(), approvalId: approvalIdField }).strict(),
    output: z.object({ username: z.string() }),
    permission: 'users.manage',
  }),
  'audit.query': channel({
    input: z
      .object({
        username: z.string().trim().min(1).max(64).optional(),
        action: z.string().trim().min(1).max(40).optional(),
        // An action group of the page's list (shared/audit-groups.ts).
        group: z.enum(AUDIT_GROUP_NAMES).optional(),
        recordId: z.string().trim().min(1).max(40).optional(),
        // Rows about this customer (entity customer); wins over recordId.
        customerId: z.number().int().positive().optional(),
        // Leaves out the reads that only looked (AUDIT_READ_ACTIONS); a reveal is never left out.
        hideReads: z.boolean().optional(),
        from: z.string().max(40).optional(),
        to: z.string().max(40).optional(),
        beforeId: z.number().int().positive().optional(),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
    output: z.array(
      z.object({
        id: z.number().int(),
        at: z.string(),
        username: z.string().nullable(),
        role: z.string().nullable(),
        action: z.string(),
        entity: z.string().nullable(),
        recordId: z.string().nullable(),
        outcome: z.enum(['ok', 'denied', 'rejected', 'failed']),
        fields: z.array(z.string()),
        reason: z.string().nullable(),
        // Resolved in main: the actor's display name, and the customer's name only where the
        // reader's role may read that customer (null otherwise: the page says "customer #id").
        userName: z.string().nullable(),
        customerId: z.number().int().nullable(),
        customerName: z.string().nullable(),
        targetUserName: z.string().nullable(),
      }),
    ),
    permission: 'audit.read',
  }),
  // The audit page's user filter: every account by display name (the log already names them).
  'audit.people': channel({
    input: empty,
    output: z.array(z.object({ username: z.string(), displayName: z.string() })),
    permission: 'audit.read',
  }),
  // Owner only (users.manage): who saw whom is asked in a breach or insider case.
  'audit.customersSeen': channel({
    input: z
      .object({ username: z.string().trim().min(1).max(64), from: z.string().datetime({ offset: true }), to: z.string().datetime({ offset: true }) })
      .strict(),
    output: z.object({ userId: z.number().int(), customerIds: z.array(z.number().int()) }),
    permission: 'users.manage',
  }),
  // scope 'new' (the default of the page's button): from the last clean verify on; 'full': every
  // row, on a worker thread. Without a scope: full, as before issue 18.
  'audit.verify': channel({
    input: z.object({ scope: z.enum(['new', 'full']).optional() }).strict(),
    output: z.object({
      // What was walked: a 'new' without a usable checkpoint becomes 'full'.
      scope: z.enum(['new', 'full']),
      ok: z.boolean(),
      rows: z.number().int(),
      firstBrokenId: z.number().int().nullable(),
      problem: z.string().nullable(),
      // problem 'anchor': the chain holds together but this backup recorded a head the log lacks.
      backup: z.string().nullable(),
      anchors: z.object({ folder: z.enum(['none', 'ok', 'unavailable']), checked: z.number().int(), notChecked: z.number().int(), superseded: z.number().int() }),
    }),
    permission: 'audit.verify',
  }),
  // Polled by the audit page while a full verify runs (percent of rows walked).
  'audit.verifyProgress': channel({ input: empty, output: z.object({ percent: z.number().int() }).nullable(), permission: 'audit.verify' }),
} as const;
