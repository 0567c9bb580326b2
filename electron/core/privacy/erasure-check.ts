import type { EraseCheck } from '../../../shared/erasure';
import { keysOf } from '../customers/duplicate-keys';
import { pinyinKeys } from '../customers/pinyin-keys';
import type { Db } from '../db/open-database';
import { sqlHit, type Term } from './erasure-terms';

/** Tables whose rows belong to one customer, by that customer's column: another customer's row there is their own record. */
const PER_CUSTOMER: Record<string, string> = {
  customers: 'id',
  customer_search: 'rowid',
  customer_grams: 'customer_id',
  customer_pinyin: 'customer_id',
  customer_keys: 'customer_id',
};
/** Columns of customers that hold another person's own identity (a namesake, a shared family phone). */
const IDENTITY = new Set(['name', 'mobile', 'phone', 'email', 'wechat', 'sort_name']);

/**
 * Columns that hold only times, dates, hashes or a fixed vocabulary (their CHECKs say so): not
 * where a name or number could be written, and skipping them halves the whole-vault scan.
 */
const NOT_FREE = /(^|_)at$|^date$|hash$|sha256$|^(currency|kind|state|status|role|outcome|action|mode|trigger|level|list)$/;

/** The person as stored before the erasure: what the duplicate keys were computed from. */
export interface CheckedPerson {
  name: string;
  mobile: string | null;
  phone: string | null;
  email: string | null;
  company: string | null;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Every table and text column of the vault, read from the schema, so a feature added later is scanned too. */
function textColumns(db: Db): { table: string; column: string }[] {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'customer_search_%' ORDER BY name")
    .all() as { name: string }[];
  const out: { table: string; column: string }[] = [];
  for (const { name } of tables) {
    const columns = db.prepare(`SELECT name, type FROM pragma_table_info(?)`).all(name) as { name: string; type: string }[];
    // FTS5 columns have no declared type; everything else declares TEXT (STRICT tables) or is not text.
    for (const c of columns) if ((c.type === '' || /TEXT|CHAR|CLOB/i.test(c.type)) && !NOT_FREE.test(c.name)) out.push({ table: name, column: c.name });
  }
  return out;
}

/**
 * The proof after an erasure (issue 16): the person's name, phone, e-mail and WeChat no longer
 * occur in any text column of any table (customers, the search index, pinyin and duplicate keys,
 * every free text, import and merge provenance, approvals, the audit log, tables added later).
 * A hit in another customer's own identity (someone else called 王伟) is that person's data and
 * counted apart; a hit anywhere else fails the check. Values never leave this function: the
 * result is table.column -> number of rows.
 */
export function checkErased(db: Db, subjectIds: readonly number[], terms: readonly Term[], original: CheckedPerson, onTable?: (done: number, total: number) => void): EraseCheck {
  const hits: Record<string, number> = {};
  let otherRecords = 0;
  const ids = subjectIds.map(() => '?').join(',');
  const columns = textColumns(db);
  // One pass per table, every text column counted in it: a table is read once, not once per column.
  const byTable = new Map<string, string[]>();
  for (const { table, column } of columns) byTable.set(table, [...(byTable.get(table) ?? []), column]);
  let done = 0;
  for (const [table, names] of byTable) {
    onTable?.(done++, byTable.size);
    const owner = PER_CUSTOMER[table];
    const parts: string[] = [];
    const params: (string | number)[] = [];
    for (const column of names) {
      const hit = sqlHit(quote(column), terms);
      if (owner) {
        parts.push(`sum(CASE WHEN ${owner} IN (${ids}) AND ${hit.sql} THEN 1 ELSE 0 END)`, `sum(CASE WHEN ${owner} NOT IN (${ids}) AND ${hit.sql} THEN 1 ELSE 0 END)`);
        params.push(...subjectIds, ...hit.params, ...subjectIds, ...hit.params);
      } else {
        parts.push(`sum(CASE WHEN ${hit.sql} THEN 1 ELSE 0 END)`);
        params.push(...hit.params);
      }
    }
    const counts = Object.values(db.prepare(`SELECT ${parts.join(', ')} FROM ${quote(table)}`).raw().get(...params) as (number | null)[]) as (number | null)[];
    names.forEach((column, i) => {
      const key = `${table}.${column}`;
      const mine = (owner ? counts[2 * i] : counts[i]) ?? 0;
      const others = owner ? (counts[2 * i + 1] ?? 0) : 0;
      if (mine > 0) hits[key] = mine;
      // Free text in another customer's record (their notes) was redacted: a hit there is a failure.
      if (table === 'customers' && !IDENTITY.has(column)) {
        if (others > 0) hits[key] = (hits[key] ?? 0) + others;
      } else otherRecords += others;
    });
  }
  onTable?.(byTable.size, byTable.size);
  // Keys that are not the text itself: the pinyin of the name (wangwei) and the normalised
  // duplicate keys (+8613800138000), looked for under the erased ids.
  const pinyin = db.prepare(`SELECT count(*) AS n FROM customer_pinyin WHERE customer_id IN (${ids}) AND key = ?`);
  const pinyinHits = pinyinKeys(original.name).reduce((sum, k) => sum + (pinyin.get(...subjectIds, k.key) as { n: number }).n, 0);
  if (pinyinHits > 0) hits['customer_pinyin.key'] = (hits['customer_pinyin.key'] ?? 0) + pinyinHits;
  const key = db.prepare(`SELECT count(*) AS n FROM customer_keys WHERE customer_id IN (${ids}) AND kind = ? AND value = ?`);
  const keyHits = keysOf(original).reduce((sum, k) => sum + (key.get(...subjectIds, k.kind, k.value) as { n: number }).n, 0);
  if (keyHits > 0) hits['customer_keys.value'] = (hits['customer_keys.value'] ?? 0) + keyHits;
  return { passed: Object.keys(hits).length === 0, hits, otherRecords, scannedColumns: columns.length };
}
