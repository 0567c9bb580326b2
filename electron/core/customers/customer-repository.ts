import type { CustomerInput, CustomerLevel, CustomerSort } from '../../../shared/customers';
import { conditions } from '../db/conditions';
import type { Db } from '../db/open-database';
import { assertKnownLevel, defaultLevel } from '../settings/levels';
import { keyCustomer } from './duplicate-keys';
import { indexCustomer } from './search-index';

/** The search, pinyin and duplicate keys of one customer, written with the row in its transaction (one read of the row for both). */
function reindex(db: Db, id: number): void {
  const row = findCustomer(db, id);
  indexCustomer(db, row, id);
  keyCustomer(db, row, id);
}

/** Rebuilds the keys of many customers after a bulk change (a field erased in Settings); a deleted one stays out. */
export function reindexCustomers(db: Db, ids: readonly number[]): void {
  for (const id of ids) reindex(db, id);
}

/** A customer row as stored, every field in full. Never leaves main without policy applied. */
export interface CustomerRow {
  id: number;
  name: string;
  mobile: string | null;
  phone: string | null;
  email: string | null;
  wechat: string | null;
  /** 'YYYY-MM-DD', a date without a time. */
  birthday: string | null;
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
  /** The name sort key (pinyin-keys.ts sortNameOf); the keyset cursor of the name sort. */
  sortName: string;
  /** The level's place in the owner's order, zero-padded: the keyset cursor of the level sort. */
  levelRank: string;
  /** Set while the customer is dormant (issue 17): then hidden from roles without retention.read. */
  dormantAt: string | null;
}

/** Column for each writable field; the only place field names meet SQL. */
const COLUMNS = {
  name: 'name',
  mobile: 'mobile',
  phone: 'phone',
  email: 'email',
  wechat: 'wechat',
  birthday: 'birthday',
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

/**
 * Levels sort in the owner's order (Settings), not by their keys. The rank is looked up in the
 * small managed list per row, zero-padded text so that the keyset cursor (a string) compares
 * the same way; a level missing from the list (never stored: migration 23's triggers) sorts last.
 */
const LEVEL_RANK = "coalesce((SELECT printf('%06d', m.position) FROM managed_list_values m WHERE m.list = 'level' AND m.value = c.level), '999999')";

const SELECT = `
  SELECT c.id, c.name, c.mobile, c.phone, c.email, c.wechat, c.birthday, c.province, c.city, c.address_detail AS addressDetail,
         c.company, c.industry, c.region, c.source, c.level, c.owner_id AS ownerId, u.username AS ownerUsername,
         c.notes, c.id_number AS idNumber, c.bank_card AS bankCard, c.created_at AS createdAt,
         c.updated_at AS updatedAt, c.last_interaction_at AS lastInteractionAt, c.sort_name AS sortName,
         ${LEVEL_RANK} AS levelRank, c.dormant_at AS dormantAt
    FROM customers c JOIN users u ON u.id = c.owner_id`;

export function insertCustomer(db: Db, ownerId: number, given: CustomerInput, at: string): number {
  // The level is always written: the column's default ('regular') may be a level the owner retired.
  const input = { ...given, level: given.level ? assertKnownLevel(db, given.level) : defaultLevel(db) };
  const fields = CUSTOMER_FIELDS.filter((field) => input[field] !== undefined && input[field] !== '');
  const columns = [...fields.map((field) => COLUMNS[field]), 'owner_id', 'created_at', 'updated_at'];
  const values = [...fields.map((field) => input[field] as string), ownerId, at, at];
  const result = db.prepare(`INSERT INTO customers (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`).run(...values);
  const id = Number(result.lastInsertRowid);
  reindex(db, id);
  return id;
}

export function updateCustomerFields(db: Db, id: number, changes: Partial<Record<CustomerColumnField, string | null>>, at: string): void {
  const fields = CUSTOMER_FIELDS.filter((field) => field in changes);
  if (fields.length === 0) return;
  if ('level' in changes) assertKnownLevel(db, changes.level);
  const assignments = [...fields.map((field) => `${COLUMNS[field]} = ?`), 'updated_at = ?'];
  db.prepare(`UPDATE customers SET ${assignments.join(', ')} WHERE id = ? AND deleted_at IS NULL`).run(...fields.map((f) => changes[f] ?? null), at, id);
  reindex(db, id);
}

export function touchCustomer(db: Db, id: number, at: string): void {
  db.prepare('UPDATE customers SET updated_at = ? WHERE id = ? AND deleted_at IS NULL').run(at, id);
}

export function findCustomer(db: Db, id: number): CustomerRow | undefined {
  return db.prepare(`${SELECT} WHERE c.id = ? AND c.deleted_at IS NULL`).get(id) as CustomerRow | undefined;
}

export function softDeleteCustomer(db: Db, id: number, at: string): boolean {
  const deleted = db.prepare('UPDATE customers SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL').run(at, id).changes === 1;
  // Out of search at once: the recycle bin is not searchable.
  if (deleted) {
    indexCustomer(db, undefined, id);
    keyCustomer(db, undefined, id);
  }
  return deleted;
}

/** Live customers among the given ids, in the given order, optionally only one owner's. */
export function findCustomersByIds(db: Db, ids: readonly number[], ownerId?: number): CustomerRow[] {
  if (ids.length === 0) return [];
  const rows = db.prepare(`${SELECT} WHERE c.deleted_at IS NULL AND c.id IN (${ids.map(() => '?').join(',')})`).all(...ids) as CustomerRow[];
  const byId = new Map(rows.filter((r) => ownerId === undefined || r.ownerId === ownerId).map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r): r is CustomerRow => r !== undefined);
}

