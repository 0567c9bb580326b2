import type { AuditFn } from '../customers/customer-service';
import { getMeta, setMeta } from '../db/meta-repository';
import type { Db } from '../db/open-database';

export type DrillAlert = { kind: 'failed'; detail: string } | { kind: 'missed'; lastPassedAt: string };

/**
 * THE seam for issue 15's alert inbox: every failed drill (any trigger) and every missed drill
 * comes through here. Until the inbox exists, an alert is an audit row plus the 'drill-failed' /
 * 'drill-missed' warning that backup.status derives on its own (Backups page, dashboard card).
 * A failed drill already wrote its backup.drill row (outcome failed) in the drill's transaction,
 * so only a missed drill, which has no row of its own, is audited here: once per missed period.
 */
export function raiseDrillAlert(db: Db, audit: AuditFn, alert: DrillAlert, at: Date): void {
  if (alert.kind === 'failed') return; // the inbox hooks in here; the audit row exists already
  const key = 'backup.drillMissedAlertedFor';
  if (getMeta(db, key) === alert.lastPassedAt) return;
  db.transaction(() => {
    setMeta(db, key, alert.lastPassedAt);
    audit(db, { actor: null, action: 'backup.drill', outcome: 'failed', reason: `scheduled; missed since ${alert.lastPassedAt}` }, at);
  })();
}
