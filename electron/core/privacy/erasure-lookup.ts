import type { LookupCustomer } from '../../../shared/erasure';
import { maskedEmail, maskedPhone } from '../../../shared/erasure';
import { fieldVisibility } from '../../../shared/field-policy';
import { emailKey, nameKey, phoneKey } from '../customers/duplicate-keys';
import type { Db } from '../db/open-database';
import type { SubjectRow } from './erasure-repository';
import { sqlHit, type Term } from './erasure-terms';

const LIMIT = 20;

/**
 * The customers a typed name, phone or e-mail belongs to: live ones by their duplicate keys (one
 * index seek), those in the recycle bin (no keys any more; few rows) by their columns.
 */
export function lookupCustomers(db: Db, term: Term, role: string): { rows: SubjectRow[]; customers: LookupCustomer[] } {
  const key = term.kind === 'phone' ? { kind: 'phone', value: phoneKey(term.value) } : term.kind === 'email' ? { kind: 'email', value: emailKey(term.value) } : { kind: 'name', value: nameKey(term.value) };
  const ids = new Set<number>();
  if (key.value) {
    for (const r of db.prepare('SELECT customer_id AS id FROM customer_keys WHERE kind = ? AND value = ? LIMIT ?').all(key.kind, key.value, LIMIT) as { id: number }[]) ids.add(r.id);
  }
  const columns = term.kind === 'phone' ? ['mobile', 'phone'] : term.kind === 'email' ? ['email'] : ['name', 'wechat'];
  for (const column of columns) {
    const hit = term.kind === 'name' ? { sql: `${column} = ?`, params: [term.value] } : sqlHit(column, [term]);
    const rows = db.prepare(`SELECT id FROM customers WHERE deleted_at IS NOT NULL AND erased_at IS NULL AND ${hit.sql} LIMIT ?`).all(...hit.params, LIMIT) as { id: number }[];
    for (const r of rows) ids.add(r.id);
  }
  const list = [...ids].slice(0, LIMIT);
  if (list.length === 0) return { rows: [], customers: [] };
  const marks = list.map(() => '?').join(',');
  const rows = db
    .prepare(
      `SELECT c.id, c.name, c.mobile, c.phone, c.email, c.wechat, c.company, c.notes, c.legal_hold AS legalHold, c.deleted_at AS deletedAt,
              (SELECT count(*) FROM interactions i WHERE i.customer_id = c.id) AS interactions,
              (SELECT count(*) FROM purchases p WHERE p.customer_id = c.id) AS purchases,
              (SELECT count(*) FROM reminders r WHERE r.customer_id = c.id) AS reminders
         FROM customers c WHERE c.id IN (${marks}) AND c.erased_at IS NULL ORDER BY c.id`,
    )
    .all(...list) as (SubjectRow & { interactions: number; purchases: number; reminders: number })[];
  const full = (field: string) => fieldVisibility(role, field) === 'full';
  return {
    rows,
    customers: rows.map((r) => ({
      id: r.id,
      name: r.name,
      mobile: r.mobile ?? r.phone ? (full('mobile') ? (r.mobile ?? r.phone) : maskedPhone(r.mobile ?? r.phone)) : null,
      email: r.email ? (full('email') ? r.email : maskedEmail(r.email)) : null,
      inRecycleBin: r.deletedAt !== null,
      legalHold: r.legalHold === 1,
      interactions: r.interactions,
      purchases: r.purchases,
      reminders: r.reminders,
    })),
  };
}
