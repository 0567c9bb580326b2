import type { Db } from '../../electron/core/db/open-database';
import { clearStatementCache } from '../../electron/core/db/statement-cache';

/**
 * The query plan of every statement `run` executes, with the arguments it ran with, as
 * `plan details joined by ' | '   <- SQL` (the selected columns shortened to …). The connection's
 * statement cache is emptied before and after, so statements the code keeps prepared are
 * prepared again through the watched `db.prepare` and seen.
 */
export function plansOf(db: Db, run: () => unknown): string[] {
  const plans: string[] = [];
  const prepare = db.prepare.bind(db);
  const explain = (sql: string, args: unknown[]) =>
    plans.push(`${prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args).map((r) => (r as { detail: string }).detail).join(' | ')}   <- ${sql.replace(/\s+/g, ' ').trim().replace(/SELECT .* FROM/, 'SELECT … FROM')}`);
  clearStatementCache(db);
  (db as { prepare: unknown }).prepare = (sql: string) => {
    const statement = prepare(sql);
    return {
      get: (...args: unknown[]) => (explain(sql, args), statement.get(...args)),
      all: (...args: unknown[]) => (explain(sql, args), statement.all(...args)),
      run: (...args: unknown[]) => statement.run(...args),
    };
  };
  try {
    run();
  } finally {
    (db as { prepare: unknown }).prepare = prepare;
    clearStatementCache(db);
  }
  return plans;
}
