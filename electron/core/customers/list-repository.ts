import type { Db } from '../db/open-database';
import { customerWhere, type CustomerWhere, type MenuScope } from './customer-repository';

export interface ValueCount {
  value: string;
  count: number;
}

// A filter menu is a list to pick from, not a report: past this many values the person searches.
const MENU_MAX = 500;

/**
 * The values a filter can take within a row scope (ownerId: a salesperson's own book), with how
 * many live customers carry each. Each is one GROUP BY over an index that starts with the column
 * (customers_by_region, customers_by_level, customers_by_owner, customer_tags_by_tag).
 */
export function regionValues(db: Db, { ownerId, hideDormant }: MenuScope): ValueCount[] {
  return db
    .prepare(
      `SELECT c.region AS value, count(*) AS count FROM customers c
        WHERE c.deleted_at IS NULL AND c.region IS NOT NULL AND (? IS NULL OR c.owner_id = ?) AND (? = 0 OR c.dormant_at IS NULL) GROUP BY c.region ORDER BY c.region LIMIT ?`,
    )
    .all(ownerId ?? null, ownerId ?? null, hideDormant ? 1 : 0, MENU_MAX) as ValueCount[];
}

export function levelValues(db: Db, { ownerId, hideDormant }: MenuScope): ValueCount[] {
  return db
    .prepare(`SELECT c.level AS value, count(*) AS count FROM customers c WHERE c.deleted_at IS NULL AND (? IS NULL OR c.owner_id = ?) AND (? = 0 OR c.dormant_at IS NULL) GROUP BY c.level`)
    .all(ownerId ?? null, ownerId ?? null, hideDormant ? 1 : 0) as ValueCount[];
}

export function ownerValues(db: Db, { ownerId, hideDormant }: MenuScope): { username: string; displayName: string; count: number }[] {
  return db
    .prepare(
      `SELECT u.username, u.display_name AS displayName, o.count FROM
         (SELECT c.owner_id AS id, count(*) AS count FROM customers c WHERE c.deleted_at IS NULL AND (? IS NULL OR c.owner_id = ?) AND (? = 0 OR c.dormant_at IS NULL) GROUP BY c.owner_id) o
         JOIN users u ON u.id = o.id ORDER BY u.display_name, u.username LIMIT ?`,
    )
    .all(ownerId ?? null, ownerId ?? null, hideDormant ? 1 : 0, MENU_MAX) as { username: string; displayName: string; count: number }[];
}

/** Id and owner of every live customer a filter matches, in id order, at most `limit`. */
export function matchingRefs(db: Db, where: CustomerWhere, limit: number): { id: number; ownerId: number }[] {
  const { sql, params } = customerWhere(where);
  return db.prepare(`SELECT c.id, c.owner_id AS ownerId FROM customers c WHERE ${sql} ORDER BY c.id LIMIT ?`).all(...params, limit) as { id: number; ownerId: number }[];
}
