import type { CustomerInput, CustomerLevel, CustomerSort } from '../../../shared/customers';
import type { Db } from '../db/open-database';
import { indexCustomer } from './search-index';

/** A customer row as stored, every field in full. Never leaves main without policy applied. */
export interface CustomerRow {
  id: number;
  name: string;
  mobile: string | null;
  phone: string | null;
  email: string | null;
  province: string | null;
  city: string | null;
  addressDetail: string | null;
  company: string | null;
  industry: string | null;
  region: string | null;
  source: string | null;
  level: CustomerLevel;
  ownerId: number;
  ownerUsername: string;
  notes: string | null;
  idNumber: string | null;
  bankCard: string | null;
  createdAt: string;
  updatedAt: string;
  lastInteractionAt: string | null;
}

/** Column for each writable field; the only place field names meet SQL. */
const COLUMNS = {
  name: 'name',
  mobile: 'mobile',
  phone: 'phone',
  email: 'email',
  province: 'province',
  city: 'city',
  addressDetail: 'address_detail',
  company: 'company',
  industry: 'industry',
  region: 'region',
  source: 'source',
  level: 'level',
  notes: 'notes',
  idNumber: 'id_number',
  bankCard: 'bank_card',
} as const satisfies Record<Exclude<keyof CustomerInput, 'tags'>, string>;
export type CustomerColumnField = keyof typeof COLUMNS;
export const CUSTOMER_FIELDS = Object.keys(COLUMNS) as CustomerColumnField[];

const SELECT = `
  SELECT c.id, c.name, c.mobile, c.phone, c.email, c.province, c.city, c.address_detail AS addressDetail,
         c.company, c.industry, c.region, c.source, c.level, c.owner_id AS ownerId, u.username AS ownerUsername,
         c.notes, c.id_number AS idNumber, c.bank_card AS bankCard, c.created_at AS createdAt,
         c.updated_at AS updatedAt, c.last_interaction_at AS lastInteractionAt
    FROM customers c JOIN users u ON u.id = c.owner_id`;

export function insertCustomer(db: Db, ownerId: number, input: CustomerInput, at: string): number {
  const fields = CUSTOMER_FIELDS.filter((field) => input[field] !== undefined && input[field] !== '');
  const columns = [...fields.map((field) => COLUMNS[field]), 'owner_id', 'created_at', 'updated_at'];
  const values = [...fields.map((field) => input[field] as string), ownerId, at, at];
  const result = db.prepare(`INSERT INTO customers (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`).run(...values);
  const id = Number(result.lastInsertRowid);
  indexCustomer(db, findCustomer(db, id), id);
  return id;
}

export function updateCustomerFields(db: Db, id: number, changes: Partial<Record<CustomerColumnField, string | null>>, at: string): void {
  const fields = CUSTOMER_FIELDS.filter((field) => field in changes);
  if (fields.length === 0) return;
  const assignments = [...fields.map((field) => `${COLUMNS[field]} = ?`), 'updated_at = ?'];
  db.prepare(`UPDATE customers SET ${assignments.join(', ')} WHERE id = ? AND deleted_at IS NULL`).run(...fields.map((f) => changes[f] ?? null), at, id);
  indexCustomer(db, findCustomer(db, id), id);
}

export function findCustomer(db: Db, id: number): CustomerRow | undefined {
  return db.prepare(`${SELECT} WHERE c.id = ? AND c.deleted_at IS NULL`).get(id) as CustomerRow | undefined;
}

export function softDeleteCustomer(db: Db, id: number, at: string): boolean {
  const deleted = db.prepare('UPDATE customers SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL').run(at, id).changes === 1;
  // Out of search at once: the recycle bin is not searchable.
  if (deleted) indexCustomer(db, undefined, id);
  return deleted;
}

/** Live customers among the given ids, in the given order, optionally only one owner's. */
export function findCustomersByIds(db: Db, ids: readonly number[], ownerId?: number): CustomerRow[] {
  if (ids.length === 0) return [];
  const rows = db.prepare(`${SELECT} WHERE c.deleted_at IS NULL AND c.id IN (${ids.map(() => '?').join(',')})`).all(...ids) as CustomerRow[];
  const byId = new Map(rows.filter((r) => ownerId === undefined || r.ownerId === ownerId).map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r): r is CustomerRow => r !== undefined);
}

export interface CustomerListQuery {
  ownerId?: number;
  level?: CustomerLevel;
  tag?: string;
  sort: CustomerSort;
  /** Keyset cursor: the sort value and id of the last row of the previous page. */
  after?: { value: string; id: number };
  limit: number;
}

const SORT_COLUMNS: Record<CustomerSort, string> = { name: 'c.name', updatedAt: 'c.updated_at', level: 'c.level' };

export function listCustomers(db: Db, query: CustomerListQuery): CustomerRow[] {
  const where = ['c.deleted_at IS NULL'];
  const params: (string | number)[] = [];
  if (query.ownerId !== undefined) {
    where.push('c.owner_id = ?');
    params.push(query.ownerId);
  }
  if (query.level) {
    where.push('c.level = ?');
    params.push(query.level);
  }
  if (query.tag) {
    where.push('EXISTS (SELECT 1 FROM customer_tags t WHERE t.customer_id = c.id AND t.tag = ?)');
    params.push(query.tag);
  }
  const column = SORT_COLUMNS[query.sort];
  if (query.after) {
    // Keyset paging: deep pages cost the same as the first (offset paging does not, at 1M rows).
    where.push(`(${column} > ? OR (${column} = ? AND c.id > ?))`);
    params.push(query.after.value, query.after.value, query.after.id);
  }
  params.push(query.limit);
  return db.prepare(`${SELECT} WHERE ${where.join(' AND ')} ORDER BY ${column}, c.id LIMIT ?`).all(...params) as CustomerRow[];
}

export function tagsOf(db: Db, ids: readonly number[]): Map<number, string[]> {
  const tags = new Map<number, string[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return tags;
  const rows = db
    .prepare(`SELECT customer_id AS id, tag FROM customer_tags WHERE customer_id IN (${ids.map(() => '?').join(',')}) ORDER BY tag`)
    .all(...ids) as { id: number; tag: string }[];
  for (const row of rows) tags.get(row.id)?.push(row.tag);
  return tags;
}

export function replaceTags(db: Db, customerId: number, tags: readonly string[]): void {
  db.prepare('DELETE FROM customer_tags WHERE customer_id = ?').run(customerId);
  const insert = db.prepare('INSERT OR IGNORE INTO customer_tags (customer_id, tag) VALUES (?, ?)');
  for (const tag of tags) insert.run(customerId, tag);
}
