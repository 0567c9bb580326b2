import type { Batch, BatchState, RetentionRule, RetentionSettings, RunReport, RuleInput } from '../../../shared/retention';
import type { Db } from '../db/open-database';

export function readSettings(db: Db): RetentionSettings & { lastRunAt: string | null } {
  const row = db.prepare('SELECT enabled, schedule_days AS scheduleDays, notice_days AS noticeDays, last_run_at AS lastRunAt FROM retention_settings WHERE id = 1').get() as {
    enabled: number;
    scheduleDays: number;
    noticeDays: number;
    lastRunAt: string | null;
  };
  return { ...row, enabled: row.enabled === 1 };
}

export function writeSettings(db: Db, s: RetentionSettings): void {
  db.prepare('UPDATE retention_settings SET enabled = ?, schedule_days = ?, notice_days = ? WHERE id = 1').run(s.enabled ? 1 : 0, s.scheduleDays, s.noticeDays);
}

export function setLastRun(db: Db, at: string): void {
  db.prepare('UPDATE retention_settings SET last_run_at = ? WHERE id = 1').run(at);
}

export function listRules(db: Db): RetentionRule[] {
  return db
    .prepare("SELECT id, scope, match, dormant_years AS dormantYears, propose_years AS proposeYears, action FROM retention_rules ORDER BY scope = 'default' DESC, scope, match")
    .all() as RetentionRule[];
}

/** One rule per scope and match: saving the same pair again changes it. */
export function saveRule(db: Db, rule: RuleInput): number {
  const row = db
    .prepare(
      `INSERT INTO retention_rules (scope, match, dormant_years, propose_years, action) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (scope, match) DO UPDATE SET dormant_years = excluded.dormant_years, propose_years = excluded.propose_years, action = excluded.action
       RETURNING id`,
    )
    .get(rule.scope, rule.match, rule.dormantYears, rule.proposeYears, rule.action) as { id: number };
  return row.id;
}

export function deleteRule(db: Db, id: number): boolean {
  return db.prepare("DELETE FROM retention_rules WHERE id = ? AND scope <> 'default'").run(id).changes === 1;
}

/** A live customer as the rules see it: what it matches on and its last contact (interaction, purchase or creation). */
export interface Candidate {
  id: number;
  level: string;
  industry: string | null;
  tags: string | null;
  lastContact: string;
  hold: number;
  /** 1: linked to a data-subject request still open (received, verified, in progress). */
  openRequest: number;
  dormantAt: string | null;
}

/**
 * A customer linked to an open data-subject request is exempt, like a legal hold: anonymising
 * it would destroy what an access request must hand over, or pre-empt the owner's answer.
 */
export const OPEN_REQUEST = `EXISTS (SELECT 1 FROM privacy_request_customers l JOIN privacy_requests r ON r.id = l.request_id
  WHERE l.customer_id = c.id AND r.state IN ('received', 'verified', 'in_progress'))`;

// A purchase's day compares with ISO instants as text ('2021-05-01' < '2021-05-01T…'), which is what we want.
const LAST_CONTACT = `max(coalesce(c.last_interaction_at, c.created_at), coalesce((SELECT max(p.date) FROM purchases p WHERE p.customer_id = c.id), ''))`;

export function candidates(db: Db, withTags: boolean): Candidate[] {
  const tags = withTags ? "(SELECT group_concat(t.tag, char(31)) FROM customer_tags t WHERE t.customer_id = c.id)" : 'NULL';
  return db
    .prepare(
      `SELECT c.id, c.level, c.industry, ${tags} AS tags, ${LAST_CONTACT} AS lastContact, c.legal_hold AS hold, ${OPEN_REQUEST} AS openRequest, c.dormant_at AS dormantAt
         FROM customers c WHERE c.deleted_at IS NULL AND c.erased_at IS NULL`,
    )
    .all() as Candidate[];
}

/** One customer as the rules see it (candidates() for a single id), or undefined when gone or erased. */
export function candidateOf(db: Db, id: number): Candidate | undefined {
  return db
    .prepare(
      `SELECT c.id, c.level, c.industry, (SELECT group_concat(t.tag, char(31)) FROM customer_tags t WHERE t.customer_id = c.id) AS tags,
              ${LAST_CONTACT} AS lastContact, c.legal_hold AS hold, ${OPEN_REQUEST} AS openRequest, c.dormant_at AS dormantAt
         FROM customers c WHERE c.id = ? AND c.deleted_at IS NULL AND c.erased_at IS NULL`,
    )
    .get(id) as Candidate | undefined;
}

export function namesOf(db: Db, ids: readonly number[]): Map<number, string> {
  const out = new Map<number, string>();
  const select = db.prepare('SELECT name FROM customers WHERE id = ?');
  for (const id of ids) out.set(id, (select.get(id) as { name: string } | undefined)?.name ?? '');
  return out;
}

export function markDormant(db: Db, ids: readonly number[], at: string): number {
  const mark = db.prepare('UPDATE customers SET dormant_at = ? WHERE id = ? AND dormant_at IS NULL');
  return ids.reduce((n, id) => n + mark.run(at, id).changes, 0);
}

export function clearDormant(db: Db, ids: readonly number[]): number {
  const clear = db.prepare('UPDATE customers SET dormant_at = NULL WHERE id = ? AND dormant_at IS NOT NULL');
  return ids.reduce((n, id) => n + clear.run(id).changes, 0);
}

export function dormantSince(db: Db, customerId: number): string | null {
  return (db.prepare('SELECT dormant_at AS at FROM customers WHERE id = ?').get(customerId) as { at: string | null } | undefined)?.at ?? null;
}

