import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Session } from '../../electron/core/auth/session-service';
import { createDashboardService } from '../../electron/core/dashboard/dashboard-service';
import { migrate } from '../../electron/core/db/migrate';
import { openDatabase } from '../../electron/core/db/open-database';
import { createReminderService } from '../../electron/core/reminders/reminder-service';
import { plansOf } from '../support/query-plans';
import { tempDir } from '../support/tmp';

const NOW = Date.parse('2026-11-25T09:30:00.000Z');
const session = (userId: number, role: Session['role']) => ({ userId, username: `u${userId}`, role, locked: false }) as unknown as Session;
const VIEWS = [['owner, everyone', session(1, 'owner'), false], ['owner, mine', session(1, 'owner'), true], ['manager, everyone', session(2, 'manager'), false], ['manager, mine', session(2, 'manager'), true], ['sales', session(3, 'sales'), false], ['sales, mine', session(3, 'sales'), true], ['support', session(4, 'support'), false]] as const;

/** Every statement the dashboard and the reminder tabs run, for every role and scope, with its plan. */
function allPlans(): string[] {
  const db = openDatabase(path.join(tempDir(), 'v.db'), randomBytes(32), { create: true });
  migrate(db);
  // Plans come from the schema alone: the app never runs ANALYZE, so there are no statistics here either.
  const reminders = createReminderService({ db: () => db, audit: () => undefined as never, now: () => NOW });
  const dashboard = createDashboardService({ db: () => db, audit: () => undefined as never, reminders, now: () => NOW });
  const plans = VIEWS.flatMap(([, who, mine]) => [...plansOf(db, () => dashboard.summary(who, mine)), ...plansOf(db, () => reminders.counts(who, mine))]);
  db.close();
  return [...new Set(plans)].sort();
}

const detailsOf = (plan: string) => plan.slice(0, plan.indexOf('   <- '));

