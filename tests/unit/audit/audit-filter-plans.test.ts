import { describe, expect, it } from 'vitest';
import { auditQueryPlan, type AuditFilter } from '../../../electron/core/audit/audit-filter-repository';
import { AUDIT_ACTIONS, appendAudit, queryAudit } from '../../../electron/core/audit/audit-log';
import { AUDIT_GROUPS, AUDIT_READ_ACTIONS } from '../../../shared/audit-groups';
import type { Db } from '../../../electron/core/db/open-database';
import { freshDb, T0 } from './audit-helpers';

const USERS = [
  { userId: 1, username: 'Anna', role: 'owner' },
  { userId: 2, username: 'bo', role: 'sales' },
  { userId: 3, username: 'Chen', role: 'manager' },
];
const ACTIONS = ['customer.read', 'customer.list', 'customer.update', 'login', 'backup.run', 'customer.export', 'customer.reveal'] as const;

/** 600 rows of every shape the page filters on; `clock` may step back once (a clock set back). */
function varied(clockBack: boolean): Db {
  const db = freshDb();
  db.transaction(() => {
    for (let i = 0; i < 600; i += 1) {
      const action = ACTIONS[(i * 7) % ACTIONS.length]!;
      const at = T0 + i * 60_000 - (clockBack && i >= 300 ? 90 * 60_000 : 0);
      appendAudit(db, { actor: USERS[i % 3]!, action, entity: 'customer', recordId: String((i % 11) + 1), outcome: i % 13 === 0 ? 'denied' : 'ok', ...(action === 'customer.list' ? { customerIds: [(i % 7) + 1, (i % 5) + 20] } : {}) }, new Date(at));
    }
  })();
  return db;
}

type Raw = { id: number; at: string; username: string; action: string; entity: string; recordId: string };

/** What each filter means, in plain code over every row: the answer the indexes must give. */
function expected(db: Db, f: Omit<AuditFilter, 'limit'>): number[] {
  const rows = db.prepare('SELECT id, at, username, action, entity, record_id AS recordId FROM audit_log ORDER BY id DESC').all() as Raw[];
  return rows
    .filter((r) => f.username === undefined || r.username.toLowerCase() === f.username.toLowerCase())
    .filter((r) => f.action === undefined || r.action === f.action)
    .filter((r) => f.actions === undefined || f.actions.includes(r.action))
    .filter((r) => f.excludeActions === undefined || !f.excludeActions.includes(r.action))
    .filter((r) => f.entity === undefined || r.entity === f.entity)
    .filter((r) => f.recordId === undefined || r.recordId === f.recordId)
    .filter((r) => f.from === undefined || r.at >= f.from)
    .filter((r) => f.to === undefined || r.at <= f.to)
    .filter((r) => f.beforeId === undefined || r.id < f.beforeId)
    .map((r) => r.id);
}

const iso = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
const hide = { excludeActions: AUDIT_READ_ACTIONS };
/** The page's customer filter, as audit-page.ts sends it: the rows naming the customer. */
const customer = (id: number) => ({ entity: 'customer', recordId: String(id) });
/** Every filter of the audit page, alone and combined. */
const FILTERS: [string, Omit<AuditFilter, 'limit'>][] = [
  ['none', {}],
  ['hide reads', hide],
  ['user', { username: 'anna' }],
  ['user, hide reads', { username: 'BO', ...hide }],
  ['action', { action: 'customer.export' }],
  ['group', { actions: AUDIT_GROUPS.backups }],
  ['group, hide reads', { actions: AUDIT_GROUPS.customers, ...hide }],
  ['group, user', { actions: AUDIT_GROUPS.customers, username: 'Chen' }],
  ['customer', customer(3)],
  ['customer, hide reads', { ...customer(3), ...hide }],
  ['customer, user, group', { ...customer(7), username: 'anna', actions: AUDIT_GROUPS.customers }],
  ['time window', { from: iso(100), to: iso(250) }],
  ['time from', { from: iso(400) }],
  ['time, user, hide reads', { from: iso(50), to: iso(420), username: 'bo', ...hide }],
  ['time, group', { from: iso(50), to: iso(420), actions: AUDIT_GROUPS.transfer }],
  ['time, customer', { from: iso(50), to: iso(420), ...customer(5) }],
  ['an older page', { beforeId: 321, username: 'Chen', ...hide }],
];

describe('the audit page filters: the same rows as a plain walk, each on an index', () => {
  for (const clockBack of [false, true]) {
    it(`gives exactly the rows a plain walk gives, page after page${clockBack ? ', after the clock was set back' : ''}`, () => {
      const db = varied(clockBack);
      expect(db.prepare("SELECT count(*) AS n FROM meta WHERE key = 'audit.timeDisorder'").get()).toEqual({ n: clockBack ? 1 : 0 });
      for (const [name, filter] of FILTERS) {
        const want = expected(db, filter);
        const got: number[] = [];
        for (let beforeId = filter.beforeId; ; ) {
          const page = queryAudit(db, { ...filter, beforeId, limit: 37 }).map((r) => r.id);
          got.push(...page);
          if (page.length < 37) break;
          beforeId = page[page.length - 1];
        }
        expect({ name, ids: got }).toEqual({ name, ids: want });
      }
    });
  }

  it('plans every filter on an index: no walk of the whole audit_log', () => {
    const db = varied(false);
    for (const [name, filter] of FILTERS) {
      // As queryAudit sends it: "hide reads" without a list or a customer is the list of the other actions.
      const expand = filter.recordId === undefined && filter.actions === undefined && filter.action === undefined && filter.excludeActions !== undefined;
      const plan = auditQueryPlan(db, { ...filter, ...(expand ? { actions: AUDIT_ACTIONS } : {}), limit: 100 });
      const onLog = plan.filter((step) => /\baudit_log\b/.test(step));
      expect(onLog.length, name).toBeGreaterThan(0);
      // The one walk allowed: the unfiltered newest page, which stops after its 100 rows.
      if (name === 'none') expect(onLog).toEqual(['SCAN audit_log']);
      else for (const step of onLog) expect({ name, step }).toEqual({ name, step: expect.stringMatching(/^SEARCH audit_log USING (COVERING INDEX audit_by_\w+|INDEX audit_by_\w+|INTEGER PRIMARY KEY) \(/) });
      if (filter.recordId !== undefined) expect(onLog.every((step) => step.includes('audit_by_record (entity=? AND record_id=?')), name).toBe(true);
    }
  });
});
