import { z } from 'zod';
import { LOCALES, type Locale } from './locale';
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

export const appStatusSchema = z.object({
  vault: vaultStateSchema,
  locale: localeSchema,
  keychain: z.enum(['available', 'unavailable', 'unknown']),
});
export type AppStatus = z.infer<typeof appStatusSchema>;

export const appVersionSchema = z.object({
  app: z.string(),
  schema: z.number().int(),
  sqlite: z.string(),
  platform: z.string(),
});
export type AppVersion = z.infer<typeof appVersionSchema>;

export const contract = {
  'app.status': channel({ input: empty, output: appStatusSchema, permission: 'public' }),
  'app.version': channel({ input: empty, output: appVersionSchema, permission: 'public' }),
  'app.setLocale': channel({
    input: z.object({ locale: localeSchema }).strict(),
    output: z.object({ locale: localeSchema }),
    permission: 'public',
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