/** Row scope and filters, as SQL on the alias `c`; the list, its count and the search share it. */
export interface CustomerWhere {
  ownerId?: number | undefined;
  level?: CustomerLevel | undefined;
  tag?: string | undefined;
  ownerUsername?: string | undefined;
  region?: string | undefined;
  /** Dormant: no contact (or, never contacted, created) before this instant. */
  quietSince?: string | undefined;
  createdSince?: string | undefined;
  /** Sales and support do not see dormant customers (issue 17): set from the role in main. */
  hideDormant?: boolean | undefined;
  /** The pending members of a retention batch (its notice contact list, through the gated export). */
  retentionBatch?: number | undefined;
}

export function customerWhere(filters: CustomerWhere): { sql: string; params: (string | number)[] } {
  const where = conditions(filters.hideDormant ? ['c.deleted_at IS NULL', 'c.dormant_at IS NULL'] : ['c.deleted_at IS NULL']);
  where.add('c.owner_id = ?', filters.ownerId);
  where.add('c.level = ?', filters.level);
  where.add('EXISTS (SELECT 1 FROM customer_tags t WHERE t.customer_id = c.id AND t.tag = ?)', filters.tag);
  where.add('c.owner_id = (SELECT id FROM users WHERE username = ?)', filters.ownerUsername);
  where.add('c.region = ?', filters.region);
  where.add('coalesce(c.last_interaction_at, c.created_at) < ?', filters.quietSince);
  where.add('c.created_at >= ?', filters.createdSince);
  where.add("EXISTS (SELECT 1 FROM retention_batch_members m WHERE m.batch_id = ? AND m.customer_id = c.id AND m.state = 'pending')", filters.retentionBatch);
  return { sql: where.sql(), params: where.params };
}

export interface CustomerListQuery extends CustomerWhere {
  sort: CustomerSort;
  descending: boolean;
  /** Keyset cursor: the sort value and id of the last row of the previous page. */
  after?: { value: string; id: number } | undefined;
  /** A page by position instead of after a cursor. */
  offset?: number | undefined;
  limit: number;
}

// Each sort but level has a matching index (migrations 4, 8 and 19); never-contacted customers
// sort as ''. Level sorts by the owner's order (LEVEL_RANK), which no index can hold: a rank
// per row from the few-row list, sorted in memory.
// Names sort by their pinyin key (王 under W), in both languages.
const SORT_COLUMNS: Record<CustomerSort, string> = {
  name: 'c.sort_name',
  updatedAt: 'c.updated_at',
  level: LEVEL_RANK,
  createdAt: 'c.created_at',
  lastInteractionAt: "coalesce(c.last_interaction_at, '')",
};

export function sortValueOf(row: CustomerRow, sort: CustomerSort): string {
  if (sort === 'name') return row.sortName;
  if (sort === 'level') return row.levelRank;
  return sort === 'lastInteractionAt' ? (row.lastInteractionAt ?? '') : String(row[sort]);
}

export function listCustomers(db: Db, query: CustomerListQuery): CustomerRow[] {
  const { sql, params } = customerWhere(query);
  const column = SORT_COLUMNS[query.sort];
  const [cmp, dir] = query.descending ? ['<', 'DESC'] : ['>', 'ASC'];
  let keyset = '';
  if (query.after) {
    // Keyset paging: deep pages cost the same as the first (offset paging does not, at 1M rows).
    // A row value, not `col > ? OR (col = ? AND id > ?)`: SQLite seeks the (col, id) index with
    // it, while the OR form scanned from the start of the index (10 ms -> 1 ms a page at 100k).
    keyset = ` AND (${column}, c.id) ${cmp} (?, ?)`;
    params.push(query.after.value, query.after.id);
  }
  if (query.offset !== undefined) {
    // By position: the ids are picked from the sort index alone (a covering scan that reads no
    // row, 100,000 entries in milliseconds), then only the page's rows are read and joined.
    const ids = `SELECT c.id FROM customers c WHERE ${sql} ORDER BY ${column} ${dir}, c.id ${dir} LIMIT ? OFFSET ?`;
    return db.prepare(`${SELECT} WHERE c.id IN (${ids}) ORDER BY ${column} ${dir}, c.id ${dir}`).all(...params, query.limit, query.offset) as CustomerRow[];
  }
  return db.prepare(`${SELECT} WHERE ${sql}${keyset} ORDER BY ${column} ${dir}, c.id ${dir} LIMIT ?`).all(...params, query.limit) as CustomerRow[];
}

