import type { Migration } from './types';

/**
 * Requests, second round (issue 16).
 *
 * privacy_request_events takes four more kinds, the steps done from a request: 'package' (an
 * access package prepared for it), 'erased' (the customer anonymised or deleted for it),
 * 'withdrawn' (a consent withdrawal recorded for it) and 'unlinked' (a wrongly linked customer
 * taken off it). SQLite cannot change a CHECK, so the table is rebuilt with its rows, index and
 * append-only triggers; ids are kept so the history's order stays.
 *
 * privacy_calendar.verify: 1 on a shipped day nobody has confirmed yet. The 2027 rows below are
 * NOT the State Council's 2027 notice (not available when this was written): they are the
 * statutory days of 《全国年节及纪念日放假办法》 (2024 revision: New Year 1, Spring Festival 4
 * from the eve, Qingming 1, Labour Day 2, Dragon Boat 1, Mid-Autumn 1, National Day 3) on 2027's
 * lunar dates, plus the next weekday off for a statutory day on a weekend (art. 6). The notice's
 * make-up working days (调休) are unknowable in advance, so none are shipped: the owner checks the
 * year in Settings against the notice; an edit there clears the flag. An owner's own 2027 day is kept.
 */
const HOLIDAYS_2027: readonly [string, string][] = [
  ['2027-01-01', '元旦'],
  ['2027-02-05', '春节'],
  ['2027-02-06', '春节'],
  ['2027-02-07', '春节'],
  ['2027-02-08', '春节'],
  ['2027-02-09', '春节补休'],
  ['2027-02-10', '春节补休'],
  ['2027-04-05', '清明节'],
  ['2027-05-01', '劳动节'],
  ['2027-05-02', '劳动节'],
  ['2027-05-03', '劳动节补休'],
  ['2027-05-04', '劳动节补休'],
  ['2027-06-09', '端午节'],
  ['2027-09-15', '中秋节'],
  ['2027-10-01', '国庆节'],
  ['2027-10-02', '国庆节'],
  ['2027-10-03', '国庆节'],
  ['2027-10-04', '国庆节补休'],
  ['2027-10-05', '国庆节补休'],
];

export const migration036: Migration = {
  version: 36,
  name: 'request-steps',
  up(db) {
    db.exec(`
      DROP TRIGGER privacy_request_events_no_update;
      DROP TRIGGER privacy_request_events_no_delete;
      ALTER TABLE privacy_request_events RENAME TO privacy_request_events_old;
      CREATE TABLE privacy_request_events (
        id          INTEGER PRIMARY KEY,
        request_id  INTEGER NOT NULL REFERENCES privacy_requests(id),
        at          TEXT NOT NULL,
        user_id     INTEGER NOT NULL REFERENCES users(id),
        kind        TEXT NOT NULL CHECK (kind IN ('created', 'state', 'acknowledged', 'extended', 'assigned', 'linked', 'corrected', 'note',
                                                  'package', 'erased', 'withdrawn', 'unlinked')),
        from_state  TEXT,
        to_state    TEXT,
        customer_id INTEGER,
        fields      TEXT,
        note        TEXT CHECK (note IS NULL OR length(note) <= 2000)
      ) STRICT;
      INSERT INTO privacy_request_events (id, request_id, at, user_id, kind, from_state, to_state, customer_id, fields, note)
        SELECT id, request_id, at, user_id, kind, from_state, to_state, customer_id, fields, note FROM privacy_request_events_old;
      DROP TABLE privacy_request_events_old;
      CREATE INDEX privacy_request_events_request ON privacy_request_events (request_id, id);
      CREATE TRIGGER privacy_request_events_no_update BEFORE UPDATE ON privacy_request_events
        BEGIN SELECT RAISE(ABORT, 'privacy_request_events is append-only'); END;
      CREATE TRIGGER privacy_request_events_no_delete BEFORE DELETE ON privacy_request_events
        BEGIN SELECT RAISE(ABORT, 'privacy_request_events is append-only'); END;

      ALTER TABLE privacy_calendar ADD COLUMN verify INTEGER NOT NULL DEFAULT 0 CHECK (verify IN (0, 1));
    `);
    const day = db.prepare("INSERT OR IGNORE INTO privacy_calendar (day, kind, name, verify) VALUES (?, 'holiday', ?, 1)");
    for (const [d, name] of HOLIDAYS_2027) day.run(d, name);
  },
};
