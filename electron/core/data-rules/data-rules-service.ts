import { CofferError } from '../../../shared/errors';
import type { AuditEntry } from '../audit/audit-log';
import { auditActor, type Session } from '../auth/session-service';
import type { Db } from '../db/open-database';
import type { UserStatus } from '../users/user-repository';
import { acceptedAt, currentRules, currentVersion, insertAcceptance, insertRules, latestAcceptances } from './data-rules-repository';

export interface DataRulesDeps {
  db: () => Db;
  audit: (db: Db, entry: AuditEntry, at: Date) => unknown;
  now?: () => number;
}

/** What the router's authorizer asks on every customer call: kept in memory per open database. */
interface Cache {
  version: number | null;
  accepted: Set<number>;
}

/**
 * The shop's data rules (owner-written, versioned) and each user's acceptance. The authorizer
 * calls `mustAccept` on every customer channel, so the answer is cached per open database (a
 * restore or a re-unlock opens a new one and starts a new cache); only set and accept change it,
 * and both go through here.
 */
export function createDataRules(deps: DataRulesDeps) {
  const now = () => new Date((deps.now ?? Date.now)());
  const caches = new WeakMap<Db, Cache>();

  function cache(db: Db): Cache {
    let entry = caches.get(db);
    if (!entry) {
      entry = { version: currentVersion(db), accepted: new Set() };
      caches.set(db, entry);
    }
    return entry;
  }

  function mustAccept(session: Pick<Session, 'userId'>): boolean {
    const db = deps.db();
    const entry = cache(db);
    if (entry.version === null || entry.accepted.has(session.userId)) return false;
    if (acceptedAt(db, session.userId, entry.version) !== null) {
      entry.accepted.add(session.userId);
      return false;
    }
    return true;
  }

  return {
    mustAccept,

    current(session: Session): { version: number | null; text: string; createdAt: string | null; acceptedAt: string | null } {
      const db = deps.db();
      const rules = currentRules(db);
      if (!rules) return { version: null, text: '', createdAt: null, acceptedAt: null };
      return { version: rules.version, text: rules.text, createdAt: rules.createdAt, acceptedAt: acceptedAt(db, session.userId, rules.version) };
    },

    /** A new version; everyone (but the owner who wrote it) must accept it before customer work. */
    set(session: Session, text: string): { version: number } {
      const db = deps.db();
      const at = now();
      const version = db.transaction(() => {
        const v = insertRules(db, text, session.userId, at);
        // The author wrote these rules: they do not have to click "accept" on their own text.
        insertAcceptance(db, session.userId, v, at);
        deps.audit(db, { actor: auditActor(session), action: 'dataRules.set', entity: 'dataRules', recordId: String(v), outcome: 'ok', fields: ['text'] }, at);
        return v;
      })();
      caches.set(db, { version, accepted: new Set([session.userId]) });
      return { version };
    },

    accept(session: Session, version: number): { version: number; acceptedAt: string } {
      const db = deps.db();
      const at = now();
      const result = db.transaction(() => {
        const latest = currentVersion(db);
        if (latest === null) throw new CofferError('NOT_FOUND', 'The shop has no data rules to accept.');
        // A stale screen: the refusal is recorded (it commits; nothing else changes) and explained.
        if (version !== latest) {
          deps.audit(db, { actor: auditActor(session), action: 'dataRules.accept', entity: 'dataRules', recordId: String(version), outcome: 'rejected', reason: `current ${latest}` }, at);
          return null;
        }
        const already = acceptedAt(db, session.userId, version);
        if (already !== null) return { version, acceptedAt: already };
        insertAcceptance(db, session.userId, version, at);
        deps.audit(db, { actor: auditActor(session), action: 'dataRules.accept', entity: 'dataRules', recordId: String(version), outcome: 'ok' }, at);
        return { version, acceptedAt: at.toISOString() };
      })();
      if (result === null) throw new CofferError('CONFLICT', 'The data rules were changed since you opened them. Read the new version and accept that one.');
      cache(db).accepted.add(session.userId);
      return result;
    },

    /** Owner: every account and the newest version it accepted (null: none yet). */
    acceptances(): { version: number | null; users: { username: string; displayName: string; role: Session['role']; status: UserStatus; acceptedVersion: number | null; acceptedAt: string | null }[] } {
      const db = deps.db();
      const accepted = latestAcceptances(db);
      const users = db.prepare('SELECT id, username, display_name AS displayName, role, status FROM users ORDER BY username COLLATE NOCASE').all() as {
        id: number;
        username: string;
        displayName: string;
        role: Session['role'];
        status: UserStatus;
      }[];
      return {
        version: currentVersion(db),
        users: users.map((u) => ({ username: u.username, displayName: u.displayName, role: u.role, status: u.status, acceptedVersion: accepted.get(u.id)?.version ?? null, acceptedAt: accepted.get(u.id)?.acceptedAt ?? null })),
      };
    },
  };
}

export type DataRules = ReturnType<typeof createDataRules>;
