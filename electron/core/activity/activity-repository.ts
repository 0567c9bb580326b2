import type { Db } from '../db/open-database';
import type { InteractionKind } from '../customers/timeline-repository';

/** The customer an entry belongs to (live customers only: the recycle bin hides its timeline). */
export interface EntryOwner {
  customerId: number;
  customerOwnerId: number;
}

export interface InteractionRow extends EntryOwner {
  kind: InteractionKind;
  at: string;
  summary: string;
  authorId: number;
}

export interface PurchaseRow extends EntryOwner {
  date: string;
  item: string;
  amountMinor: number;
  currency: string;
  note: string | null;
}

export function findInteraction(db: Db, id: number): InteractionRow | undefined {
  return db
    .prepare(
      `SELECT i.customer_id AS customerId, c.owner_id AS customerOwnerId, i.kind, i.at, i.summary, i.user_id AS authorId
         FROM interactions i JOIN customers c ON c.id = i.customer_id WHERE i.id = ? AND c.deleted_at IS NULL`,
    )
    .get(id) as InteractionRow | undefined;
}

export function findPurchase(db: Db, id: number): PurchaseRow | undefined {
  return db
    .prepare(
      `SELECT p.customer_id AS customerId, c.owner_id AS customerOwnerId, p.date, p.item, p.amount_minor AS amountMinor, p.currency, p.note
         FROM purchases p JOIN customers c ON c.id = p.customer_id WHERE p.id = ? AND c.deleted_at IS NULL`,
    )
    .get(id) as PurchaseRow | undefined;
}

/**
 * Last contact follows the interactions that remain: an edit can move it back in time and a
 * delete can clear it. One indexed lookup (interactions_by_customer), not a scan.
 */
function refreshLastContact(db: Db, customerId: number): void {
  db.prepare('UPDATE customers SET last_interaction_at = (SELECT max(at) FROM interactions WHERE customer_id = ?) WHERE id = ?').run(customerId, customerId);
}

export function updateInteraction(db: Db, id: number, customerId: number, values: { kind: InteractionKind; at: string; summary: string }): void {
  db.prepare('UPDATE interactions SET kind = ?, at = ?, summary = ? WHERE id = ?').run(values.kind, values.at, values.summary, id);
  refreshLastContact(db, customerId);
}

export function deleteInteraction(db: Db, id: number, customerId: number): void {
  db.prepare('DELETE FROM interactions WHERE id = ?').run(id);
  refreshLastContact(db, customerId);
}

export function updatePurchase(db: Db, id: number, values: { date: string; item: string; amountMinor: number; currency: string; note: string | null }): void {
  db.prepare('UPDATE purchases SET date = ?, item = ?, amount_minor = ?, currency = ?, note = ? WHERE id = ?').run(values.date, values.item, values.amountMinor, values.currency, values.note, id);
}

export function deletePurchase(db: Db, id: number): void {
  db.prepare('DELETE FROM purchases WHERE id = ?').run(id);
}
