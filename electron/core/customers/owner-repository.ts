import type { Db } from '../db/open-database';
import { customerWhere, type CustomerWhere } from './customer-repository';

/** SQL for handing customers to another owner; the service decides who may and what to record. */

export interface OwnedRef {
  id: number;
  ownerId: number;
}

/** Live customers matching the filters, id and owner only, at most `limit` (ask limit + 1 to detect more). */
export function customerOwnersWhere(db: Db, where: CustomerWhere, limit: number): OwnedRef[] {
  const { sql, params } = customerWhere(where);
  return db.prepare(`SELECT c.id, c.owner_id AS ownerId FROM customers c WHERE ${sql} ORDER BY c.id LIMIT ?`).all(...params, limit) as OwnedRef[];
}

export function setCustomerOwner(db: Db, id: number, ownerId: number, at: string): void {
  db.prepare('UPDATE customers SET owner_id = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL').run(ownerId, at, id);
}

/** The previous owner's open follow-ups on this customer go with it; other people's stay theirs. */
export function moveOpenReminders(db: Db, customerId: number, fromUserId: number, toUserId: number): number {
  return db.prepare("UPDATE reminders SET owner_id = ? WHERE customer_id = ? AND owner_id = ? AND status = 'open'").run(toUserId, customerId, fromUserId).changes;
}

export interface AssignableUserRow {
  id: number;
  username: string;
  displayName: string;
  role: 'owner' | 'manager' | 'sales' | 'support' | 'auditor';
}

/** Active accounts with one of the given roles, by username. */
export function activeUsersWithRoles(db: Db, roles: readonly string[]): AssignableUserRow[] {
  if (roles.length === 0) return [];
  return db
    .prepare(
      `SELECT id, username, display_name AS displayName, role FROM users
        WHERE status = 'active' AND role IN (${roles.map(() => '?').join(',')}) ORDER BY username COLLATE NOCASE`,
    )
    .all(...roles) as AssignableUserRow[];
}
