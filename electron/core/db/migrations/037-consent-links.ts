import type { Migration } from './types';

/**
 * Consent where other records meet it (issue 16).
 *
 * reminders.purpose: a marketing reminder keeps the purpose it was made for, so a withdrawal
 * recorded later still stops it (listed with the reason, never announced as due). NULL: an
 * ordinary follow-up, which no consent governs.
 *
 * consent_events.origin, merge_id, merged_from: where an event came from when it was not recorded
 * on this customer's own page.
 * - 'after-erasure': the owner's new consent for a person erased at their request (the decision
 *   ledger let them back in): the history shows why the person is back.
 * - 'merged': a copy of an event of a customer merged into this one (merged_from, merge_id). The
 *   original stays on the merged-away record (events are append-only, UPDATE is refused), and
 *   undoing the merge deletes exactly the copies with its merge_id.
 * No foreign keys on the provenance: the merged-away record may be purged later, its copies stay.
 *
 * The latest event per purpose now means the latest recorded_at (a merged copy keeps its own
 * time), so the index that answers "latest per purpose" ends with recorded_at.
 */
export const migration037: Migration = {
  version: 37,
  name: 'consent-links',
  up(db) {
    db.exec(`
      ALTER TABLE reminders ADD COLUMN purpose TEXT CHECK (purpose IS NULL OR purpose IN ('marketing-sms', 'wechat-marketing', 'phone-follow-up'));

      ALTER TABLE consent_events ADD COLUMN origin TEXT CHECK (origin IS NULL OR origin IN ('after-erasure', 'merged'));
      ALTER TABLE consent_events ADD COLUMN merge_id TEXT CHECK ((origin IS 'merged') = (merge_id IS NOT NULL));
      ALTER TABLE consent_events ADD COLUMN merged_from INTEGER CHECK ((origin IS 'merged') = (merged_from IS NOT NULL));
      CREATE INDEX consent_events_latest ON consent_events (customer_id, purpose, custom_label, recorded_at, id);
      CREATE INDEX consent_events_by_merge ON consent_events (merge_id) WHERE merge_id IS NOT NULL;
    `);
  },
};
