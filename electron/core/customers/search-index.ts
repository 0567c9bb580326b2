import type { Db } from '../db/open-database';
import type { CustomerRow } from './customer-repository';

/** One- and two-character pieces of a text, lower-cased, for the short-query path. */
export function shortGrams(text: string): string[] {
  const chars = [...text.toLowerCase().replace(/\s+/g, ' ').trim()];
  const grams = new Set<string>();
  chars.forEach((char, i) => {
    if (char !== ' ') grams.add(char);
    const next = chars[i + 1];
    if (next !== undefined && char !== ' ' && next !== ' ') grams.add(char + next);
  });
  return [...grams];
}

const digits = (value: string | null) => (value ?? '').replace(/\D/g, '');

/** Keeps the search tables in step with one customer; called by every write in the repository. */
export function indexCustomer(db: Db, row: Pick<CustomerRow, 'id' | 'name' | 'company' | 'notes' | 'email' | 'mobile' | 'phone'> | undefined, id: number): void {
  db.prepare('DELETE FROM customer_search WHERE rowid = ?').run(id);
  db.prepare('DELETE FROM customer_grams WHERE customer_id = ?').run(id);
  if (!row) return;
  db.prepare('INSERT INTO customer_search (rowid, name, company, notes, email, phone) VALUES (?, ?, ?, ?, ?, ?)').run(
    id,
    row.name,
    row.company ?? '',
    row.notes ?? '',
    row.email ?? '',
    [digits(row.mobile), digits(row.phone)].filter(Boolean).join(' '),
  );
  const insert = db.prepare('INSERT OR IGNORE INTO customer_grams (gram, customer_id) VALUES (?, ?)');
  for (const gram of shortGrams(`${row.name} ${row.company ?? ''}`)) insert.run(gram, id);
}

export type SearchColumn = 'name' | 'company' | 'notes' | 'email' | 'phone';

/** Matching customer ids, best first. Columns are the ones this role may search by. */
export function searchCustomerIds(db: Db, query: string, columns: readonly SearchColumn[], limit: number, ownerId: number | null = null): number[] {
  const text = query.trim().toLowerCase();
  if (!text) return [];
  if ([...text].length < 3) {
    // Short path: indexed grams of name and company only (never phone or e-mail).
    return (
      db
        .prepare(`SELECT g.customer_id AS id FROM customer_grams g JOIN customers c ON c.id = g.customer_id
                   WHERE g.gram = ? AND c.deleted_at IS NULL AND (? IS NULL OR c.owner_id = ?) ORDER BY c.name, c.id LIMIT ?`)
        .all(text, ownerId, ownerId, limit) as { id: number }[]
    ).map((r) => r.id);
  }
  const phoneLike = /^[\d\s+()-]+$/.test(text);
  const term = phoneLike ? text.replace(/\D/g, '') : text;
  const allowed = columns.filter((c) => (phoneLike ? c === 'phone' || c === 'notes' : c !== 'phone'));
  if (allowed.length === 0 || [...term].length < 3) return [];
  // A quoted FTS5 string: the user's text is data, never query syntax.
  const match = `{${allowed.join(' ')}} : "${term.replace(/"/g, '""')}"`;
  // Row scope inside the query, so a salesperson's own matches are never cut off by others'.
  const scoped = ownerId === null ? '' : 'AND rowid IN (SELECT id FROM customers WHERE owner_id = ? AND deleted_at IS NULL)';
  const params = ownerId === null ? [match, limit] : [match, ownerId, limit];
  return (db.prepare(`SELECT rowid AS id FROM customer_search WHERE customer_search MATCH ? ${scoped} ORDER BY rank LIMIT ?`).all(...params) as { id: number }[]).map((r) => r.id);
}
