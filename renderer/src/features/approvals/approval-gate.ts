import type { ErrorBody } from '../../../../shared/errors';

/**
 * The pure part of the approval gate (the hook and dialog use it; tests/unit/renderer tests it):
 * reading APPROVAL_REQUIRED, what a request may carry, and which secrets must be typed again.
 */

/** What APPROVAL_REQUIRED said (shared/approvals.ts ApprovalRequiredFields), parsed and checked. */
export interface ApprovalAsk {
  operation: string;
  /** Customers the call touches, when it touches customers. */
  rows: number | null;
  /** The word a lone owner types back to approve their own request. */
  confirm: string;
  /** Nobody else could approve: the dialog offers only the one-owner path. */
  noSecondPerson: boolean;
}

/** The ask inside an error, or null when the error is anything else (that one is shown as usual). */
export function approvalAsk(error: ErrorBody | null | undefined): ApprovalAsk | null {
  if (!error || error.code !== 'APPROVAL_REQUIRED') return null;
  const fields = error.fields ?? {};
  const operation = fields.operation ?? '';
  const rows = fields.rows !== undefined && /^\d+$/.test(fields.rows) ? Number(fields.rows) : null;
  return { operation, rows, confirm: fields.confirm ?? '', noSecondPerson: fields.noSecondPerson === 'yes' };
}

/**
 * Inputs that are passwords or keys. They go to main with the call (as always) but are never kept
 * in the renderer after the dialog closes: a later "Run" asks for them again.
 */
export const SECRET_KEYS = ['password', 'newPassword', 'ownerPassword', 'recoveryKey', 'code'] as const;
export type SecretKey = (typeof SECRET_KEYS)[number];

/** The call's input without `approvalId`: what the request is asked for. */
export function requestInput(input: Record<string, unknown>): Record<string, unknown> {
  const { approvalId: _ignored, ...rest } = input;
  return rest;
}

/** Splits an input into what may be remembered for a later run and the names of its secrets. */
export function withoutSecrets(input: Record<string, unknown>): { kept: Record<string, unknown>; secrets: SecretKey[] } {
  const kept: Record<string, unknown> = {};
  const secrets: SecretKey[] = [];
  for (const [key, value] of Object.entries(requestInput(input))) {
    if ((SECRET_KEYS as readonly string[]).includes(key)) {
      if (value !== undefined && value !== '') secrets.push(key as SecretKey);
    } else kept[key] = value;
  }
  return { kept, secrets };
}

/** The reason's bounds (shared/approvals.ts approvalReasonSchema), checked before sending. */
export const REASON_MIN = 5;
export const REASON_MAX = 500;
export const reasonOk = (reason: string): boolean => reason.trim().length >= REASON_MIN && reason.trim().length <= REASON_MAX;

/** Whether an approved request may run now: approved, not run, cooling-off (if any) over. */
export function usableNow(item: { state: string; usableAfter: string | null; executedAt?: string | null }, now: number): boolean {
  if (item.state !== 'approved' || item.executedAt) return false;
  return item.usableAfter === null || Date.parse(item.usableAfter) <= now;
}

/** The answer of a gated call: it ran, it waits in the inbox or its cooling-off, or the person stopped. */
export type GateOutcome<T> =
  | { status: 'done'; value: T }
  | { status: 'sent'; id: number }
  | { status: 'waiting'; id: number; usableAfter: string | null }
  | { status: 'cancelled' };

/**
 * Calls once; on APPROVAL_REQUIRED hands the ask to `approve` (the dialog), whose answer is the
 * outcome. Any other refusal is thrown to the caller, which shows it where it always did.
 */
export async function gateCall<T>(
  call: () => Promise<T>,
  toBody: (error: unknown) => ErrorBody | null,
  approve: (ask: ApprovalAsk) => Promise<GateOutcome<T>>,
): Promise<GateOutcome<T>> {
  try {
    return { status: 'done', value: await call() };
  } catch (error) {
    const ask = approvalAsk(toBody(error));
    if (!ask) throw error;
    return approve(ask);
  }
}
