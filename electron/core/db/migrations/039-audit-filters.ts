import { indexAuditCustomersBulk, rowsNamingCustomers } from '../../audit/audit-customers-index';
import type { Migration } from './types';

/**
 * The audit page's filters at 1,000,000 rows (issue 18); each was a walk of the whole log
 * (about 850 ms) when it matched few rows. Every index ends in id: "newest first" walks it
 * backwards and stops at the page (audit-filter-repository.ts).
 * - User: the page filters by username, case-insensitive as at sign-in, which no index served;
 *   with an action (a group is one arm per action) the second index stops at the page too.
 * - Customer: a row is about a customer when it names it (entity customer, record id) or when
 *   the customer was among the ids a list, search or dashboard returned (customer_ids, a packed
 *   text no index can look into). audit_customers holds one (customer, row) pair per customer a
 *   row names, written by appendAudit in the row's own transaction. It is derived from the
 *   hashed rows, not part of the chain (verify never reads it); append-only like the log.
 * - Time: rows are appended in time order, so a window is an id range; if an existing row is
 *   earlier than the one before it (the clock was set back), meta says so and times are compared
 *   row by row instead (audit.timeDisorder, which appendAudit also sets).
 */
export const migration039: Migration = {
  version: 39,
  name: 'audit-filters',
  up(db) {
    db.exec(`
      CREATE INDEX audit_by_username ON audit_log (username COLLATE NOCASE, id);
      CREATE INDEX audit_by_username_action ON audit_log (username COLLATE NOCASE, action, id);
      CREATE TABLE audit_customers (
        customer_id INTEGER NOT NULL,
        audit_id    INTEGER NOT NULL,
        PRIMARY KEY (customer_id, audit_id)
      ) STRICT, WITHOUT ROWID;
      CREATE TRIGGER audit_customers_no_update BEFORE UPDATE ON audit_customers
        BEGIN SELECT RAISE(ABORT, 'audit_customers is append-only'); END;
      CREATE TRIGGER audit_customers_no_delete BEFORE DELETE ON audit_customers
        BEGIN SELECT RAISE(ABORT, 'audit_customers is append-only'); END;
    `);
    indexAuditCustomersBulk(db, rowsNamingCustomers(db));
    const disorder = db.prepare('SELECT id FROM (SELECT id, at, lag(at) OVER (ORDER BY id) AS before FROM audit_log) WHERE at < before LIMIT 1').get() as { id: number } | undefined;
    if (disorder) db.prepare("INSERT INTO meta (key, value) VALUES ('audit.timeDisorder', ?)").run(String(disorder.id));
  },
};
