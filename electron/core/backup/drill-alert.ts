import type { AuditFn } from '../customers/customer-service';
import { getMeta, setMeta } from '../db/meta-repository';
import type { Db } from '../db/open-database';

export type DrillAlert = { kind: 'failed'; detail: string } | { kind: 'missed'; lastPassedAt: string };
/** The alert inbox (monitoring's drill.failed / drill.missed rules): an alert with no subject. */
export type DrillInbox = (db: Db, kind: DrillAlert['kind'], at: Date) => void;

/**
 * THE seam for issue 15's alert inbox: every failed drill (any trigger) and every missed drill
 * comes through here and reaches the inbox (`inbox`, monitoring's drill rules), besides the 'drill-failed' /
 * 'drill-missed' warning that backup.status derives on its own (Backups page, dashboard card).
 * A failed drill already wrote its backup.drill row (outcome failed) in the drill's transaction,
 * so only a missed drill, which has no row of its own, is audited here: once per missed period.
 */
export function raiseDrillAlert(db: Db, audit: AuditFn, alert: DrillAlert, at: Date, inbox?: DrillInbox): void {
  if (alert.kind === 'failed') {
    inbox?.(db, 'failed', at); // the audit row exists already
    return;
  }
  const key = 'backup.drillMissedAlertedFor';
  if (getMeta(db, key) === alert.lastPassedAt) return;
  db.transaction(() => {
    setMeta(db, key, alert.lastPassedAt);
    audit(db, { actor: null, action: 'backup.drill', outcome: 'failed', reason: `scheduled; missed since ${alert.lastPassedAt}` }, at);
    inbox?.(db, 'missed', at);
  })();
}