describe('dashboard query plans (dashboard.summary and reminders.counts, every role and scope)', () => {
  const plans = allPlans();

  it('read customers, interactions and reminders only by an index search: no SCAN, no sort of a whole scope', () => {
    expect(plans.length).toBeGreaterThan(20);
    const touching = plans.filter((plan) => /\b(customers|interactions|reminders)\b/.test(plan.slice(plan.indexOf('<-'))));
    expect(touching.length).toBeGreaterThan(10);
    for (const plan of plans) {
      // A SCAN reads every row of the table or index; only the per-owner totals (a row per user) and
      // the owner's switched-off fields (a row per optional field: the free-text gate) may be walked.
      for (const step of detailsOf(plan).split(' | ')) {
        if (step.startsWith('SCAN')) expect(['SCAN customer_totals', 'SCAN customer_field_settings'], plan).toContain(step);
        if (/^SEARCH (c|r|i|customers|reminders|interactions) /.test(step)) expect(step, plan).toMatch(/ USING (COVERING )?INDEX \w+ \(.+\)| USING INTEGER PRIMARY KEY \(rowid=\?\)/);
      }
      // Sorting everything to keep a few rows is a scan in disguise; sorting ties of one due time is not.
      expect(plan).not.toMatch(/USE TEMP B-TREE FOR ORDER BY/);
    }
  });

  it('are exactly these (a new plan is a decision to look at, not an accident)', () => {
    // Regenerate with: SHOW_PLANS=1 npx vitest run tests/unit/dashboard-plans.test.ts
    if (process.env.SHOW_PLANS) console.log(plans.join('\n'));
    expect([...new Set(plans.map(detailsOf))].sort()).toEqual([
      'SCAN customer_field_settings',
      'SCAN customer_totals',
      'SEARCH c USING INDEX customers_by_last_contact (<expr>>?)',
      'SEARCH c USING INDEX customers_by_owner_last_contact (owner_id=? AND <expr>>?)',
      'SEARCH customer_days USING COVERING INDEX customer_days_by_owner (owner_id=? AND day>?)',
      'SEARCH customer_days USING PRIMARY KEY (day>?)',
      'SEARCH customer_totals USING INTEGER PRIMARY KEY (rowid=?)',
      'SEARCH customers USING INDEX customers_by_created (created_at>? AND created_at<?)',
      'SEARCH customers USING INDEX customers_by_owner_created (owner_id=? AND created_at>? AND created_at<?)',
      'SEARCH customers USING INDEX customers_by_owner_quiet (owner_id=? AND <expr>>? AND <expr><?)',
      'SEARCH customers USING INDEX customers_by_quiet (<expr>>? AND <expr><?)',
      // Sales and support (issue 17): their reminder counts less the dormant customers' reminders, walked from the dormant side.
      'SEARCH d USING COVERING INDEX customers_dormant (dormant_at>?) | SEARCH r USING INDEX reminders_by_customer (customer_id=? AND due_at<?)',
      'SEARCH d USING COVERING INDEX customers_dormant (dormant_at>?) | SEARCH r USING INDEX reminders_by_customer (customer_id=? AND due_at>? AND due_at<?)',
      'SEARCH d USING COVERING INDEX customers_dormant (dormant_at>?) | SEARCH r USING INDEX reminders_by_customer (customer_id=? AND due_at>?)',
      'SEARCH d USING COVERING INDEX customers_dormant (dormant_at>?) | SEARCH r USING INDEX reminders_by_customer (customer_id=?)',
      'SEARCH interaction_hours USING COVERING INDEX interaction_hours_by_owner (owner_id=? AND hour>? AND hour<?)',
      'SEARCH interaction_hours USING PRIMARY KEY (hour>? AND hour<?)',
      'SEARCH privacy_settings USING INTEGER PRIMARY KEY (rowid=?)',
      'SEARCH r USING COVERING INDEX reminders_assignee_by_due (owner_id=? AND status=? AND due_at<?)',
      'SEARCH r USING COVERING INDEX reminders_assignee_by_due (owner_id=? AND status=? AND due_at>? AND due_at<?)',
      'SEARCH r USING COVERING INDEX reminders_assignee_by_due (owner_id=? AND status=? AND due_at>?)',
      'SEARCH r USING COVERING INDEX reminders_live_by_due (status=? AND due_at<?)',
      'SEARCH r USING COVERING INDEX reminders_live_by_due (status=? AND due_at>? AND due_at<?)',
      'SEARCH r USING COVERING INDEX reminders_live_by_due (status=? AND due_at>?)',
      'SEARCH r USING COVERING INDEX reminders_scope_by_due (scope_owner_id=? AND status=? AND due_at<?)',
      'SEARCH r USING COVERING INDEX reminders_scope_by_due (scope_owner_id=? AND status=? AND due_at>? AND due_at<?)',
      'SEARCH r USING COVERING INDEX reminders_scope_by_due (scope_owner_id=? AND status=? AND due_at>?)',
      'SEARCH r USING INDEX reminders_live_by_due (status=? AND due_at<?) | CORRELATED SCALAR SUBQUERY 2 | SEARCH e USING INDEX consent_events_latest (customer_id=? AND purpose=? AND custom_label=?) | SEARCH c USING INTEGER PRIMARY KEY (rowid=?) | SEARCH u USING INTEGER PRIMARY KEY (rowid=?) | CORRELATED SCALAR SUBQUERY 1 | SEARCH e USING INDEX consent_events_latest (customer_id=? AND purpose=? AND custom_label=?) | USE TEMP B-TREE FOR LAST TERM OF ORDER BY',
      'SEARCH r USING INDEX reminders_scope_by_due (scope_owner_id=? AND status=? AND due_at<?) | CORRELATED SCALAR SUBQUERY 2 | SEARCH e USING INDEX consent_events_latest (customer_id=? AND purpose=? AND custom_label=?) | SEARCH c USING INTEGER PRIMARY KEY (rowid=?) | SEARCH u USING INTEGER PRIMARY KEY (rowid=?) | CORRELATED SCALAR SUBQUERY 1 | SEARCH e USING INDEX consent_events_latest (customer_id=? AND purpose=? AND custom_label=?)',
      'SEARCH reminder_totals USING COVERING INDEX reminder_totals_by_assignee (status=? AND owner_id=?)',
      'SEARCH reminder_totals USING COVERING INDEX reminder_totals_by_assignee (status=?)',
      'SEARCH reminder_totals USING PRIMARY KEY (status=? AND scope_owner_id=? AND owner_id=?)',
      'SEARCH reminder_totals USING PRIMARY KEY (status=? AND scope_owner_id=?)',
      'SEARCH u USING INTEGER PRIMARY KEY (rowid=?) | SEARCH r USING INDEX reminders_assignee_by_due (owner_id=? AND status=? AND due_at<?) | CORRELATED SCALAR SUBQUERY 2 | SEARCH e USING INDEX consent_events_latest (customer_id=? AND purpose=? AND custom_label=?) | SEARCH c USING INTEGER PRIMARY KEY (rowid=?) | CORRELATED SCALAR SUBQUERY 1 | SEARCH e USING INDEX consent_events_latest (customer_id=? AND purpose=? AND custom_label=?) | USE TEMP B-TREE FOR LAST TERM OF ORDER BY',
      'SEARCH u USING INTEGER PRIMARY KEY (rowid=?) | SEARCH r USING INDEX reminders_scope_by_due (scope_owner_id=? AND status=? AND due_at<?) | CORRELATED SCALAR SUBQUERY 2 | SEARCH e USING INDEX consent_events_latest (customer_id=? AND purpose=? AND custom_label=?) | SEARCH c USING INTEGER PRIMARY KEY (rowid=?) | CORRELATED SCALAR SUBQUERY 1 | SEARCH e USING INDEX consent_events_latest (customer_id=? AND purpose=? AND custom_label=?)',
    ].sort());
  });
});
