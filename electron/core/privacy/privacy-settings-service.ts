import { PRIVACY_REGIMES, type PrivacySettings } from '../../../shared/privacy';
import { CofferError } from '../../../shared/errors';
import { auditActor, type Session } from '../auth/session-service';
import type { AuditFn } from '../customers/customer-service';
import type { Db } from '../db/open-database';
import { readPrivacySettings, writePrivacySettings } from './privacy-settings-repository';

/**
 * The regime and the privacy contact (issue 16). Everyone signed in may read them (the contact is
 * shown wherever the app shows privacy text); only the owner changes them, audited with the names
 * of what changed and the regime move itself (a regime is not personal data; a contact is, so
 * only "contactName"/"contactReach" are named, never their values).
 */
export function createPrivacySettings(deps: { db: () => Db; audit: AuditFn; now?: () => number }) {
  const now = () => new Date((deps.now ?? Date.now)());
  return {
    read: (): PrivacySettings => readPrivacySettings(deps.db()),

    set(session: Session, next: PrivacySettings): PrivacySettings {
      if (session.role !== 'owner') throw new CofferError('FORBIDDEN', 'Only the owner changes the privacy regime and contact.');
      if (!PRIVACY_REGIMES.includes(next.regime)) throw new CofferError('INVALID_INPUT', 'Choose PIPL, GDPR or CCPA.', { regime: 'invalid' });
      const db = deps.db();
      return db.transaction(() => {
        const before = readPrivacySettings(db);
        const changed = (['regime', 'contactName', 'contactReach'] as const).filter((k) => before[k] !== next[k]);
        if (changed.length === 0) return before;
        const at = now();
        writePrivacySettings(db, next, at.toISOString());
        const reason = changed.includes('regime') ? `regime ${before.regime} -> ${next.regime}` : 'contact';
        deps.audit(db, { actor: auditActor(session), action: 'privacy.settings', outcome: 'ok', fields: changed, reason }, at);
        return readPrivacySettings(db);
      })();
    },
  };
}

export type PrivacySettingsService = ReturnType<typeof createPrivacySettings>;