export function countDormant(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM customers WHERE dormant_at IS NOT NULL AND deleted_at IS NULL AND erased_at IS NULL').get() as { n: number }).n;
}

export interface DormantRow {
  id: number;
  name: string;
  dormantSince: string;
  lastContactAt: string;
}

export function listDormant(db: Db, limit: number, offset: number): DormantRow[] {
  return db
    .prepare(
      `SELECT c.id, c.name, c.dormant_at AS dormantSince, ${LAST_CONTACT} AS lastContactAt FROM customers c
        WHERE c.dormant_at IS NOT NULL AND c.deleted_at IS NULL AND c.erased_at IS NULL ORDER BY c.dormant_at, c.id LIMIT ? OFFSET ?`,
    )
    .all(limit, offset) as DormantRow[];
}

export interface MemberInput {
  customerId: number;
  ruleId: number;
  mode: 'anonymise' | 'delete';
  lastContactAt: string;
}

export function insertBatch(db: Db, createdBy: number | null, at: string, members: readonly MemberInput[]): number {
  const id = Number(db.prepare("INSERT INTO retention_batches (state, created_at, created_by) VALUES ('proposed', ?, ?)").run(at, createdBy).lastInsertRowid);
  const add = db.prepare('INSERT INTO retention_batch_members (batch_id, customer_id, rule_id, mode, last_contact_at) VALUES (?, ?, ?, ?, ?)');
  for (const m of members) add.run(id, m.customerId, m.ruleId, m.mode, m.lastContactAt);
  return id;
}

const BATCH = `SELECT b.id, b.state, b.created_at AS createdAt, b.notice_at AS noticeAt, b.not_before AS notBefore, b.approval_id AS approvalId, b.finished_at AS finishedAt,
  (SELECT count(*) FROM retention_batch_members m WHERE m.batch_id = b.id) AS total,
  (SELECT count(*) FROM retention_batch_members m WHERE m.batch_id = b.id AND m.state = 'pending') AS pending,
  (SELECT count(*) FROM retention_batch_members m WHERE m.batch_id = b.id AND m.state = 'erased') AS erased,
  (SELECT count(*) FROM retention_batch_members m WHERE m.batch_id = b.id AND m.state = 'skipped') AS skipped
  FROM retention_batches b`;

export function findBatch(db: Db, id: number): Batch | undefined {
  return db.prepare(`${BATCH} WHERE b.id = ?`).get(id) as Batch | undefined;
}

export function listBatches(db: Db, limit: number): Batch[] {
  return db.prepare(`${BATCH} ORDER BY b.id DESC LIMIT ?`).all(limit) as Batch[];
}

export function openBatchExists(db: Db): boolean {
  return db.prepare("SELECT 1 FROM retention_batches WHERE state IN ('proposed', 'notice', 'running') LIMIT 1").get() !== undefined;
}

export function moveBatch(db: Db, id: number, from: readonly BatchState[], to: BatchState, set: { noticeAt?: string; notBefore?: string; approvalId?: number | null; runBy?: number; startedAt?: string; finishedAt?: string } = {}): boolean {
  return (
    db
      .prepare(
        `UPDATE retention_batches SET state = ?, notice_at = coalesce(?, notice_at), not_before = coalesce(?, not_before), approval_id = coalesce(?, approval_id),
           run_by = coalesce(?, run_by), started_at = coalesce(?, started_at), finished_at = coalesce(?, finished_at)
         WHERE id = ? AND state IN (${from.map(() => '?').join(',')})`,
      )
      .run(to, set.noticeAt ?? null, set.notBefore ?? null, set.approvalId ?? null, set.runBy ?? null, set.startedAt ?? null, set.finishedAt ?? null, id, ...from).changes === 1
  );
}

export interface PendingMember {
  customerId: number;
  mode: 'anonymise' | 'delete';
}

export function pendingMembers(db: Db, batchId: number, limit: number): PendingMember[] {
  return db
    .prepare("SELECT customer_id AS customerId, mode FROM retention_batch_members WHERE batch_id = ? AND state = 'pending' ORDER BY customer_id LIMIT ?")
    .all(batchId, limit) as PendingMember[];
}

export function pendingIds(db: Db, batchId: number): number[] {
  return (db.prepare("SELECT customer_id AS id FROM retention_batch_members WHERE batch_id = ? AND state = 'pending'").all(batchId) as { id: number }[]).map((r) => r.id);
}

export function settleMember(db: Db, batchId: number, customerId: number, state: 'erased' | 'skipped', logId: number | null): void {
  db.prepare("UPDATE retention_batch_members SET state = ?, log_id = ? WHERE batch_id = ? AND customer_id = ? AND state = 'pending'").run(state, logId, batchId, customerId);
}

/** A woken or held customer leaves every open proposal (a running batch re-checks it anyway). */
export function skipPendingFor(db: Db, customerId: number): number {
  return db
    .prepare(
      `UPDATE retention_batch_members SET state = 'skipped' WHERE customer_id = ? AND state = 'pending'
         AND batch_id IN (SELECT id FROM retention_batches WHERE state IN ('proposed', 'notice'))`,
    )
    .run(customerId).changes;
}

export function insertRun(db: Db, run: Omit<RunReport, 'id'>): number {
  return Number(
    db
      .prepare('INSERT INTO retention_runs (at, trigger, marked, released, proposed, held, batch_id) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(run.at, run.trigger, run.marked, run.released, run.proposed, run.held, run.batchId).lastInsertRowid,
  );
}

export function listRuns(db: Db, limit: number): RunReport[] {
  return db.prepare('SELECT id, at, trigger, marked, released, proposed, held, batch_id AS batchId FROM retention_runs ORDER BY id DESC LIMIT ?').all(limit) as RunReport[];
}
