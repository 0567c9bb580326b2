import type { EraseCheck, EraseMode, EraseTrigger, PrivacyLogEntry } from '../../../shared/erasure';
import type { Db } from '../db/open-database';
import { FREE_TEXT, redact, sqlHit, type FreeTextColumn, type Term } from './erasure-terms';

/** A person as stored, bin or not; null when no such customer or it is no longer a person. */
export interface SubjectRow {
  id: number;
  name: string;
  mobile: string | null;
  phone: string | null;
  email: string | null;
  wechat: string | null;
  company: string | null;
  notes: string | null;
  legalHold: number;
  deletedAt: string | null;
}

export function findSubject(db: Db, id: number): SubjectRow | undefined {
  return db
    .prepare(
      `SELECT id, name, mobile, phone, email, wechat, company, notes, legal_hold AS legalHold, deleted_at AS deletedAt
         FROM customers WHERE id = ? AND erased_at IS NULL`,
    )
    .get(id) as SubjectRow | undefined;
}

/** Customers merged into this one (their rows stay in the bin): the same person, erased together. */
export function mergedInto(db: Db, survivorId: number): number[] {
  const rows = db.prepare('SELECT merged_ids AS ids FROM customer_merges WHERE survivor_id = ?').all(survivorId) as { ids: string }[];
  return [...new Set(rows.flatMap((r) => JSON.parse(r.ids) as number[]))].filter((id) => id !== survivorId);
}

export interface FoundText {
  column: FreeTextColumn;
  rowId: number;
  customerId: number | null;
  text: string;
}

/** Every free-text cell mentioning any term, up to `limit` (lookup) or all (erasure). */
export function findMentions(db: Db, terms: readonly Term[], limit = Number.MAX_SAFE_INTEGER): FoundText[] {
  const found: FoundText[] = [];
  if (terms.length === 0) return found;
  for (const column of FREE_TEXT) {
    if (found.length >= limit) break;
    const hit = sqlHit(column.column, terms);
    const owner = column.customer ?? 'NULL';
    // Rows no longer a person's (an erased customer's tombstone) are not offered again.
    const live = column.table === 'customers' ? 'AND erased_at IS NULL' : '';
    const rows = db
      .prepare(`SELECT rowid AS rowId, ${owner} AS customerId, ${column.column} AS text FROM ${column.table} WHERE ${hit.sql} ${live} ORDER BY rowid LIMIT ?`)
      .all(...hit.params, limit - found.length) as { rowId: number; customerId: number | null; text: string }[];
    for (const row of rows) found.push({ column, ...row });
  }
  return found;
}

/** Redacts each mention in place, counting rows per table; returns the customers whose notes changed (their index follows). */
export function redactMentions(db: Db, found: readonly FoundText[], terms: readonly Term[], touched: Record<string, number>): number[] {
  const notes: number[] = [];
  for (const f of found) {
    const next = redact(f.text, terms);
    if (next === f.text) continue;
    db.prepare(`UPDATE ${f.column.table} SET ${f.column.column} = ? WHERE rowid = ?`).run(next, f.rowId);
    touched[f.column.table] = (touched[f.column.table] ?? 0) + 1;
    if (f.column.table === 'customers') notes.push(f.rowId);
  }
  return notes;
}

/** Tags that carry the person (a tag "王伟's friends"): removed. */
export function deleteTagsMatching(db: Db, customerId: number, terms: readonly Term[]): number {
  const hit = sqlHit('tag', terms);
  return db.prepare(`DELETE FROM customer_tags WHERE customer_id = ? AND ${hit.sql}`).run(customerId, ...hit.params).changes;
}

/** Import provenance (the fields as they were before an import updated them) and merge records naming this customer. */
export function dropProvenance(db: Db, customerId: number): { imports: number; merges: number } {
  const imports = db.prepare('DELETE FROM import_effects WHERE customer_id = ?').run(customerId).changes;
  const merges = db
    .prepare('DELETE FROM customer_merges WHERE survivor_id = ? OR EXISTS (SELECT 1 FROM json_each(customer_merges.merged_ids) j WHERE j.value = ?)')
    .run(customerId, customerId).changes;
  return { imports, merges };
}

/** The identity replaced by the pseudonym; contacts, addresses and identifiers removed. */
export function anonymiseRow(db: Db, id: number, pseudonym: string, notes: string | null, at: string, deleted: boolean): void {
  db.prepare(
    `UPDATE customers SET name = ?, mobile = NULL, phone = NULL, email = NULL, wechat = NULL, birthday = NULL, province = NULL, city = NULL,
            address_detail = NULL, company = NULL, id_number = NULL, bank_card = NULL, notes = ?, sort_name = NULL, erased_at = ?, updated_at = ?,
            deleted_at = CASE WHEN ? THEN coalesce(deleted_at, ?) ELSE deleted_at END
      WHERE id = ?`,
  ).run(pseudonym, notes, at, at, deleted ? 1 : 0, at, id);
}

