import type { Db } from '../db/open-database';

export const INTERACTION_KINDS = ['call', 'email', 'wechat', 'visit', 'service', 'feedback', 'note'] as const;
export type InteractionKind = (typeof INTERACTION_KINDS)[number];

export interface TimelineEntry {
  type: 'interaction' | 'purchase';
  id: number;
  at: string;
  kind: string;
  text: string;
  amountMinor: number | null;
  currency: string | null;
  byUsername: string;
  /** Who wrote it (support's view of free text depends on it); never sent to the page. */
  authorId: number;
}

export function insertInteraction(db: Db, entry: { customerId: number; kind: InteractionKind; at: string; summary: string; userId: number }, now: string): number {
  const id = Number(
    db.prepare('INSERT INTO interactions (customer_id, kind, at, summary, user_id, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(entry.customerId, entry.kind, entry.at, entry.summary, entry.userId, now)
      .lastInsertRowid,
  );
  db.prepare('UPDATE customers SET last_interaction_at = max(coalesce(last_interaction_at, ?), ?) WHERE id = ?').run(entry.at, entry.at, entry.customerId);
  return id;
}

export function insertPurchase(db: Db, entry: { customerId: number; date: string; item: string; amountMinor: number; currency: string; note?: string | undefined; userId: number }, now: string): number {
  return Number(
    db
      .prepare('INSERT INTO purchases (customer_id, date, item, amount_minor, currency, note, user_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(entry.customerId, entry.date, entry.item, entry.amountMinor, entry.currency, entry.note ?? null, entry.userId, now).lastInsertRowid,
  );
}

/** Newest first; purchases only when the caller may see them. */
export function timelineOf(db: Db, customerId: number, withPurchases: boolean, limit: number): TimelineEntry[] {
  const interactions = `SELECT 'interaction' AS type, i.id AS id, i.at AS at, i.kind AS kind, i.summary AS text, NULL AS amountMinor, NULL AS currency, u.username AS byUsername, i.user_id AS authorId
                          FROM interactions i JOIN users u ON u.id = i.user_id WHERE i.customer_id = ?`;
  const purchases = `SELECT 'purchase' AS type, p.id AS id, p.date AS at, 'purchase' AS kind, p.item AS text, p.amount_minor AS amountMinor, p.currency AS currency, u.username AS byUsername, p.user_id AS authorId
                       FROM purchases p JOIN users u ON u.id = p.user_id WHERE p.customer_id = ?`;
  const sql = withPurchases ? `${interactions} UNION ALL ${purchases} ORDER BY at DESC, id DESC LIMIT ?` : `${interactions} ORDER BY at DESC, id DESC LIMIT ?`;
  const params = withPurchases ? [customerId, customerId, limit] : [customerId, limit];
  return db.prepare(sql).all(...params) as TimelineEntry[];
}

/** Many interactions of one customer at once (demo and import), with one last-contact update. */
export function insertInteractions(db: Db, customerId: number, userId: number, entries: readonly { kind: InteractionKind; at: string; summary: string }[], now: string): void {
  if (entries.length === 0) return;
  const insert = db.prepare('INSERT INTO interactions (customer_id, kind, at, summary, user_id, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  let latest = entries[0]!.at;
  for (const entry of entries) {
    insert.run(customerId, entry.kind, entry.at, entry.summary, userId, now);
    if (entry.at > latest) latest = entry.at;
  }
  db.prepare('UPDATE customers SET last_interaction_at = max(coalesce(last_interaction_at, ?), ?) WHERE id = ?').run(latest, latest, customerId);
}
