import { DEFAULT_STALE_DAYS } from '../../../shared/channels/ownership';
import type { AuditEntry } from '../audit/audit-log';
import { auditActor, type Session } from '../auth/session-service';
import { getMeta, setMeta } from '../db/meta-repository';
import type { Db } from '../db/open-database';
import { listStaleUsers, type StaleUserRow } from './stale-repository';
import { DAY_MS } from '../platform/time';

export interface StaleAccountsDeps {
  db: () => Db;
  audit: (db: Db, entry: AuditEntry, at: Date) => unknown;
  now?: () => number;
}

const META_KEY = 'users.staleDays';

export function staleDays(db: Db): number {
  const days = Number(getMeta(db, META_KEY) ?? DEFAULT_STALE_DAYS);
  return Number.isInteger(days) && days > 0 ? days : DEFAULT_STALE_DAYS;
}

/**
 * The owner's stale-account report: accounts nobody has used for N days are the ones a leaver
 * left behind, and each is a password that still opens the vault.
 */
export function createStaleAccounts(deps: StaleAccountsDeps) {
  const now = () => new Date((deps.now ?? Date.now)());
  return {
    report(session: Session): { days: number; users: StaleUserRow[] } {
      const db = deps.db();
      return db.transaction(() => {
        const days = staleDays(db);
        const users = listStaleUsers(db, new Date(now().getTime() - days * DAY_MS).toISOString());
        deps.audit(db, { actor: auditActor(session), action: 'user.staleReport', entity: 'user', outcome: 'ok', reason: `${days} days` }, now());
        return { days, users };
      })();
    },

    setDays(session: Session, days: number): { days: number } {
      const db = deps.db();
      db.transaction(() => {
        setMeta(db, META_KEY, String(days));
        deps.audit(db, { actor: auditActor(session), action: 'settings.change', outcome: 'ok', fields: ['staleDays'], reason: String(days) }, now());
      })();
      return { days };
    },
  };
}

export type StaleAccounts = ReturnType<typeof createStaleAccounts>;
