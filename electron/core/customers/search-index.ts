import type { Db } from '../db/open-database';
import type { CustomerRow } from './customer-repository';
import { looksLikePinyin, searchPinyinIds, writePinyinKeys } from './pinyin-index';
import { foldChinese } from './pinyin-keys';

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
  writePinyinKeys(db, id, row?.name);
  if (!row) return;
  // A name in traditional characters is also indexed folded to simplified (王偉 as 王伟), and
  // queries are folded the same way, so either writing finds the other.
  const folded = foldChinese(row.name);
  const name = folded === row.name ? row.name : `${row.name} ${folded}`;
  db.prepare('INSERT INTO customer_search (rowid, name, company, notes, email, phone) VALUES (?, ?, ?, ?, ?, ?)').run(
    id,
    name,
    row.company ?? '',
    row.notes ?? '',
    row.email ?? '',
    [digits(row.mobile), digits(row.phone)].filter(Boolean).join(' '),
  );
  const insert = db.prepare('INSERT OR IGNORE INTO customer_grams (gram, customer_id) VALUES (?, ?)');
  for (const gram of shortGrams(`${name} ${row.company ?? ''}`)) insert.run(gram, id);
}

export type SearchColumn = 'name' | 'company' | 'notes' | 'email' | 'phone';

/**
 * Matching customer ids, best first. Columns are the ones this role may search by; `where` is the
 * row scope and filters as SQL on the alias `c` (customerWhere), applied inside the query so a
 * salesperson's own matches are never cut off by others' and filters never empty a full page.
 */
export function searchCustomerIds(db: Db, query: string, columns: readonly SearchColumn[], limit: number, where: { sql: string; params: (string | number)[] }): number[] {
  const text = query.trim().toLowerCase();
  if (!text) return [];
  // Latin letters may be pinyin of a Chinese name (wangwei, ww): those matches first, ranked by
  // the pinyin index, then the text matches (an English name or company) fill the page.
  const ids = new Set(looksLikePinyin(text) ? searchPinyinIds(db, text, limit, where) : []);
  // Names are indexed in both writings; company and notes only as typed, so a traditional query
  // is also run as typed (喜歡 still finds notes written 喜歡).
  const folded = foldChinese(text);
  for (const variant of folded === text ? [text] : [folded, text]) {
    if (ids.size >= limit) break;
    for (const id of searchTextIds(db, variant, columns, limit, where)) ids.add(id);
  }
  return [...ids].slice(0, limit);
}

function searchTextIds(db: Db, text: string, columns: readonly SearchColumn[], limit: number, where: { sql: string; params: (string | number)[] }): number[] {
  if (!text) return [];
  if ([...text].length < 3) {
    // Short path: indexed grams of name and company only (never phone or e-mail). FTS5's trigram
    // tokenizer cannot match fewer than three characters, and most Chinese given names are two;
    // the gram table answers those by index: at 100,000 customers a 2-character name search takes
    // 3.5 / 6.1 ms (median / p95) through the router, a 3-character one via trigrams 1.8 / 2.8 ms
    // (npm run bench, docs/benchmarks.md).
    return (
      db
        .prepare(`SELECT g.customer_id AS id FROM customer_grams g JOIN customers c ON c.id = g.customer_id WHERE g.gram = ? AND ${where.sql} ORDER BY c.name, c.id LIMIT ?`)
        .all(text, ...where.params, limit) as { id: number }[]
    ).map((r) => r.id);
  }
  const phoneLike = /^[\d\s+()-]+$/.test(text);
  const term = phoneLike ? text.replace(/\D/g, '') : text;
  const allowed = columns.filter((c) => (phoneLike ? c === 'phone' || c === 'notes' : c !== 'phone'));
  if (allowed.length === 0 || [...term].length < 3) return [];
  // A quoted FTS5 string: the user's text is data, never query syntax.
  const match = `{${allowed.join(' ')}} : "${term.replace(/"/g, '""')}"`;
  // Digits have no better or worse match, and ranking scores every match before taking the
  // first page: a common mobile prefix matches thousands (p95 14 ms at 100,000 customers, under
  // 2 ms in id order, which FTS5 returns natively and stops at the limit). Words keep bm25 rank.
  const order = phoneLike ? 'customer_search.rowid' : 'customer_search.rank';
  return (
    db
      // The FTS table drives the join (its MATCH is the selective part); filters cost one
      // primary-key lookup per match instead of materialising every customer id.
      .prepare(`SELECT c.id AS id FROM customer_search JOIN customers c ON c.id = customer_search.rowid WHERE customer_search MATCH ? AND ${where.sql} ORDER BY ${order} LIMIT ?`)
      .all(match, ...where.params, limit) as { id: number }[]
  ).map((r) => r.id);
}
