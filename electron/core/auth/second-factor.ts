import { CofferError } from '../../../shared/errors';
import type { AuditEntry } from '../audit/audit-log';
import { getMeta, setMeta } from '../db/meta-repository';
import type { Db } from '../db/open-database';
import { findSecondFactor, saveSecondFactor } from '../users/user-repository';
import { generateRecoveryCodes, matchRecoveryCode } from './recovery-codes';
import { generateTotpSecret, otpauthUri, verifyTotp } from './totp';

type Actor = { userId: number; username: string; role: string };
type Audit = (db: Db, entry: AuditEntry, at: Date) => unknown;

const REQUIRED_KEY = 'auth.require2fa';

/**
 * The optional second factor: TOTP codes that cannot be replayed, and one-time recovery codes
 * stored as hashes. Enrolment is two-step like vault setup: the secret is kept in memory until
 * the user proves their app produces codes from it.
 */
export function createSecondFactor(deps: { db: () => Db; audit: Audit; now: () => number }) {
  const pending = new Map<string, string>();
  const at = () => new Date(deps.now());

  return {
    isRequired: (db: Db) => getMeta(db, REQUIRED_KEY) === 'true',
    /** `ticket`: turning the requirement off runs under an approval (core/approvals), used in this transaction. */
    setRequired(db: Db, actor: Actor, required: boolean, ticket?: { markExecuted(db: Db): void }) {
      db.transaction(() => {
        ticket?.markExecuted(db);
        setMeta(db, REQUIRED_KEY, String(required));
        deps.audit(db, { actor, action: 'settings.change', outcome: 'ok', fields: ['require2fa'], reason: required ? 'on' : 'off' }, at());
      })();
    },
    isEnrolled: (db: Db, userId: number) => findSecondFactor(db, userId).secret !== null,

    /** Checks the code given at sign-in; throws a typed error the login screen understands. */
    check(db: Db, actor: Actor, code: string | undefined): void {
      const factor = findSecondFactor(db, actor.userId);
      if (!factor.secret) return;
      if (!code) throw new CofferError('SECOND_FACTOR_REQUIRED', 'Enter the 6-digit code from your authenticator app, or a recovery code.');
      const result = verifyTotp(factor.secret, code.replace(/\s/g, ''), deps.now(), factor.lastStep);
      if (result.ok) {
        saveSecondFactor(db, actor.userId, { ...factor, lastStep: result.step });
        return;
      }
      const index = result.reason === 'invalid' ? matchRecoveryCode(code, factor.recoveryHashes) : -1;
      if (index >= 0) {
        db.transaction(() => {
          saveSecondFactor(db, actor.userId, { ...factor, recoveryHashes: factor.recoveryHashes.filter((_, i) => i !== index) });
          deps.audit(db, { actor, action: 'user.2fa.recoveryCode', outcome: 'ok', reason: 'recovery code used' }, at());
        })();
        return;
      }
      deps.audit(db, { actor, action: 'login.failed', outcome: 'denied', reason: result.reason === 'reused' ? 'second factor reused' : 'wrong second factor' }, at());
      throw new CofferError('UNAUTHENTICATED', 'That code is not right (or was already used). Wait for a new code and try again.', { code: 'wrong' });
    },

    begin(senderId: string, actor: Actor): { secret: string; uri: string } {
      const secret = generateTotpSecret();
      pending.set(senderId, secret);
      return { secret, uri: otpauthUri(secret, actor.username) };
    },

    confirm(senderId: string, actor: Actor, code: string): { recoveryCodes: string[] } {
      const secret = pending.get(senderId);
      if (!secret) throw new CofferError('CONFLICT', 'Start turning on two-step sign-in again.');
      const result = verifyTotp(secret, code.replace(/\s/g, ''), deps.now(), 0);
      if (!result.ok) throw new CofferError('INVALID_INPUT', 'That code does not match. Check the time on your phone and try the next code.', { code: 'wrong' });
      pending.delete(senderId);
      const { codes, hashes } = generateRecoveryCodes();
      const db = deps.db();
      db.transaction(() => {
        saveSecondFactor(db, actor.userId, { secret, lastStep: result.step, recoveryHashes: hashes });
        deps.audit(db, { actor, action: 'user.2fa.enable', entity: 'user', recordId: String(actor.userId), outcome: 'ok' }, at());
      })();
      return { recoveryCodes: codes };
    },

    disable(actor: Actor): void {
      const db = deps.db();
      db.transaction(() => {
        saveSecondFactor(db, actor.userId, { secret: null, lastStep: 0, recoveryHashes: [] });
        deps.audit(db, { actor, action: 'user.2fa.disable', entity: 'user', recordId: String(actor.userId), outcome: 'ok' }, at());
      })();
    },
  };
}

export type SecondFactor = ReturnType<typeof createSecondFactor>;
