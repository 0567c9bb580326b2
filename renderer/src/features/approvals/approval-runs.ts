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
