import type { Migration } from './types';

/**
 * The audit page's filters at 1,000,000 rows (issue 18); each was a walk of the whole log
 * (about 850 ms) when it matched few rows. Every index ends in id: "newest first" walks it
 * backwards and stops at the page (audit-filter-repository.ts).
 * - User: the page filters by username, case-insensitive as at sign-in, which no index served;
 *   with an action (a group is one arm per action) the second index stops at the page too.
 * - Customer: the rows naming it (entity customer, record id) are found by audit_by_record
 *   (migration 002); nothing to add. Who was shown the customer in a list or a search is another
 *   question (audit.customersSeen, owner only), not the audit page's filter.
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
    `);
    const disorder = db.prepare('SELECT id FROM (SELECT id, at, lag(at) OVER (ORDER BY id) AS before FROM audit_log) WHERE at < before LIMIT 1').get() as { id: number } | undefined;
    if (disorder) db.prepare("INSERT INTO meta (key, value) VALUES ('audit.timeDisorder', ?)").run(String(disorder.id));
  },
};
