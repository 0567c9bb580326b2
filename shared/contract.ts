import { z } from 'zod';
import { LOCALES, type Locale } from './locale';
import { CUSTOMER_LEVELS, CUSTOMER_SORTS, SENSITIVE_CUSTOMER_FIELDS, customerChangesSchema, customerInputSchema, customerViewSchema } from './customers';
import type { Permission } from './permissions';

/**
 * The IPC contract, written once. The preload exposes exactly these channel names, the router
 * validates and authorizes with them, and the renderer's client is typed from them.
 *
 * Inputs are strict (unknown keys are rejected, not stripped) so a confused or hostile renderer
 * learns nothing by probing. Outputs are parsed on the way out, which strips any field a handler
 * returned by mistake: what is not in the schema never crosses the bridge.
 */
export interface ChannelSpec<I extends z.ZodType, O extends z.ZodType> {
  input: I;
  output: O;
  /** 'public' channels work before login and while locked (status, unlock, setup). */
  permission: Permission | 'public';
  /** Output field names that hold personal data and must pass through masking. */
  sensitive?: readonly string[];
}

function channel<I extends z.ZodType, O extends z.ZodType>(spec: ChannelSpec<I, O>): ChannelSpec<I, O> {
  return spec;
}

const empty = z.object({}).strict();

export const localeSchema = z.enum(LOCALES);
export type { Locale };

export const vaultStateSchema = z.enum(['needs-setup', 'locked', 'unlocked']);
export type VaultState = z.infer<typeof vaultStateSchema>;

export const roleSchema = z.enum(['owner', 'manager', 'sales', 'support', 'auditor']);
export type Role = z.infer<typeof roleSchema>;

