import type { Db } from '../db/open-database';
import type { Role } from './user-repository';

export interface StaleUserRow {
  username: string;
  displayName: string;
  role: Role;
  status: 'active' | 'locked';
  lastLoginAt: string | null;
  createdAt: string;
  customersOwned: number;
}

/**
 * Accounts that still work (not disabled) and have not signed in since `before`; one never
 * signed in counts from its creation, so a brand-new account is not reported on its first day.
 */
export function listStaleUsers(db: Db, before: string): StaleUserRow[] {
  return db
    .prepare(
      `SELECT u.username, u.display_name AS displayName, u.role, u.status, u.last_login_at AS lastLoginAt, u.created_at AS createdAt,
              (SELECT count(*) FROM customers c WHERE c.owner_id = u.id AND c.deleted_at IS NULL) AS customersOwned
         FROM users u
        WHERE u.status <> 'disabled' AND coalesce(u.last_login_at, u.created_at) < ?
        ORDER BY coalesce(u.last_login_at, u.created_at), u.username COLLATE NOCASE`,
    )
    .all(before) as StaleUserRow[];
}
