import type { Db } from '../db/open-database';

/**
 * SQL for the core sections of a customer's access package (issue 16). Every query is keyed on
 * the one customer id; staff appear only by display name (never a username or an id), and the
 * merge and import before-images are left out because they may hold another record's values.
 */
export type PackageRow = Record<string, string | number | boolean | null>;

/** The stored record in full (ID number and bank card too: it is the person's own data). */
export function recordRows(db: Db, customerId: number): PackageRow[] {
  return db
    .prepare(
      `SELECT c.name, c.mobile, c.phone, c.email, c.wechat, c.birthday, c.province, c.city, c.address_detail AS addressDetail,
              c.company, c.industry, c.region, c.source,
              coalesce((SELECT coalesce(m.label, m.value) FROM managed_list_values m WHERE m.list = 'level' AND m.value = c.level), c.level) AS level,
              u.display_name AS owner, c.notes, c.id_number AS idNumber, c.bank_card AS bankCard,
              c.created_at AS createdAt, c.updated_at AS updatedAt, c.last_interaction_at AS lastInteractionAt
         FROM customers c JOIN users u ON u.id = c.owner_id
        WHERE c.id = ? AND c.deleted_at IS NULL`,
    )
    .all(customerId) as PackageRow[];
}

export function interactionRows(db: Db, customerId: number): PackageRow[] {
  return db
    .prepare(
      `SELECT i.at, i.kind, i.summary, u.display_name AS recordedBy, i.created_at AS createdAt
         FROM interactions i JOIN users u ON u.id = i.user_id
        WHERE i.customer_id = ? ORDER BY i.at, i.id`,
    )
    .all(customerId) as PackageRow[];
}

/** Amounts as stored (minor units) and as a decimal in the currency's own digits (JPY has none). */
export function purchaseRows(db: Db, customerId: number): PackageRow[] {
  const rows = db
    .prepare(
      `SELECT p.date, p.item, p.amount_minor AS amountMinor, p.currency, p.note, u.display_name AS recordedBy, p.created_at AS createdAt
         FROM purchases p JOIN users u ON u.id = p.user_id
        WHERE p.customer_id = ? ORDER BY p.date, p.id`,
    )
    .all(customerId) as { date: string; item: string; amountMinor: number; currency: string; note: string | null; recordedBy: string; createdAt: string }[];
  return rows.map((r) => ({ date: r.date, item: r.item, amount: decimal(r.amountMinor, r.currency), currency: r.currency, amountMinor: r.amountMinor, note: r.note, recordedBy: r.recordedBy, createdAt: r.createdAt }));
}

const digitsCache = new Map<string, number>();
function decimal(minor: number, currency: string): string {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    digitsCache.set(currency, digits);
  }
  return (minor / 10 ** digits).toFixed(digits);
}

export function tagRows(db: Db, customerId: number): PackageRow[] {
  return db.prepare('SELECT tag FROM customer_tags WHERE customer_id = ? ORDER BY tag').all(customerId) as PackageRow[];
}

export function reminderRows(db: Db, customerId: number): PackageRow[] {
  return db
    .prepare(
      `SELECT r.due_at AS dueAt, r.note, r.status, r.done_at AS doneAt, u.display_name AS assignedTo, r.created_at AS createdAt
         FROM reminders r JOIN users u ON u.id = r.owner_id
        WHERE r.customer_id = ? ORDER BY r.due_at, r.id`,
    )
    .all(customerId) as PackageRow[];
}

/** Where the record came from or was changed by a file import: when, how, which row; not the file's name (it may name others). */
export function importRows(db: Db, customerId: number): PackageRow[] {
  return db
    .prepare(
      `SELECT b.started_at AS importedAt, e.action, e.row AS rowInFile, b.format AS fileFormat, u.display_name AS importedBy,
              b.state, b.undone_at AS undoneAt
         FROM import_effects e JOIN import_batches b ON b.id = e.batch_id JOIN users u ON u.id = b.user_id
        WHERE e.customer_id = ? ORDER BY b.started_at, e.row`,
    )
    .all(customerId) as PackageRow[];
}

/**
 * Merges this record took part in, as the kept record or as one merged into another. Only the
 * facts: the other records' values stay out (they could belong to someone else if a merge was wrong).
 */
export function mergeRows(db: Db, customerId: number): PackageRow[] {
  return db
    .prepare(
      `SELECT m.merged_at AS mergedAt,
              CASE WHEN m.survivor_id = ? THEN 'kept record' ELSE 'merged into another record' END AS role,
              json_array_length(m.merged_ids) + 1 AS recordsCombined, u.display_name AS mergedBy, m.undone_at AS undoneAt
         FROM customer_merges m JOIN users u ON u.id = m.user_id
        WHERE m.survivor_id = ? OR EXISTS (SELECT 1 FROM json_each(m.merged_ids) j WHERE j.value = ?)
        ORDER BY m.merged_at, m.id`,
    )
    .all(customerId, customerId, customerId) as PackageRow[];
}

/** The record as the package's subject: live, with its owner (for the scope check). */
export function packageSubject(db: Db, customerId: number): { id: number; ownerId: number } | undefined {
  return db.prepare('SELECT id, owner_id AS ownerId FROM customers WHERE id = ? AND deleted_at IS NULL').get(customerId) as { id: number; ownerId: number } | undefined;
}