/** Who is logged in on this window: names and role only, never an id the page could replay. */
export const sessionUserSchema = z.object({
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const appStatusSchema = z.object({
  vault: vaultStateSchema,
  locale: localeSchema,
  keychain: z.enum(['available', 'unavailable', 'unknown']),
  /** Why the vault is still locked after start, so the unlock screen can say what to do. */
  lockedReason: z.enum(['recovery-key-required', 'keychain-unavailable', 'keychain-error', 'unreadable']).nullable(),
  session: sessionUserSchema.nullable(),
  /** The window is locked (Lock now, or idle): only the same user's password opens it. */
  sessionLocked: z.boolean(),
  /** Two-step sign-in for the signed-in user: whether it is on, and whether it must be set up now. */
  twoFactor: z.enum(['on', 'off', 'required']).nullable(),
  /** null until someone with the right to see it is logged in. */
  backupFolderChosen: z.boolean().nullable(),
});
export type AppStatus = z.infer<typeof appStatusSchema>;

export const appVersionSchema = z.object({
  app: z.string(),
  schema: z.number().int(),
  sqlite: z.string(),
  platform: z.string(),
});
export type AppVersion = z.infer<typeof appVersionSchema>;

// Lengths are bounded everywhere: a renderer cannot make main hash a 100 MB "password".
const username = z.string().trim().min(1).max(64);
const password = z.string().min(1).max(256);
const recoveryKeyText = z.string().min(1).max(200);

export const contract = {
  'app.status': channel({ input: empty, output: appStatusSchema, permission: 'public' }),
  'app.version': channel({ input: empty, output: appVersionSchema, permission: 'public' }),
  'app.setLocale': channel({
    input: z.object({ locale: localeSchema }).strict(),
    output: z.object({ locale: localeSchema }),
    permission: 'public',
  }),
  'setup.begin': channel({
    input: z.object({ owner: z.object({ username, displayName: z.string().trim().min(1).max(100), password }).strict() }).strict(),
    // The one secret that ever crosses the bridge, once, because the owner must write it down.
    output: z.object({ recoveryKey: z.string(), keychain: z.enum(['available', 'unavailable', 'unknown']) }),
    permission: 'public',
  }),
  'setup.complete': channel({
    input: z.object({ recoveryKeyEnding: z.string().min(1).max(20), confirmedStored: z.literal(true) }).strict(),
    output: z.object({ user: sessionUserSchema }),
    permission: 'public',
  }),
  'vault.unlockWithRecoveryKey': channel({
    input: z.object({ recoveryKey: recoveryKeyText }).strict(),
    output: z.object({ vault: vaultStateSchema }),
    permission: 'public',
  }),
  'vault.retryKeychain': channel({ input: empty, output: z.object({ vault: vaultStateSchema }), permission: 'public' }),
  'session.login': channel({
    // code: a 6-digit authenticator code or a recovery code, when the account has 2FA.
    input: z.object({ username, password, code: z.string().trim().min(1).max(20).optional() }).strict(),
    output: z.object({ user: sessionUserSchema }),
    permission: 'public',
  }),
  'session.logout': channel({ input: empty, output: z.object({ ended: z.boolean() }), permission: 'public' }),
  'session.lock': channel({ input: empty, output: z.object({ locked: z.boolean() }), permission: 'public' }),
  'session.unlock': channel({ input: z.object({ password }).strict(), output: z.object({ user: sessionUserSchema }), permission: 'public' }),
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
    input: z.object({ password }).strict(),
    output: z.object({ disabled: z.boolean(), pending: z.boolean() }),
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
    input: z.object({ required: z.boolean(), password }).strict(),
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
    input: z.object({ username, displayName: z.string().trim().min(1).max(100), role: roleSchema, password }).strict(),
    output: z.object({ username: z.string() }),
    permission: 'users.manage',
  }),
  'users.setRole': channel({
    // Changing a role is high-risk: the owner confirms with their own password.
    input: z.object({ username, role: roleSchema, ownerPassword: password }).strict(),
    // pending: a second owner exists and must approve (approvals.decide); role is still the old one.
    output: z.object({ username: z.string(), role: roleSchema, pending: z.boolean() }),
    permission: 'users.manage',
  }),
  'users.setStatus': channel({
    input: z.object({ username, status: z.enum(['active', 'disabled']) }).strict(),
    output: z.object({ username: z.string(), status: z.enum(['active', 'disabled']), sessionsEnded: z.number().int() }),
    permission: 'users.manage',
  }),
  'users.resetPassword': channel({
    input: z.object({ username, newPassword: password }).strict(),
    output: z.object({ username: z.string() }),
    permission: 'users.manage',
  }),
  'approvals.list': channel({
    input: empty,
    output: z.array(
      z.object({
        id: z.number().int(),
        kind: z.enum(['user.role', 'user.2fa.disable']),
        targetUsername: z.string(),
        requestedByUsername: z.string(),
        requestedAt: z.string(),
        payload: z.object({ role: roleSchema.optional() }),
      }),
    ),
    permission: 'users.manage',
  }),
  'approvals.decide': channel({
    input: z.object({ id: z.number().int().positive(), approve: z.boolean(), password }).strict(),
    output: z.object({ id: z.number().int(), approved: z.boolean() }),
    permission: 'users.manage',
  }),
  'audit.query': channel({
    input: z
      .object({
        username: z.string().trim().min(1).max(64).optional(),
        action: z.string().trim().min(1).max(40).optional(),
        recordId: z.string().trim().min(1).max(40).optional(),
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
      }),
    ),
    permission: 'audit.read',
  }),
  'audit.verify': channel({
    input: empty,
    output: z.object({
      ok: z.boolean(),
      rows: z.number().int(),
      firstBrokenId: z.number().int().nullable(),
      problem: z.string().nullable(),
    }),
    permission: 'audit.verify',
  }),
  'vault.rotateKey': channel({
    // Re-authentication: a high-risk change needs the password again, not just an open session.
    input: z.object({ password }).strict(),
    output: z.object({ rotated: z.literal(true) }),
    permission: 'vault.rotateKey',
  }),
  'settings.chooseBackupFolder': channel({
    input: empty,
    // The folder path is shown to the owner who chose it; it names a place, not a person.
    output: z.object({ folder: z.string().nullable() }),
    permission: 'backup.configure',
  }),
  'customers.list': channel({
    input: z
      .object({
        level: z.enum(CUSTOMER_LEVELS).optional(),
        tag: z.string().trim().min(1).max(40).optional(),
        sort: z.enum(CUSTOMER_SORTS).default('name'),
        after: z.object({ value: z.string().max(200), id: z.number().int().positive() }).strict().optional(),
        limit: z.number().int().min(1).max(200).default(50),
      })
      .strict(),
    output: z.object({
      items: z.array(customerViewSchema),
      next: z.object({ value: z.string(), id: z.number().int() }).nullable(),
    }),
    permission: 'customers.read',
  }),
  'customers.search': channel({
    input: z.object({ query: z.string().trim().min(1).max(100), limit: z.number().int().min(1).max(200).default(50) }).strict(),
    output: z.array(customerViewSchema),
    permission: 'customers.read',
  }),
  'customers.get': channel({
    input: z.object({ id: z.number().int().positive() }).strict(),
    output: customerViewSchema,
    permission: 'customers.read',
  }),
  'customers.create': channel({ input: customerInputSchema, output: customerViewSchema, permission: 'customers.write' }),
  'customers.update': channel({
    input: z.object({ id: z.number().int().positive(), changes: customerChangesSchema }).strict(),
    output: customerViewSchema,
    permission: 'customers.write',
  }),
  'customers.delete': channel({
    input: z.object({ id: z.number().int().positive() }).strict(),
    output: z.object({ deleted: z.literal(true) }),
    permission: 'customers.delete',
  }),
  'customers.timeline': channel({
    input: z.object({ id: z.number().int().positive(), limit: z.number().int().min(1).max(500).default(100) }).strict(),
    output: z.array(
      z.object({
        type: z.enum(['interaction', 'purchase']),
        id: z.number().int(),
        at: z.string(),
        kind: z.string(),
        text: z.string(),
        amountMinor: z.number().int().nullable(),
        currency: z.string().nullable(),
        byUsername: z.string(),
      }),
    ),
    permission: 'interactions.read',
  }),
  'interactions.add': channel({
    input: z
      .object({
        customerId: z.number().int().positive(),
        kind: z.enum(['call', 'email', 'wechat', 'visit', 'service', 'feedback', 'note']),
        at: z.iso.datetime(),
        summary: z.string().trim().min(1).max(2000),
      })
      .strict(),
    output: z.object({ id: z.number().int() }),
    permission: 'interactions.write',
  }),
  'purchases.add': channel({
    input: z
      .object({
        customerId: z.number().int().positive(),
        date: z.iso.date(),
        item: z.string().trim().min(1).max(200),
        // Integer minor units (fen, cents): no floating-point money.
        amountMinor: z.number().int().min(0).max(1e13),
        currency: z.string().regex(/^[A-Z]{3}$/),
        note: z.string().trim().max(500).optional(),
      })
      .strict(),
    output: z.object({ id: z.number().int() }),
    permission: 'purchases.write',
  }),
  'customers.reveal': channel({
    input: z
      .object({
        id: z.number().int().positive(),
        field: z.enum(SENSITIVE_CUSTOMER_FIELDS),
        // Why the full value is needed; kept in the audit log, so it must say something.
        reason: z.string().trim().min(3).max(200),
      })
      .strict(),
    // The one output that carries a full sensitive value, on purpose, after its own check.
    output: z.object({ value: z.string() }),
    permission: 'customers.reveal',
  }),
} as const;

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
export type ChannelInput<C extends ChannelName> = z.input<Contract[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<Contract[C]['output']>;

export const CHANNEL_NAMES = Object.keys(contract) as ChannelName[];

export function isChannelName(value: unknown): value is ChannelName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(contract, value);
}
