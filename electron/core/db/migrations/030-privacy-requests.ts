import type { Migration } from './types';

/**
 * Data-subject requests and complaints (issue 16): the register, the customers a request is about
 * (none yet is allowed: a stranger's letter is logged before anyone finds the record), and an
 * append-only history (triggers refuse UPDATE and DELETE) so every step and its outcome is kept.
 * The identity check stores how, by whom and when; never the ID number.
 *
 * The deadline is fixed when the request is received, by the regime and rule then in force
 * (due_on, ack_due_on); an extension is its own dated, reasoned record (extended_due_on).
 * Customer ids carry no foreign key on purpose: a deletion request ends with the customer row
 * gone (the erasure stream), and the register must still say that the request was about it.
 *
 * privacy_deadline_rules: the defaults per regime, owner-editable. They are defaults to verify
 * with counsel, not legal truths (wave2-features.md 4.2): PIPL names no number of days, 15
 * working days is the CAC App rule's promise limit; GDPR art. 12(3) one month, +2 with notice;
 * CCPA 11 CCR 7021: 10 business days to confirm receipt, 45 calendar days, +45 with notice.
 *
 * privacy_calendar: days that break the Monday-to-Friday rule. Shipped with mainland China's 2026
 * schedule from the State Council notice 国务院办公厅关于2026年部分节假日安排的通知 (dated
 * 2025-11-04, text read at politics.gmw.cn/2025-11/04/content_38391083.htm, a Xinhua reprint):
 * holidays AND the make-up working days (调休). The owner edits it in Settings (next year's days).
 */
const HOLIDAYS_2026: readonly [string, string, string][] = [
  ['2026-01-01', '2026-01-03', '元旦'],
  ['2026-02-15', '2026-02-23', '春节'],
  ['2026-04-04', '2026-04-06', '清明节'],
  ['2026-05-01', '2026-05-05', '劳动节'],
  ['2026-06-19', '2026-06-21', '端午节'],
  ['2026-09-25', '2026-09-27', '中秋节'],
  ['2026-10-01', '2026-10-07', '国庆节'],
];
const WORKDAYS_2026: readonly [string, string][] = [
  ['2026-01-04', '元旦调休上班'],
  ['2026-02-14', '春节调休上班'],
  ['2026-02-28', '春节调休上班'],
  ['2026-05-09', '劳动节调休上班'],
  ['2026-09-20', '国庆节调休上班'],
  ['2026-10-10', '国庆节调休上班'],
];

