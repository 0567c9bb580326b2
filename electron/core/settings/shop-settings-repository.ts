import type { ManagedList, ShopProfile } from '../../../shared/shop';
import type { Db } from '../db/open-database';

export interface ListRow {
  value: string;
  label: string | null;
}

export function readShopProfile(db: Db): ShopProfile {
  return db.prepare('SELECT name, currency FROM shop_profile WHERE id = 1').get() as ShopProfile;
}

export function writeShopProfile(db: Db, profile: ShopProfile, at: string): void {
  db.prepare('UPDATE shop_profile SET name = ?, currency = ?, updated_at = ? WHERE id = 1').run(profile.name, profile.currency, at);
}

export function listValues(db: Db, list: ManagedList): ListRow[] {
  return db.prepare('SELECT value, label FROM managed_list_values WHERE list = ? ORDER BY position, value').all(list) as ListRow[];
}

/** Case-insensitive, so "VIP" and "vip" are never two entries of one list. */
export function findValue(db: Db, list: ManagedList, value: string): ListRow | undefined {
  return db.prepare('SELECT value, label FROM managed_list_values WHERE list = ? AND lower(value) = lower(?)').get(list, value) as ListRow | undefined;
}

export function appendValue(db: Db, list: ManagedList, value: string, label: string | null = null): void {
  db.prepare('INSERT INTO managed_list_values (list, value, label, position) SELECT ?, ?, ?, coalesce(max(position) + 1, 0) FROM managed_list_values WHERE list = ?').run(list, value, label, list);
}

export function renameValue(db: Db, list: ManagedList, from: string, to: string): void {
  db.prepare('UPDATE managed_list_values SET value = ? WHERE list = ? AND value = ?').run(to, list, from);
}

export function relabelValue(db: Db, list: ManagedList, value: string, label: string | null): void {
  db.prepare('UPDATE managed_list_values SET label = ? WHERE list = ? AND value = ?').run(label, list, value);
}

export function deleteValue(db: Db, list: ManagedList, value: string): void {
  db.prepare('DELETE FROM managed_list_values WHERE list = ? AND value = ?').run(list, value);
}

export function setPositions(db: Db, list: ManagedList, values: readonly string[]): void {
  const update = db.prepare('UPDATE managed_list_values SET position = ? WHERE list = ? AND value = ?');
  values.forEach((value, position) => update.run(position, list, value));
}

/** The customers (live or in the recycle bin) whose tag is `from`: the ones a rename rewrites. */
export function customersWithTag(db: Db, tag: string): number[] {
  return (db.prepare('SELECT customer_id AS id FROM customer_tags WHERE tag = ? ORDER BY customer_id').all(tag) as { id: number }[]).map((r) => r.id);
}

/** A customer who already has `to` keeps one copy of it (the tags' primary key). */
export function retag(db: Db, from: string, to: string): void {
  db.prepare('INSERT OR IGNORE INTO customer_tags (customer_id, tag) SELECT customer_id, ? FROM customer_tags WHERE tag = ?').run(to, from);
  db.prepare('DELETE FROM customer_tags WHERE tag = ?').run(from);
}

export function customersInRegion(db: Db, region: string): number[] {
  return (db.prepare('SELECT id FROM customers WHERE region = ? ORDER BY id').all(region) as { id: number }[]).map((r) => r.id);
}

export function moveRegion(db: Db, from: string, to: string): void {
  db.prepare('UPDATE customers SET region = ? WHERE region = ?').run(to, from);
}

/** Every customer (live or in the recycle bin) with this level key: the ones a retirement moves. */
export function customersWithLevel(db: Db, level: string): number[] {
  return (db.prepare('SELECT id FROM customers WHERE level = ? ORDER BY id').all(level) as { id: number }[]).map((r) => r.id);
}

export function moveLevel(db: Db, from: string, to: string): void {
  db.prepare('UPDATE customers SET level = ? WHERE level = ?').run(to, from);
}
