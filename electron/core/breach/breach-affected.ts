import { BREACH_CATEGORIES, FIELD_CATEGORY, type BreachCategory } from '../../../shared/breach';
import { decodeCustomerIds } from '../audit/audit-customer-ids';
import type { Db } from '../db/open-database';
import { auditRowsOfUser, type AffectedRow } from './breach-repository';

/** Audit rows whose record id is one customer the user was shown (audit-repository's SEEN_BY_ID, plus the lookup). */
const SEEN_BY_ID = new Set(['customer.read', 'customer.reveal', 'customer.create', 'customer.update', 'customer.restore', 'customer.lookup']);

interface Touch {
  seen: boolean;
  revealed: Set<string>;
  exported: Set<string>;
}

/**
 * Who is affected when this user's account leaked: from the audit log alone, every customer the
 * user was shown (lists, searches, records: masked views), revealed in full (which fields) or
 * exported (which columns) between two instants. Exports name columns, not which of them were
 * masked for the role: the count errs on the side of telling more people.
 */
export function affectedBy(db: Db, userId: number, from: string, to: string): AffectedRow[] {
  const touched = new Map<number, Touch>();
  const touch = (id: number) => {
    let t = touched.get(id);
    if (!t) touched.set(id, (t = { seen: false, revealed: new Set(), exported: new Set() }));
    return t;
  };
  for (const row of auditRowsOfUser(db, userId, from, to)) {
    const fields = row.fields ? (JSON.parse(row.fields) as string[]) : [];
    const single = row.entity === 'customer' && row.recordId !== null && /^[1-9][0-9]*$/.test(row.recordId) ? Number(row.recordId) : null;
    if (row.action === 'customer.reveal' && single !== null) {
      for (const f of fields) touch(single).revealed.add(f);
      continue;
    }
    if (row.action === 'customer.export') {
      const columns = fields.filter((f) => !f.startsWith('filter.'));
      for (const id of decodeCustomerIds(row.customerIds)) for (const c of columns) touch(id).exported.add(c);
      continue;
    }
    const ids = decodeCustomerIds(row.customerIds);
    for (const id of ids) touch(id).seen = true;
    if (row.customerIds === null && single !== null && SEEN_BY_ID.has(row.action)) touch(single).seen = true;
  }
  return [...touched.entries()]
    .sort(([a], [b]) => a - b)
    .map(([customerId, t]) => ({ customerId, seen: t.seen ? 1 : 0, revealed: JSON.stringify([...t.revealed].sort()), exported: JSON.stringify([...t.exported].sort()) }));
}

export type CategoryCounts = Record<BreachCategory, number>;

/**
 * Customers per kind of data: a masked view counts as basic data only (masked values are not the
 * data); a revealed or exported field counts under its kind.
 */
export function countsPerCategory(rows: readonly Pick<AffectedRow, 'seen' | 'revealed' | 'exported'>[]): { total: number; seen: number; revealed: number; exported: number; categories: CategoryCounts } {
  const categories = Object.fromEntries(BREACH_CATEGORIES.map((c) => [c, 0])) as CategoryCounts;
  let seen = 0;
  let revealed = 0;
  let exported = 0;
  for (const row of rows) {
    const r = JSON.parse(row.revealed) as string[];
    const e = JSON.parse(row.exported) as string[];
    if (row.seen) seen += 1;
    if (r.length > 0) revealed += 1;
    if (e.length > 0) exported += 1;
    const kinds = new Set<BreachCategory>(['basic']);
    for (const f of [...r, ...e]) kinds.add(FIELD_CATEGORY[f] ?? 'basic');
    for (const k of kinds) categories[k] += 1;
  }
  return { total: rows.length, seen, revealed, exported, categories };
}
