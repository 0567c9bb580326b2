import type { AuditEntry } from '../audit/audit-log';
import { auditActor, type Session, type SessionService } from '../auth/session-service';
import type { Db } from '../db/open-database';
import type { VaultService } from './vault-service';

/**
 * The one path that rotates the database key (Settings and the breach register's containment):
 * the caller's password again, the rekey, then the audit row, written with (and proving) the new key.
 */
export async function rotateKeyAudited(deps: { sessions: SessionService; vault: VaultService; audit: (db: Db, entry: AuditEntry, at: Date) => unknown; now?: () => number }, session: Session, password: string): Promise<void> {
  await deps.sessions.confirmPassword(session, password);
  await deps.vault.rotateKey();
  deps.audit(deps.vault.db(), { actor: auditActor(session), action: 'vault.rotateKey', outcome: 'ok' }, new Date((deps.now ?? Date.now)()));
}
