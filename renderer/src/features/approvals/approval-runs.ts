import type { SecretKey } from './approval-gate';

/**
 * What a request will run, kept in this window's memory so "Run" in My requests can repeat the
 * exact call once it is approved (approvals.list says what will run in words, not the call's
 * input). Never a secret: those are typed again at Run (approval-gate.ts withoutSecrets). Keyed by
 * the requester, so after a sign-out the next person never sees or runs another's; main also
 * refuses anyone but the requester and any input that differs from the approved one.
 */
export interface RememberedRun {
  operation: string;
  input: Record<string, unknown>;
  secrets: SecretKey[];
}

const runs = new Map<string, RememberedRun>();
const key = (username: string, id: number) => `${username}#${id}`;

export function rememberRun(username: string, id: number, run: RememberedRun): void {
  runs.set(key(username, id), run);
}

export function rememberedRun(username: string, id: number): RememberedRun | null {
  return runs.get(key(username, id)) ?? null;
}

/** After it ran, was cancelled or denied: the input is no longer needed. */
export function forgetRun(username: string, id: number): void {
  runs.delete(key(username, id));
}

/** The secrets each operation takes at run time (typed again in the Run dialog; never stored). */
function runSecrets(operation: string, input: Record<string, unknown>): SecretKey[] {
  switch (operation) {
    case 'users.create':
      return input.role === 'owner' ? ['password', 'ownerPassword'] : ['password'];
    case 'users.setRole':
    case 'users.setStatus':
      return ['ownerPassword'];
    case 'users.resetPassword':
      return ['newPassword', 'ownerPassword'];
    case 'account.totp.disable':
    case 'backup.restore':
    case 'settings.setRequire2fa':
      return ['password'];
    default:
      return [];
  }
}

/**
 * The run from main's list when this window does not remember it (after a restart, or asked in
 * another window): approvals.list gives the requester the stored, secret-free input that was approved.
 */
export function storedRun(item: { operation: string; input?: Record<string, unknown> | undefined }): RememberedRun | null {
  if (!item.input) return null;
  return { operation: item.operation, input: item.input, secrets: runSecrets(item.operation, item.input) };
}
