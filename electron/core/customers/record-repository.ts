import type { Db } from '../db/open-database';

/** SQL for the record page's header and the phone / WeChat lookup; the service decides who sees what. */

export function ownerDisplayName(db: Db, ownerId: number): string | null {
  const row = db.prepare('SELECT display_name AS name FROM users WHERE id = ?').get(ownerId) as { name: string } | undefined;
  return row?.name ?? null;
}

/** Purchase totals per currency (a shop may sell in two), newest-currency order does not matter. */
export function purchaseTotals(db: Db, customerId: number): { count: number; totals: { currency: string; amountMinor: number }[] } {
  const rows = db
    .prepare('SELECT currency, sum(amount_minor) AS amountMinor, count(*) AS n FROM purchases WHERE customer_id = ? GROUP BY currency ORDER BY sum(amount_minor) DESC')
    .all(customerId) as { currency: string; amountMinor: number; n: number }[];
  return { count: rows.reduce((sum, r) => sum + r.n, 0), totals: rows.map((r) => ({ currency: r.currency, amountMinor: r.amountMinor })) };
}

/** The earliest open reminder on this customer, optionally only one user's (reminders_by_customer). */
export function nextReminderAt(db: Db, customerId: number, ownerId: number | undefined): string | null {
  const row = db
    .prepare("SELECT min(due_at) AS dueAt FROM reminders WHERE customer_id = ? AND status = 'open' AND (? IS NULL OR owner_id = ?)")
    .get(customerId, ownerId ?? null, ownerId ?? null) as { dueAt: string | null };
  return row.dueAt;
}

/** Live customers holding this E.164 number as mobile or phone (customer_keys, migration 015). */
export function customerIdsByPhoneKey(db: Db, e164: string, ownerId: number | undefined, limit: number): number[] {
  return (
    db
      .prepare(
        `SELECT DISTINCT k.customer_id AS id FROM customer_keys k JOIN customers c ON c.id = k.customer_id
          WHERE k.kind = 'phone' AND k.value = ? AND c.deleted_at IS NULL AND (? IS NULL OR c.owner_id = ?) ORDER BY k.customer_id LIMIT ?`,
      )
      .all(e164, ownerId ?? null, ownerId ?? null, limit) as { id: number }[]
  ).map((r) => r.id);
}

/** Exact WeChat ID, case-insensitive (customers_by_wechat, migration 020). */
export function customerIdsByWechat(db: Db, wechat: string, ownerId: number | undefined, limit: number): number[] {
  return (
    db
      .prepare('SELECT id FROM customers WHERE lower(wechat) = lower(?) AND deleted_at IS NULL AND wechat IS NOT NULL AND (? IS NULL OR owner_id = ?) ORDER BY id LIMIT ?')
      .all(wechat, ownerId ?? null, ownerId ?? null, limit) as { id: number }[]
  ).map((r) => r.id);
}

/** The same exact WeChat match inside the search's scope and filters (customerWhere on alias c). */
export function searchWechatIds(db: Db, wechat: string, where: { sql: string; params: (string | number)[] }, limit: number): number[] {
  return (
    db.prepare(`SELECT c.id AS id FROM customers c WHERE lower(c.wechat) = lower(?) AND c.wechat IS NOT NULL AND ${where.sql} ORDER BY c.id LIMIT ?`).all(wechat, ...where.params, limit) as { id: number }[]
  ).map((r) => r.id);
}
