import type { Db } from '../db/open-database';

/**
 * The data-quality report's SQL (quality-service.ts owns the rules). `ownerId` narrows every
 * query to one owner's customers (a salesperson's 'own' scope); undefined means the whole book.
 */

export interface MemberRow {
  id: number;
  name: string;
  company: string | null;
  city: string | null;
  ownerUsername: string;
  updatedAt: string;
  lastInteractionAt: string | null;
}

const MEMBER = `c.id, c.name, c.company, c.city, u.username AS ownerUsername, c.updated_at AS updatedAt, c.last_interaction_at AS lastInteractionAt`;

/**
 * Key values held by more than one customer, found on the key table's primary key alone (an
 * index-only pass, no customer rows read): keys exist only for live customers, so this is a
 * superset of every in-scope group and the join to customers below touches only its members.
 */
const SHARED = `WITH shared AS (SELECT value FROM customer_keys WHERE kind = ? GROUP BY value HAVING count(*) > 1)`;

/**
 * Customers sharing a phone or e-mail key with another customer in scope, ordered by key then
 * id. The window counts members per key inside the scope, so a key shared only with someone
 * else's customer gives no group.
 */
export function sharedKeyMembers(db: Db, kind: 'phone' | 'email', ownerId: number | undefined): { value: string; id: number }[] {
  return db
    .prepare(
      `${SHARED}
       SELECT value, id FROM (
         SELECT k.value, c.id, count(*) OVER (PARTITION BY k.value) AS n
           FROM shared s JOIN customer_keys k ON k.kind = ? AND k.value = s.value JOIN customers c ON c.id = k.customer_id
          WHERE c.deleted_at IS NULL AND (? IS NULL OR c.owner_id = ?))
        WHERE n > 1 ORDER BY value, id`,
    )
    .all(kind, kind, ownerId ?? null, ownerId ?? null) as { value: string; id: number }[];
}

/**
 * Customers sharing a normalised name with another in scope, with the company and city to
 * compare; one with neither can never be a possible duplicate and is left out.
 */
export function sharedNameMembers(db: Db, ownerId: number | undefined): { value: string; id: number; company: string | null; city: string | null }[] {
  return db
    .prepare(
      `${SHARED}
       SELECT value, id, company, city FROM (
         SELECT k.value, c.id, c.company, c.city, count(*) OVER (PARTITION BY k.value) AS n
           FROM shared s JOIN customer_keys k ON k.kind = 'name' AND k.value = s.value JOIN customers c ON c.id = k.customer_id
          WHERE c.deleted_at IS NULL AND (c.company IS NOT NULL OR c.city IS NOT NULL) AND (? IS NULL OR c.owner_id = ?))
        WHERE n > 1 ORDER BY value, id`,
    )
    .all('name', ownerId ?? null, ownerId ?? null) as { value: string; id: number; company: string | null; city: string | null }[];
}

export function membersByIds(db: Db, ids: readonly number[]): Map<number, MemberRow> {
  if (ids.length === 0) return new Map();
  const rows = db.prepare(`SELECT ${MEMBER} FROM customers c JOIN users u ON u.id = c.owner_id WHERE c.deleted_at IS NULL AND c.id IN (${ids.map(() => '?').join(',')})`).all(...ids) as MemberRow[];
  return new Map(rows.map((r) => [r.id, r]));
}

// No way to reach the customer: no mobile, no phone, no e-mail (the service stores '' as NULL).
// The same terms as the partial index of migration 018, named with INDEXED BY: without table
// statistics the planner rates it no better than walking another index over every customer.
const NO_CONTACT = 'c.deleted_at IS NULL AND c.mobile IS NULL AND c.phone IS NULL AND c.email IS NULL';
// ...and nothing else to go on either: a name alone.
const NAME_ONLY = 'c.company IS NULL AND c.province IS NULL AND c.city IS NULL AND c.address_detail IS NULL';

export function missingContactCounts(db: Db, ownerId: number | undefined): { noContact: number; nameOnly: number } {
  return db
    .prepare(`SELECT count(*) AS noContact, coalesce(sum(${NAME_ONLY}), 0) AS nameOnly FROM customers c INDEXED BY customers_without_contact WHERE ${NO_CONTACT} AND (? IS NULL OR c.owner_id = ?)`)
    .get(ownerId ?? null, ownerId ?? null) as { noContact: number; nameOnly: number };
}

/** Oldest change first: the records left alone longest are the likeliest to be dead weight. */
export function missingContactPage(db: Db, ownerId: number | undefined, offset: number, limit: number): (MemberRow & { nameOnly: 0 | 1 })[] {
  return db
    .prepare(
      `SELECT ${MEMBER}, (${NAME_ONLY}) AS nameOnly FROM customers c INDEXED BY customers_without_contact JOIN users u ON u.id = c.owner_id
        WHERE ${NO_CONTACT} AND (? IS NULL OR c.owner_id = ?) ORDER BY c.updated_at, c.id LIMIT ? OFFSET ?`,
    )
    .all(ownerId ?? null, ownerId ?? null, limit, offset) as (MemberRow & { nameOnly: 0 | 1 })[];
}

// Not changed and not contacted since the cutoff. The updated_at range comes first so the
// (updated_at, id) index narrows the rows to the old ones before anything else is read.
const STALE = 'c.deleted_at IS NULL AND c.updated_at < ? AND (c.last_interaction_at IS NULL OR c.last_interaction_at < ?)';

export function staleCount(db: Db, ownerId: number | undefined, cutoff: string): number {
  return (db.prepare(`SELECT count(*) AS n FROM customers c WHERE ${STALE} AND (? IS NULL OR c.owner_id = ?)`).get(cutoff, cutoff, ownerId ?? null, ownerId ?? null) as { n: number }).n;
}

export function stalePage(db: Db, ownerId: number | undefined, cutoff: string, offset: number, limit: number): MemberRow[] {
  return db
    .prepare(`SELECT ${MEMBER} FROM customers c JOIN users u ON u.id = c.owner_id WHERE ${STALE} AND (? IS NULL OR c.owner_id = ?) ORDER BY c.updated_at, c.id LIMIT ? OFFSET ?`)
    .all(cutoff, cutoff, ownerId ?? null, ownerId ?? null, limit, offset) as MemberRow[];
}