/** Everything of one customer but (optionally) its purchases; the customer row itself when `row`. */
export function deleteRelated(db: Db, id: number, keepPurchases: boolean): Record<string, number> {
  const counts: Record<string, number> = {
    interactions: db.prepare('DELETE FROM interactions WHERE customer_id = ?').run(id).changes,
    reminders: db.prepare('DELETE FROM reminders WHERE customer_id = ?').run(id).changes,
    customer_tags: db.prepare('DELETE FROM customer_tags WHERE customer_id = ?').run(id).changes,
  };
  // Under a legal hold the accounts keep amount, currency, date and item; the free-text note goes.
  counts.purchases = keepPurchases
    ? db.prepare('UPDATE purchases SET note = NULL WHERE customer_id = ?').run(id).changes
    : db.prepare('DELETE FROM purchases WHERE customer_id = ?').run(id).changes;
  return counts;
}

export function deleteCustomerRow(db: Db, id: number): number {
  return db.prepare('DELETE FROM customers WHERE id = ?').run(id).changes;
}

export function setLegalHold(db: Db, id: number, hold: boolean): boolean {
  return db.prepare('UPDATE customers SET legal_hold = ? WHERE id = ? AND erased_at IS NULL').run(hold ? 1 : 0, id).changes === 1;
}

export interface LogInsert {
  requestId: number | null;
  customerId: number;
  mode: EraseMode;
  trigger: EraseTrigger;
  maskedName: string;
  maskedPhone: string | null;
  maskedEmail: string | null;
  pseudonym: string | null;
  touched: Record<string, number>;
  actorId: number | null;
  at: string;
  approvalId: number | null;
  check: EraseCheck;
}

export function insertLog(db: Db, e: LogInsert): number {
  const result = db
    .prepare(
      `INSERT INTO privacy_log (request_id, customer_id, mode, trigger, masked_name, masked_phone, masked_email, pseudonym, touched, actor_id, at, approval_id, check_passed, check_detail)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(e.requestId, e.customerId, e.mode, e.trigger, e.maskedName, e.maskedPhone, e.maskedEmail, e.pseudonym, JSON.stringify(e.touched), e.actorId, e.at, e.approvalId, e.check.passed ? 1 : 0, JSON.stringify(e.check));
  return Number(result.lastInsertRowid);
}

export function listLog(db: Db, limit: number, beforeId?: number): PrivacyLogEntry[] {
  const rows = db
    .prepare(
      `SELECT p.id, p.request_id AS requestId, p.customer_id AS customerId, p.mode, p.trigger, p.masked_name AS maskedName, p.masked_phone AS maskedPhone,
              p.masked_email AS maskedEmail, p.pseudonym, p.touched, u.username AS actor, p.at, p.approval_id AS approvalId, p.check_detail AS checkDetail
         FROM privacy_log p LEFT JOIN users u ON u.id = p.actor_id
        WHERE (? IS NULL OR p.id < ?) ORDER BY p.id DESC LIMIT ?`,
    )
    .all(beforeId ?? null, beforeId ?? null, limit) as (Omit<PrivacyLogEntry, 'touched' | 'check'> & { touched: string; checkDetail: string })[];
  return rows.map(({ touched, checkDetail, ...row }) => ({ ...row, touched: JSON.parse(touched) as Record<string, number>, check: JSON.parse(checkDetail) as EraseCheck }));
}

/** Bin items deleted before `cutoff` and not held (or just that one, `only`): the automatic purge's work. */
export function binDueBefore(db: Db, cutoff: string, only?: number): number[] {
  return (
    db
      .prepare('SELECT id FROM customers WHERE deleted_at IS NOT NULL AND deleted_at < ? AND erased_at IS NULL AND legal_hold = 0 AND (? IS NULL OR id = ?) ORDER BY deleted_at, id')
      .all(cutoff, only ?? null, only ?? null) as { id: number }[]
  ).map((r) => r.id);
}

/**
 * The after-check's answer for a row still waiting for it. The customer id must match too: after
 * a restore the same log id may be another erasure's, and a stale answer must not land on it.
 */
export function settleCheck(db: Db, logId: number, customerId: number, check: EraseCheck): boolean {
  return (
    db
      .prepare(`UPDATE privacy_log SET check_passed = ?, check_detail = ? WHERE id = ? AND customer_id = ? AND json_extract(check_detail, '$.status') = 'running'`)
      .run(check.passed ? 1 : 0, JSON.stringify(check), logId, customerId).changes === 1
  );
}

/** Rows whose after-check never answered (the app stopped, the vault locked): oldest first. */
export function runningChecks(db: Db): { logId: number; customerId: number }[] {
  return db.prepare(`SELECT id AS logId, customer_id AS customerId FROM privacy_log WHERE check_passed = 0 AND json_extract(check_detail, '$.status') = 'running' ORDER BY id`).all() as {
    logId: number;
    customerId: number;
  }[];
}
