import type { BreachEventKind, BreachSource, BreachStatus } from '../../../shared/breach';
import type { PrivacyRegime } from '../../../shared/privacy';
import type { Db } from '../db/open-database';

/** SQL of the breach register (migration 035); the service owns transactions and rules. */
export interface IncidentRow {
  id: number;
  summary: string;
  discoveredAt: string;
  occurredAt: string | null;
  source: BreachSource;
  categories: string;
  status: BreachStatus;
  regime: PrivacyRegime;
  authorityHours: number;
  firstReport: number;
  subjectUserId: number | null;
  subjectUsername: string | null;
  windowFrom: string | null;
  windowTo: string | null;
  actionsTaken: string;
  evidenceSha256: string | null;
  createdAt: string;
}

const INCIDENT_COLUMNS = `i.id, i.summary, i.discovered_at AS discoveredAt, i.occurred_at AS occurredAt, i.source, i.categories, i.status, i.regime,
  i.authority_hours AS authorityHours, i.first_report AS firstReport, i.subject_user_id AS subjectUserId, u.username AS subjectUsername,
  i.window_from AS windowFrom, i.window_to AS windowTo, i.actions_taken AS actionsTaken, i.evidence_sha256 AS evidenceSha256, i.created_at AS createdAt`;

export function insertIncident(
  db: Db,
  row: Omit<IncidentRow, 'id' | 'subjectUsername' | 'windowFrom' | 'windowTo' | 'evidenceSha256' | 'status'> & { createdBy: number },
): number {
  return Number(
    db
      .prepare(
        `INSERT INTO breach_incidents (summary, discovered_at, occurred_at, source, categories, regime, authority_hours, first_report, subject_user_id, actions_taken, created_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(row.summary, row.discoveredAt, row.occurredAt, row.source, row.categories, row.regime, row.authorityHours, row.firstReport, row.subjectUserId, row.actionsTaken, row.createdBy, row.createdAt).lastInsertRowid,
  );
}

export function updateIncident(db: Db, id: number, row: Pick<IncidentRow, 'summary' | 'discoveredAt' | 'occurredAt' | 'source' | 'categories' | 'firstReport' | 'subjectUserId' | 'actionsTaken'>): void {
  db.prepare(
    `UPDATE breach_incidents SET summary = ?, discovered_at = ?, occurred_at = ?, source = ?, categories = ?, first_report = ?, subject_user_id = ?, actions_taken = ? WHERE id = ?`,
  ).run(row.summary, row.discoveredAt, row.occurredAt, row.source, row.categories, row.firstReport, row.subjectUserId, row.actionsTaken, id);
}

export function setIncidentStatus(db: Db, id: number, status: BreachStatus): void {
  db.prepare('UPDATE breach_incidents SET status = ? WHERE id = ?').run(status, id);
}

export function setIncidentWindow(db: Db, id: number, subjectUserId: number, from: string, to: string): void {
  db.prepare('UPDATE breach_incidents SET subject_user_id = ?, window_from = ?, window_to = ? WHERE id = ?').run(subjectUserId, from, to, id);
}

export function setEvidenceHash(db: Db, id: number, sha256: string): void {
  db.prepare('UPDATE breach_incidents SET evidence_sha256 = ? WHERE id = ?').run(sha256, id);
}

export function findIncident(db: Db, id: number): IncidentRow | undefined {
  return db.prepare(`SELECT ${INCIDENT_COLUMNS} FROM breach_incidents i LEFT JOIN users u ON u.id = i.subject_user_id WHERE i.id = ?`).get(id) as IncidentRow | undefined;
}

export function listIncidents(db: Db, openOnly: boolean): IncidentRow[] {
  const where = openOnly ? "WHERE i.status <> 'closed'" : '';
  return db.prepare(`SELECT ${INCIDENT_COLUMNS} FROM breach_incidents i LEFT JOIN users u ON u.id = i.subject_user_id ${where} ORDER BY i.discovered_at DESC, i.id DESC LIMIT 500`).all() as IncidentRow[];
}

export interface EventRow {
  id: number;
  at: string;
  by: string | null;
  kind: BreachEventKind;
  detail: string;
}

export function insertEvent(db: Db, incidentId: number, at: string, byUserId: number | null, kind: BreachEventKind, detail: Record<string, unknown>): void {
  db.prepare('INSERT INTO breach_events (incident_id, at, by_user_id, kind, detail) VALUES (?, ?, ?, ?, ?)').run(incidentId, at, byUserId, kind, JSON.stringify(detail));
}

export function eventsOf(db: Db, incidentId: number): EventRow[] {
  return db
    .prepare('SELECT e.id, e.at, u.username AS by, e.kind, e.detail FROM breach_events e LEFT JOIN users u ON u.id = e.by_user_id WHERE e.incident_id = ? ORDER BY e.id')
    .all(incidentId) as EventRow[];
}

/** When the first notice to this audience was logged as sent (the clock it stops), or undefined. */
export function firstSentAt(db: Db, incidentId: number, audience: string): string | undefined {
  const row = db
    .prepare("SELECT min(json_extract(detail, '$.sentAt')) AS at FROM breach_events WHERE incident_id = ? AND kind = 'sent' AND json_extract(detail, '$.audience') = ?")
    .get(incidentId, audience) as { at: string | null };
  return row.at ?? undefined;
}

export interface AffectedRow {
  customerId: number;
  seen: number;
  revealed: string;
  exported: string;
}

export function replaceAffected(db: Db, incidentId: number, rows: readonly AffectedRow[]): void {
  db.prepare('DELETE FROM breach_affected WHERE incident_id = ?').run(incidentId);
  const insert = db.prepare('INSERT INTO breach_affected (incident_id, customer_id, seen, revealed, exported) VALUES (?, ?, ?, ?, ?)');
  for (const row of rows) insert.run(incidentId, row.customerId, row.seen, row.revealed, row.exported);
}

export function countAffected(db: Db, incidentId: number): number {
  return (db.prepare('SELECT count(*) AS n FROM breach_affected WHERE incident_id = ?').get(incidentId) as { n: number }).n;
}

/** The affected customers with the name the owner sees (null once erased or deleted: the id stays). */
export function affectedOf(db: Db, incidentId: number): (AffectedRow & { name: string | null })[] {
  return db
    .prepare(
      `SELECT a.customer_id AS customerId, a.seen, a.revealed, a.exported, c.name
         FROM breach_affected a LEFT JOIN customers c ON c.id = a.customer_id
        WHERE a.incident_id = ? ORDER BY a.customer_id`,
    )
    .all(incidentId) as (AffectedRow & { name: string | null })[];
}

export interface AuditSliceRow {
  id: number;
  at: string;
  action: string;
  entity: string | null;
  recordId: string | null;
  outcome: string;
  fields: string | null;
  customerIds: string | null;
}

/** One user's successful audit rows between two instants (inclusive), oldest first: what they did. */
export function auditRowsOfUser(db: Db, userId: number, from: string, to: string): IterableIterator<AuditSliceRow> {
  return db
    .prepare(
      `SELECT id, at, action, entity, record_id AS recordId, outcome, fields, customer_ids AS customerIds
         FROM audit_log WHERE user_id = ? AND at >= ? AND at <= ? AND outcome = 'ok' ORDER BY id`,
    )
    .iterate(userId, from, to) as IterableIterator<AuditSliceRow>;
}

/** Every column of the audit rows in an id range (the evidence slice): chain hashes included, so it can be checked. */
export function auditRowsBetween(db: Db, userId: number | null, from: string, to: string): Record<string, unknown>[] {
  return db
    .prepare(
      `SELECT id, at, user_id AS userId, username, role, action, entity, record_id AS recordId, outcome, fields, reason, customer_ids AS customerIds, prev_hash AS prevHash, hash
         FROM audit_log WHERE at >= ? AND at <= ? AND (? IS NULL OR user_id = ?) ORDER BY id`,
    )
    .all(from, to, userId, userId) as Record<string, unknown>[];
}

/** The audit rows about this incident (its own record id), for the evidence file. */
export function auditRowsOfIncident(db: Db, incidentId: number): Record<string, unknown>[] {
  return db
    .prepare(
      `SELECT id, at, user_id AS userId, username, role, action, entity, record_id AS recordId, outcome, fields, reason, customer_ids AS customerIds, prev_hash AS prevHash, hash
         FROM audit_log WHERE entity = 'breach' AND record_id = ? ORDER BY id`,
    )
    .all(String(incidentId)) as Record<string, unknown>[];
}
