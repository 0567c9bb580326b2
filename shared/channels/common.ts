import { z } from 'zod';
import { LOCALES, type Locale } from '../locale';
import type { Permission } from '../permissions';


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

export function channel<I extends z.ZodType, O extends z.ZodType>(spec: ChannelSpec<I, O>): ChannelSpec<I, O> {
  return spec;
}

export const empty = z.object({}).strict();

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
  /** 'missing': the SQLCipher module did not load at start; setup and unlock are refused (DATABASE_ENGINE_MISSING). */
  databaseEngine: z.enum(['ok', 'missing']),
  /** The shop has data rules the signed-in user has not accepted: the acceptance screen comes first. */
  mustAcceptDataRules: z.boolean(),
  /** Owner only (null otherwise): the quarterly access review is due (last one over 90 days ago). */
  accessReviewDue: z.boolean().nullable(),
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
export const username = z.string().trim().min(1).max(64);
export const password = z.string().min(1).max(256);
export const recoveryKeyText = z.string().min(1).max(200);
