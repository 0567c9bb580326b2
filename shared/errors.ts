// Error codes are the only thing the renderer branches on; messages are for people and never
// carry personal data, key material or stack traces.
export const ERROR_CODES = [
  'UNKNOWN_CHANNEL',
  'INVALID_INPUT',
  'UNAUTHENTICATED',
  'LOCKED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'VAULT_NOT_SET_UP',
  'VAULT_ALREADY_SET_UP',
  'VAULT_UNREADABLE',
  'WRONG_KEY',
  'RECOVERY_KEY_TYPO',
  'KEYCHAIN_UNAVAILABLE',
  'STORAGE_UNAVAILABLE',
  'UNSAFE_LOCATION',
  'INTERNAL',
  'RECOVERY_KEY_REQUIRED',
  'VAULT_TOO_NEW',
  'SECOND_FACTOR_REQUIRED',
  'TWO_FACTOR_SETUP_REQUIRED',
  'BACKUP_CORRUPT',
  'STORAGE_FULL',
  'BACKUP_FOLDER_UNAVAILABLE',
  'DATABASE_ENGINE_MISSING',
  // fields: ApprovalRequiredFields (shared/approvals.ts): operation, rows?, confirm, noSecondPerson?.
  'APPROVAL_REQUIRED',
  // A monitoring rule asks this user to enter their password again (session.stepUp) before more customer calls.
  'STEP_UP_REQUIRED',
  // The shop has data rules this user has not accepted (current version): customer channels refuse.
  'DATA_RULES_NOT_ACCEPTED',
  // The customer withdrew consent for the purpose this action is marked for. fields: { purpose }.
  'CONSENT_WITHDRAWN',
  // The person is on the decision ledger (erased at their request): create/import refuse unless the owner records a new consent.
  'PERSON_ERASED',
  // The decision ledger's side file failed authentication (AES-GCM): changed or damaged outside Coffer.
  'LEDGER_TAMPERED',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  /** Per-field problems for forms: field path -> short reason code. */
  fields?: Record<string, string>;
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorBody };

/** A typed, expected failure. Anything else thrown inside main becomes INTERNAL. */
export class CofferError extends Error {
  readonly code: ErrorCode;
  readonly fields?: Record<string, string>;
  constructor(code: ErrorCode, message: string, fields?: Record<string, string>) {
    super(message);
    this.name = 'CofferError';
    this.code = code;
    if (fields) this.fields = fields;
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