export const migration030: Migration = {
  version: 30,
  name: 'privacy-requests',
  up(db) {
    db.exec(`
      CREATE TABLE privacy_requests (
        id                   INTEGER PRIMARY KEY,
        type                 TEXT NOT NULL CHECK (type IN ('access', 'correction', 'deletion', 'withdrawal', 'portability', 'explanation', 'restriction', 'complaint')),
        received_on          TEXT NOT NULL CHECK (received_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        channel              TEXT NOT NULL CHECK (channel IN ('in-store', 'phone', 'wechat', 'email', 'letter', 'other')),
        summary              TEXT NOT NULL DEFAULT '' CHECK (length(summary) <= 2000),
        regime               TEXT NOT NULL CHECK (regime IN ('pipl', 'gdpr', 'ccpa')),
        due_on               TEXT NOT NULL,
        ack_due_on           TEXT,
        acknowledged_on      TEXT,
        extended_due_on      TEXT,
        extension_reason     TEXT CHECK (extension_reason IS NULL OR length(extension_reason) BETWEEN 1 AND 500),
        extension_notice_on  TEXT,
        state                TEXT NOT NULL DEFAULT 'received' CHECK (state IN ('received', 'verified', 'in_progress', 'answered', 'refused', 'closed')),
        identity_method      TEXT CHECK (identity_method IS NULL OR identity_method IN ('id-card-seen', 'phone-callback', 'known-wechat', 'known-email', 'signed-letter', 'other')),
        identity_note        TEXT CHECK (identity_note IS NULL OR length(identity_note) <= 500),
        identity_checked_by  INTEGER REFERENCES users(id),
        identity_checked_at  TEXT,
        handler_id           INTEGER REFERENCES users(id),
        outcome              TEXT CHECK (outcome IS NULL OR length(outcome) <= 2000),
        analysis             TEXT CHECK (analysis IS NULL OR length(analysis) <= 2000),
        refusal_reason       TEXT CHECK (refusal_reason IS NULL OR length(refusal_reason) BETWEEN 1 AND 2000),
        created_at           TEXT NOT NULL,
        created_by           INTEGER NOT NULL REFERENCES users(id),
        updated_at           TEXT NOT NULL,
        CHECK (state <> 'refused' OR refusal_reason IS NOT NULL)
      ) STRICT;
      CREATE INDEX privacy_requests_open ON privacy_requests (state, due_on);

      CREATE TABLE privacy_request_customers (
        request_id  INTEGER NOT NULL REFERENCES privacy_requests(id),
        customer_id INTEGER NOT NULL,
        linked_at   TEXT NOT NULL,
        linked_by   INTEGER NOT NULL REFERENCES users(id),
        PRIMARY KEY (request_id, customer_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX privacy_request_customers_customer ON privacy_request_customers (customer_id);

      CREATE TABLE privacy_request_events (
        id          INTEGER PRIMARY KEY,
        request_id  INTEGER NOT NULL REFERENCES privacy_requests(id),
        at          TEXT NOT NULL,
        user_id     INTEGER NOT NULL REFERENCES users(id),
        kind        TEXT NOT NULL CHECK (kind IN ('created', 'state', 'acknowledged', 'extended', 'assigned', 'linked', 'corrected', 'note')),
        from_state  TEXT,
        to_state    TEXT,
        customer_id INTEGER,
        fields      TEXT,
        note        TEXT CHECK (note IS NULL OR length(note) <= 2000)
      ) STRICT;
      CREATE INDEX privacy_request_events_request ON privacy_request_events (request_id, id);
      CREATE TRIGGER privacy_request_events_no_update BEFORE UPDATE ON privacy_request_events
        BEGIN SELECT RAISE(ABORT, 'privacy_request_events is append-only'); END;
      CREATE TRIGGER privacy_request_events_no_delete BEFORE DELETE ON privacy_request_events
        BEGIN SELECT RAISE(ABORT, 'privacy_request_events is append-only'); END;

      CREATE TABLE privacy_deadline_rules (
        regime        TEXT PRIMARY KEY CHECK (regime IN ('pipl', 'gdpr', 'ccpa')),
        amount        INTEGER NOT NULL CHECK (amount BETWEEN 1 AND 365),
        unit          TEXT NOT NULL CHECK (unit IN ('working-days', 'business-days', 'calendar-days', 'months')),
        ack_days      INTEGER CHECK (ack_days IS NULL OR ack_days BETWEEN 1 AND 60),
        extend_amount INTEGER NOT NULL CHECK (extend_amount BETWEEN 0 AND 365),
        extend_unit   TEXT NOT NULL CHECK (extend_unit IN ('working-days', 'business-days', 'calendar-days', 'months')),
        remind_days   INTEGER NOT NULL CHECK (remind_days BETWEEN 0 AND 60),
        updated_at    TEXT,
        updated_by    INTEGER REFERENCES users(id)
      ) STRICT;
      INSERT INTO privacy_deadline_rules (regime, amount, unit, ack_days, extend_amount, extend_unit, remind_days) VALUES
        ('pipl', 15, 'working-days', NULL, 0, 'working-days', 3),
        ('gdpr', 1, 'months', NULL, 2, 'months', 5),
        ('ccpa', 45, 'calendar-days', 10, 45, 'calendar-days', 5);

      CREATE TABLE privacy_calendar (
        day  TEXT PRIMARY KEY CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
        name TEXT NOT NULL DEFAULT '' CHECK (length(name) <= 50)
      ) STRICT, WITHOUT ROWID;
    `);
    const day = db.prepare('INSERT INTO privacy_calendar (day, kind, name) VALUES (?, ?, ?)');
    for (const [from, to, name] of HOLIDAYS_2026) {
      for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) day.run(new Date(t).toISOString().slice(0, 10), 'holiday', name);
    }
    for (const [d, name] of WORKDAYS_2026) day.run(d, 'workday', name);
  },
};
