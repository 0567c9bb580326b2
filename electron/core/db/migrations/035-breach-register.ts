import type { Migration } from './types';

/**
 * The breach register (issue 17).
 *
 * breach_incidents: one row per incident, documented whether or not anyone is notified (GDPR art.
 * 33(5)). discovered_at starts the clocks; regime and authority_hours are fixed when the incident
 * is opened, so a later change of the shop's regime or default does not move a running clock.
 * subject_user_id is the staff account involved; window_from/to the period the affected list was
 * taken from. evidence_sha256: the hash of the last evidence file written.
 *
 * breach_events: the incident's timeline (containment steps, notices written and sent, evidence).
 * detail holds counts, staff usernames, file hashes and channel words: never a customer's data.
 *
 * breach_affected: the customers the subject saw, revealed or exported in the window, ids only,
 * with the field names revealed or exported (JSON arrays); replaced whenever it is recomputed.
 */
export const migration035: Migration = {
  version: 35,
  name: 'breach-register',
  up(db) {
    db.exec(`
      CREATE TABLE breach_incidents (
        id                INTEGER PRIMARY KEY,
        summary           TEXT NOT NULL CHECK (length(summary) BETWEEN 1 AND 2000),
        discovered_at     TEXT NOT NULL,
        occurred_at       TEXT,
        source            TEXT NOT NULL CHECK (source IN ('lost-laptop', 'leaked-account', 'insider', 'other')),
        categories        TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(categories) AND json_type(categories) = 'array'),
        status            TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'contained', 'closed')),
        regime            TEXT NOT NULL CHECK (regime IN ('pipl', 'gdpr', 'ccpa')),
        authority_hours   INTEGER NOT NULL CHECK (authority_hours BETWEEN 1 AND 720),
        first_report      INTEGER NOT NULL DEFAULT 0 CHECK (first_report IN (0, 1)),
        subject_user_id   INTEGER REFERENCES users(id),
        window_from       TEXT,
        window_to         TEXT,
        actions_taken     TEXT NOT NULL DEFAULT '' CHECK (length(actions_taken) <= 2000),
        evidence_sha256   TEXT CHECK (evidence_sha256 IS NULL OR length(evidence_sha256) = 64),
        created_by        INTEGER NOT NULL REFERENCES users(id),
        created_at        TEXT NOT NULL
      ) STRICT;

      CREATE TABLE breach_events (
        id          INTEGER PRIMARY KEY,
        incident_id INTEGER NOT NULL REFERENCES breach_incidents(id),
        at          TEXT NOT NULL,
        by_user_id  INTEGER REFERENCES users(id),
        kind        TEXT NOT NULL CHECK (kind IN ('created', 'updated', 'status', 'disable-user', 'end-sessions', 'rotate-key', 'affected',
                                                  'contacts-exported', 'notice', 'sent', 'evidence', 'note')),
        detail      TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail))
      ) STRICT;
      CREATE INDEX breach_events_incident ON breach_events (incident_id, id);

      CREATE TABLE breach_affected (
        incident_id INTEGER NOT NULL REFERENCES breach_incidents(id),
        customer_id INTEGER NOT NULL,
        seen        INTEGER NOT NULL CHECK (seen IN (0, 1)),
        revealed    TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(revealed)),
        exported    TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(exported)),
        PRIMARY KEY (incident_id, customer_id)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
