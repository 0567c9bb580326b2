import type { ConsentEvent, ConsentPurpose, ConsentState, EvidenceSource, PrivacyNotice } from '../../../shared/consent';
import type { Db } from '../db/open-database';

export interface NewConsentEvent {
  customerId: number;
  purpose: ConsentPurpose;
  customLabel: string | null;
  event: ConsentEvent['event'];
  basis: string | null;
  separate: boolean;
  evidenceSource: EvidenceSource;
  evidenceDate: string;
  noticeVersion: number | null;
  recordedBy: number;
  /** Recorded on this customer's page: nothing. The owner's consent that let an erased person back in: 'after-erasure'. */
  origin?: 'after-erasure' | undefined;
}

export function insertConsentEvent(db: Db, e: NewConsentEvent, at: string): number {
  const info = db
    .prepare(
      `INSERT INTO consent_events (customer_id, purpose, custom_label, event, basis, separate, evidence_source, evidence_date, notice_version, recorded_by, recorded_at, origin)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(e.customerId, e.purpose, e.customLabel, e.event, e.basis, e.separate ? 1 : 0, e.evidenceSource, e.evidenceDate, e.noticeVersion, e.recordedBy, at, e.origin ?? null);
  return Number(info.lastInsertRowid);
}

/**
 * Newest first: by when each event was recorded (a copy a merge brought over keeps its own time,
 * so it does not outrank a later event of this customer), then by id. The recorder is a display
 * name only: an access package carries no other staff data.
 */
export function consentEventsOf(db: Db, customerId: number): ConsentEvent[] {
  const rows = db
    .prepare(
      `SELECT e.id, e.purpose, e.custom_label AS customLabel, e.event, e.basis, e.separate, e.evidence_source AS evidenceSource,
              e.evidence_date AS evidenceDate, e.notice_version AS noticeVersion, u.display_name AS recordedBy, e.recorded_at AS recordedAt,
              e.origin, e.merged_from AS mergedFrom
         FROM consent_events e JOIN users u ON u.id = e.recorded_by
        WHERE e.customer_id = ? ORDER BY e.recorded_at DESC, e.id DESC`,
    )
    .all(customerId) as (Omit<ConsentEvent, 'separate'> & { separate: number })[];
  return rows.map((r) => ({ ...r, separate: r.separate === 1 }));
}

/** The latest event per purpose (and custom label) decides its state: derived, never stored. */
export function currentStates(events: readonly ConsentEvent[]): ConsentState[] {
  const seen = new Map<string, ConsentState>();
  for (const e of events) {
    const key = `${e.purpose}\u0000${e.customLabel ?? ''}`;
    if (seen.has(key)) continue; // events come newest first
    seen.set(key, { purpose: e.purpose, customLabel: e.customLabel, state: e.event === 'withdrawn' ? 'withdrawn' : 'active', basis: e.basis, since: e.recordedAt });
  }
  return [...seen.values()];
}

/** The state of one fixed purpose for many customers: 'active', 'withdrawn', or absent (never recorded). */
export function purposeStates(db: Db, purpose: ConsentPurpose, customerIds: readonly number[]): Map<number, 'active' | 'withdrawn'> {
  const out = new Map<number, 'active' | 'withdrawn'>();
  const latest = db.prepare(
    `SELECT event FROM consent_events WHERE customer_id = ? AND purpose = ? AND custom_label IS NULL ORDER BY recorded_at DESC, id DESC LIMIT 1`,
  );
  for (const id of customerIds) {
    const row = latest.get(id, purpose) as { event: string } | undefined;
    if (row) out.set(id, row.event === 'withdrawn' ? 'withdrawn' : 'active');
  }
  return out;
}

/** Customers in scope (not deleted) with no consent event at all: the "no recorded basis" worklist. */
export function customersWithoutBasis(db: Db, ownerId: number | null, offset: number, limit: number): { items: { id: number; name: string; owner: string }[]; total: number } {
  const where = `c.deleted_at IS NULL AND (? IS NULL OR c.owner_id = ?) AND NOT EXISTS (SELECT 1 FROM consent_events e WHERE e.customer_id = c.id)`;
  const total = (db.prepare(`SELECT count(*) AS n FROM customers c WHERE ${where}`).get(ownerId, ownerId) as { n: number }).n;
  const items = db
    .prepare(`SELECT c.id, c.name, u.display_name AS owner FROM customers c JOIN users u ON u.id = c.owner_id WHERE ${where} ORDER BY c.created_at, c.id LIMIT ? OFFSET ?`)
    .all(ownerId, ownerId, limit, offset) as { id: number; name: string; owner: string }[];
  return { items, total };
}

/**
 * A merge brings the merged-away customer's events to the kept one as copies (the originals stay:
 * events are never updated), each naming its merge and source, with its own time and recorder.
 */
export function copyEventsForMerge(db: Db, fromId: number, toId: number, mergeId: string): number {
  return db
    .prepare(
      `INSERT INTO consent_events (customer_id, purpose, custom_label, event, basis, separate, evidence_source, evidence_date, notice_version, recorded_by, recorded_at, origin, merge_id, merged_from)
       SELECT ?, purpose, custom_label, event, basis, separate, evidence_source, evidence_date, notice_version, recorded_by, recorded_at, 'merged', ?, ?
         FROM consent_events WHERE customer_id = ? ORDER BY id`,
    )
    .run(toId, mergeId, fromId, fromId).changes;
}

/** Undoing a merge: exactly its copies go; events recorded on the kept customer since stay. */
export function deleteMergeCopies(db: Db, mergeId: string): number {
  return db.prepare("DELETE FROM consent_events WHERE merge_id = ? AND origin = 'merged'").run(mergeId).changes;
}

export function insertNotice(db: Db, text: string, effectiveDate: string, userId: number, at: string): number {
  const next = ((db.prepare('SELECT max(version) AS v FROM privacy_notices').get() as { v: number | null }).v ?? 0) + 1;
  db.prepare('INSERT INTO privacy_notices (version, text, effective_date, created_at, created_by) VALUES (?, ?, ?, ?, ?)').run(next, text, effectiveDate, at, userId);
  return next;
}

export function listNotices(db: Db): PrivacyNotice[] {
  return db
    .prepare(
      `SELECT n.version, n.text, n.effective_date AS effectiveDate, n.created_at AS createdAt, u.display_name AS createdBy
         FROM privacy_notices n JOIN users u ON u.id = n.created_by ORDER BY n.version DESC`,
    )
    .all() as PrivacyNotice[];
}

export function noticeExists(db: Db, version: number): boolean {
  return db.prepare('SELECT 1 FROM privacy_notices WHERE version = ?').get(version) !== undefined;
}
