import { createHash } from 'node:crypto';

/**
 * Input keys that carry secrets: never stored in a request, never part of its hash. The
 * requester types them again when running (a password hash is never kept waiting).
 */
export const SECRET_KEYS = ['password', 'ownerPassword', 'newPassword', 'recoveryKey', 'code'] as const;

/** The operation's input as stored: no secrets, no approvalId, undefined values dropped. */
export function payloadOf(input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined || key === 'approvalId' || (SECRET_KEYS as readonly string[]).includes(key)) continue;
    out[key] = value;
  }
  return out;
}

/** JSON with object keys sorted at every level, so the same call always gives the same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
}

export function payloadHash(json: string): string {
  return createHash('sha256').update(json).digest('hex');
}
