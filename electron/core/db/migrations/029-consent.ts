import type { Migration } from './types';

/**
 * Consent and lawful basis (issue 16). Two append-only tables:
 * - privacy_notices: the owner's privacy-notice text, one row per version (a new version is a new
 *   row, never an edit, so the notice a customer was shown stays readable). Never updated or deleted.
 * - consent_events: per customer and purpose, each grant / withdrawal / renewal with its lawful
 *   basis, separate-consent flag (PIPL 单独同意), evidence, notice version and who recorded it.
 *   The current state of a purpose is its latest event, derived on read. A trigger refuses UPDATE;
 *   DELETE stays possible because erasure removes a person's rows (and ON DELETE CASCADE follows a
 *   customer row that is deleted outright).
 * Lists in CHECKs mirror shared/consent.ts and shared/privacy.ts; the service validates first, the
 * CHECKs are the last line if a bug slips past it.
 */
export const migration029: Migration = {
  version: 29,
  name: 'consent',
  up(db) {
    db.exec(`
      CREATE TABLE privacy_notices (
        version        INTEGER PRIMARY KEY,
        text           TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 20000),
        effective_date TEXT NOT NULL CHECK (date(effective_date) IS effective_date),
        created_at     TEXT NOT NULL,
        created_by     INTEGER NOT NULL REFERENCES users(id)
      ) STRICT;
      CREATE TRIGGER privacy_notices_no_update BEFORE UPDATE ON privacy_notices
      BEGIN SELECT RAISE(ABORT, 'privacy notices are append-only'); END;
      CREATE TRIGGER privacy_notices_no_delete BEFORE DELETE ON privacy_notices
      BEGIN SELECT RAISE(ABORT, 'privacy notices are append-only'); END;

      CREATE TABLE consent_events (
        id              INTEGER PRIMARY KEY,
        customer_id     INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        purpose         TEXT NOT NULL CHECK (purpose IN ('marketing-sms', 'wechat-marketing', 'phone-follow-up', 'third-party-sharing', 'cross-border', 'sensitive-data', 'custom')),
        custom_label    TEXT CHECK ((purpose = 'custom') = (custom_label IS NOT NULL) AND (custom_label IS NULL OR length(custom_label) BETWEEN 1 AND 80)),
        event           TEXT NOT NULL CHECK (event IN ('granted', 'withdrawn', 'renewed')),
        basis           TEXT CHECK (basis IN ('consent', 'contract', 'legal-obligation', 'vital-interest', 'public-interest', 'news-reporting', 'already-public', 'public-task', 'legitimate-interest')),
        separate        INTEGER NOT NULL CHECK (separate IN (0, 1)),
        evidence_source TEXT NOT NULL CHECK (evidence_source IN ('paper-form', 'in-store-verbal', 'wechat', 'web-form', 'import', 'other')),
        evidence_date   TEXT NOT NULL CHECK (date(evidence_date) IS evidence_date),
        notice_version  INTEGER REFERENCES privacy_notices(version),
        recorded_by     INTEGER NOT NULL REFERENCES users(id),
        recorded_at     TEXT NOT NULL,
        -- A withdrawal ends whatever the basis was; a grant or renewal names one.
        CHECK ((event = 'withdrawn') = (basis IS NULL))
      ) STRICT;
      CREATE INDEX consent_events_by_customer ON consent_events (customer_id, purpose, custom_label, id);
      CREATE TRIGGER consent_events_no_update BEFORE UPDATE ON consent_events
      BEGIN SELECT RAISE(ABORT, 'consent events are append-only'); END;
    `);
  },
};
