import type { Db } from '../db/open-database';
import { getMeta, setMeta } from '../db/meta-repository';
import { normalisePinyinQuery, PINYIN_INDEX_VERSION, pinyinKeys, sortNameOf } from './pinyin-keys';

const VERSION_KEY = 'pinyin_index_version';
// "<version being built>|<last customer id done>": a rebuild interrupted by a crash or a lock
// resumes after that id; one for an older code version starts over.
const PROGRESS_KEY = 'pinyin_rebuild';

/**
 * Replaces one customer's pinyin keys and its name sort key; inside the caller's transaction (the
 * customer write). Every write of a name (create, update, import, merge, restore) comes here
 * through indexCustomer, so the sort key never lags the name. A deleted customer keeps its sort
 * key: the list indexes hold live rows only, and a restore writes it again.
 */
export function writePinyinKeys(db: Db, id: number, name: string | undefined): void {
  db.prepare('DELETE FROM customer_pinyin WHERE customer_id = ?').run(id);
  if (name === undefined) return;
  db.prepare('UPDATE customers SET sort_name = ? WHERE id = ?').run(sortNameOf(name), id);
  const insert = db.prepare('INSERT INTO customer_pinyin (key, customer_id, kind) VALUES (?, ?, ?)');
  for (const { key, kind } of pinyinKeys(name)) insert.run(key, id, kind);
}

/** True when the input is something a person types as pinyin: Latin letters, spaces, apostrophes. */
export function looksLikePinyin(query: string): boolean {
  return /^[a-zü:'’\s]+$/i.test(query.normalize('NFKC').trim());
}

interface Hit {
  id: number;
  kind: number;
  key: string;
  name: string;
}

/**
 * Customers whose name has a pinyin key equal to or starting with the query, best first: exact
 * full pinyin, full-pinyin prefix, exact initials, initials prefix, exact mix, mix prefix (so for
 * wangwei, 王伟明 comes before 万刚伟, whose wan+g+wei only mixes to it); then shorter keys, then
 * by name. `where` is the row scope on alias `c`, as in searchCustomerIds.
 */
export function searchPinyinIds(db: Db, query: string, limit: number, where: { sql: string; params: (string | number)[] }): number[] {
  const q = normalisePinyinQuery(query);
  if (!/^[a-z]+$/.test(q)) return [];
  // Exact keys come by index lookup; prefixes are read in key order up to a bound, so a one-letter
  // query over 100,000 customers reads a few hundred rows, not every key starting with w.
  const exact = db
    .prepare(`SELECT p.customer_id AS id, p.kind AS kind, p.key AS key, c.name AS name FROM customer_pinyin p JOIN customers c ON c.id = p.customer_id
               WHERE p.key = ? AND ${where.sql} ORDER BY p.kind, c.name, c.id LIMIT ?`)
    .all(q, ...where.params, limit) as Hit[];
  const prefix = db
    .prepare(`SELECT p.customer_id AS id, p.kind AS kind, p.key AS key, c.name AS name FROM customer_pinyin p JOIN customers c ON c.id = p.customer_id
               WHERE p.key > ? AND p.key < ? AND ${where.sql} ORDER BY p.key LIMIT ?`)
    .all(q, `${q}{`, ...where.params, limit * 8) as Hit[];
  const rank = (hit: Hit) => hit.kind * 2 + (hit.key === q ? 0 : 1);
  const best = new Map<number, Hit>();
  for (const hit of [...exact, ...prefix]) {
    const had = best.get(hit.id);
    if (!had || rank(hit) < rank(had) || (rank(hit) === rank(had) && hit.key.length < had.key.length)) best.set(hit.id, hit);
  }
  // The shorter key is the closer match: "wang" is nearer 王伟 (wangwei) than 万刚伟 (wangangwei).
  return [...best.values()]
    .sort((a, b) => rank(a) - rank(b) || a.key.length - b.key.length || (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id - b.id))
    .slice(0, limit)
    .map((hit) => hit.id);
}

export function pinyinIndexCurrent(db: Db): boolean {
  return getMeta(db, VERSION_KEY) === PINYIN_INDEX_VERSION;
}

/**
 * Re-indexes the next `batch` customers in one transaction and reports whether the whole index is
 * now current. Each batch commits its keys with its progress marker, so a crash leaves every
 * customer either with the old keys or the new ones, and the next run continues where this
 * stopped. Customers written meanwhile are indexed by the new code as they are written.
 */
export function rebuildPinyinStep(db: Db, batch: number): boolean {
  return db.transaction(() => {
    if (pinyinIndexCurrent(db)) return true;
    const [version, last] = (getMeta(db, PROGRESS_KEY) ?? '').split('|');
    const after = version === PINYIN_INDEX_VERSION ? Number(last) || 0 : 0;
    const rows = db
      .prepare('SELECT id, name, deleted_at AS deletedAt FROM customers WHERE id > ? ORDER BY id LIMIT ?')
      .all(after, batch) as { id: number; name: string; deletedAt: string | null }[];
    for (const row of rows) writePinyinKeys(db, row.id, row.deletedAt === null ? row.name : undefined);
    const lastRow = rows[rows.length - 1];
    if (rows.length < batch || !lastRow) {
      setMeta(db, VERSION_KEY, PINYIN_INDEX_VERSION);
      db.prepare('DELETE FROM meta WHERE key = ?').run(PROGRESS_KEY);
      return true;
    }
    setMeta(db, PROGRESS_KEY, `${PINYIN_INDEX_VERSION}|${lastRow.id}`);
    return false;
  })();
}

/**
 * Runs the rebuild a batch at a time, yielding to the event loop between batches so IPC keeps
 * being answered. 200 names took 25-115 ms on a loaded 2-core machine (about 0.25 ms a name
 * with its keys written), so batches are 50: a request waits at most one batch, and 100,000
 * customers take about half a minute in the background. `db()` is asked each time: when the
 * vault locks it throws and the rebuild stops, to resume after the next unlock.
 */
export function startPinyinRebuild(db: () => Db, options: { batch?: number; onDone?: () => void; onError?: (error: unknown) => void } = {}): () => void {
  let stopped = false;
  const step = () => {
    if (stopped) return;
    try {
      if (rebuildPinyinStep(db(), options.batch ?? 50)) {
        options.onDone?.();
        return;
      }
    } catch (error) {
      options.onError?.(error);
      return;
    }
    setTimeout(step, 0);
  };
  setTimeout(step, 0);
  return () => {
    stopped = true;
  };
}