export function countCustomers(db: Db, filters: CustomerWhere): number {
  const { sql, params } = customerWhere(filters);
  return (db.prepare(`SELECT count(*) AS n FROM customers c WHERE ${sql}`).get(...params) as { n: number }).n;
}

export interface DeletedCustomerRow {
  id: number;
  name: string;
  ownerUsername: string;
  deletedAt: string;
  /** The owner's legal hold (issue 16): a held item is never purged. */
  legalHold: number;
}

/**
 * The recycle bin, newest deletion first (the bin page) or oldest first (the order the purges take
 * them, erasure-service.ts). Names only: a deleted record is not browsed.
 */
export function listDeletedCustomers(db: Db, ownerId: number | undefined, limit: number, order: 'newest' | 'oldest' = 'newest'): DeletedCustomerRow[] {
  const dir = order === 'newest' ? 'DESC' : 'ASC';
  return db
    .prepare(
      `SELECT c.id, c.name, u.username AS ownerUsername, c.deleted_at AS deletedAt, c.legal_hold AS legalHold FROM customers c JOIN users u ON u.id = c.owner_id
        WHERE c.deleted_at IS NOT NULL AND c.erased_at IS NULL AND (? IS NULL OR c.owner_id = ?) ORDER BY c.deleted_at ${dir}, c.id ${dir} LIMIT ?`,
    )
    .all(ownerId ?? null, ownerId ?? null, limit) as DeletedCustomerRow[];
}

export function findDeletedCustomer(db: Db, id: number): { id: number; ownerId: number } | undefined {
  // An erased customer's remaining row (legal hold) is no longer a person: never listed or restored.
  return db.prepare('SELECT id, owner_id AS ownerId FROM customers WHERE id = ? AND deleted_at IS NOT NULL AND erased_at IS NULL').get(id) as { id: number; ownerId: number } | undefined;
}

export function restoreCustomer(db: Db, id: number, at: string): void {
  db.prepare('UPDATE customers SET deleted_at = NULL, updated_at = ? WHERE id = ? AND deleted_at IS NOT NULL').run(at, id);
  reindex(db, id);
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

export function addTags(db: Db, customerId: number, tags: readonly string[]): number {
  const insert = db.prepare('INSERT OR IGNORE INTO customer_tags (customer_id, tag) VALUES (?, ?)');
  return tags.reduce((added, tag) => added + insert.run(customerId, tag).changes, 0);
}

export function removeTags(db: Db, customerId: number, tags: readonly string[]): number {
  const remove = db.prepare('DELETE FROM customer_tags WHERE customer_id = ? AND tag = ?');
  return tags.reduce((removed, tag) => removed + remove.run(customerId, tag).changes, 0);
}

/** The tags in use, for the filter menu, with how many live customers carry each. */
/** Whose customers a menu counts: the person's own book or all; without dormant ones for roles that may not see them (issue 17). */
export interface MenuScope {
  ownerId: number | undefined;
  hideDormant: boolean;
}

export function tagCounts(db: Db, { ownerId, hideDormant }: MenuScope): { tag: string; count: number }[] {
  return db
    .prepare(
      `SELECT t.tag, count(*) AS count FROM customer_tags t JOIN customers c ON c.id = t.customer_id
        WHERE c.deleted_at IS NULL AND (? IS NULL OR c.owner_id = ?) AND (? = 0 OR c.dormant_at IS NULL) GROUP BY t.tag ORDER BY count DESC, t.tag LIMIT 200`,
    )
    .all(ownerId ?? null, ownerId ?? null, hideDormant ? 1 : 0) as { tag: string; count: number }[];
}

export function replaceTags(db: Db, customerId: number, tags: readonly string[]): void {
  db.prepare('DELETE FROM customer_tags WHERE customer_id = ?').run(customerId);
  const insert = db.prepare('INSERT OR IGNORE INTO customer_tags (customer_id, tag) VALUES (?, ?)');
  for (const tag of tags) insert.run(customerId, tag);
}
