import type { Db } from '../db/open-database';

export interface SignIn {
  /** The audit row of the sign-in: a stable handle the page may send back (it opens nothing). */
  loginId: number;
  startedAt: string;
  /** Null while the session may still be open (no later sign-out or sign-in of the account). */
  endedAt: string | null;
}

export const SIGN_INS_SHOWN = 50;

/**
 * The account's sign-ins, newest first, each with the end the audit log can prove. Audit rows
 * carry no session id, so a session is read as "from this sign-in to the account's next sign-out
 * or sign-in, or a sign-out the owner forced on it": the app runs one window on a computer (single
 * instance), so a sign-in ends the one before, and a session left open by quitting the app runs
 * to the next sign-in. When in doubt the window is longer: the affected list tells more people.
 * Each end is one short walk on an index (audit_by_user, audit_by_record) from the sign-in on.
 */
export function signInsOf(db: Db, userId: number, limit = SIGN_INS_SHOWN): SignIn[] {
  const rows = db
    .prepare(
      `SELECT l.id AS loginId, l.at AS startedAt,
              (SELECT e.at FROM audit_log e WHERE e.user_id = l.user_id AND e.id > l.id AND e.action IN ('login', 'logout') AND e.outcome = 'ok' ORDER BY e.id LIMIT 1) AS own,
              (SELECT f.at FROM audit_log f WHERE f.entity = 'user' AND f.record_id = CAST(l.user_id AS TEXT) AND f.id > l.id AND f.action = 'logout' ORDER BY f.id LIMIT 1) AS forced
         FROM audit_log l
        WHERE l.user_id = ? AND l.action = 'login' AND l.outcome = 'ok'
        ORDER BY l.id DESC LIMIT ?`,
    )
    .all(userId, limit) as { loginId: number; startedAt: string; own: string | null; forced: string | null }[];
  return rows.map((r) => ({ loginId: r.loginId, startedAt: r.startedAt, endedAt: [r.own, r.forced].filter((at): at is string => at !== null).sort()[0] ?? null }));
}
