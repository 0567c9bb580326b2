import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../electron/core/db/migrate';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { openDatabase, type Db } from '../../electron/core/db/open-database';
import { tempDir } from '../support/tmp';

function vaultAt35(): Db {
  const db = openDatabase(path.join(tempDir(), 'v.db'), randomBytes(32), { create: true });
  migrate(db, MIGRATIONS.filter((m) => m.version < 36));
  db.prepare("INSERT INTO users (id, username, display_name, role, password_hash, created_at) VALUES (1, 'owner', 'O', 'owner', 'h', 'now')").run();
  db.prepare(
    `INSERT INTO privacy_requests (id, type, received_on, channel, regime, due_on, created_at, created_by, updated_at)
     VALUES (1, 'access', '2026-09-28', 'phone', 'pipl', '2026-10-23', 'now', 1, 'now')`,
  ).run();
  return db;
}

const event = (db: Db, kind: string) => db.prepare("INSERT INTO privacy_request_events (request_id, at, user_id, kind) VALUES (1, 'now', 1, ?)").run(kind);

describe('migration 36: request step events, the provisional 2027 holidays', () => {
  it('keeps every history row in order, takes the new step kinds, refuses others, and stays append-only', () => {
    const db = vaultAt35();
    event(db, 'created');
    event(db, 'linked');
    // An owner's own 2027 day before the upgrade is kept as they set it.
    db.prepare("INSERT INTO privacy_calendar (day, kind, name) VALUES ('2027-02-09', 'workday', 'owner set')").run();
    expect(() => event(db, 'package')).toThrow(/CHECK/);
    migrate(db, MIGRATIONS.filter((m) => m.version <= 36));
    expect(schemaVersion(db)).toBe(36);
    expect(db.prepare('SELECT id, kind FROM privacy_request_events ORDER BY id').all()).toEqual([
      { id: 1, kind: 'created' },
      { id: 2, kind: 'linked' },
    ]);
    for (const kind of ['package', 'erased', 'withdrawn', 'unlinked']) event(db, kind);
    expect(() => event(db, 'shredded')).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE privacy_request_events SET note = 'x' WHERE id = 1").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM privacy_request_events WHERE id = 1').run()).toThrow(/append-only/);
    expect(db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'privacy_request_events_old'").get()).toEqual({ n: 0 });
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'privacy_request_events'").all()).toEqual([{ name: 'privacy_request_events_request' }]);

    const days = db.prepare("SELECT day, kind, name, verify FROM privacy_calendar WHERE day LIKE '2027-%' ORDER BY day").all() as { day: string; kind: string; name: string; verify: number }[];
    expect(days.find((d) => d.day === '2027-02-09')).toEqual({ day: '2027-02-09', kind: 'workday', name: 'owner set', verify: 0 });
    const shipped = days.filter((d) => d.verify === 1);
    expect(shipped.map((d) => d.day)).toEqual(expect.arrayContaining(['2027-01-01', '2027-02-05', '2027-02-08', '2027-02-10', '2027-04-05', '2027-05-03', '2027-06-09', '2027-09-15', '2027-10-05']));
    expect(shipped.every((d) => d.kind === 'holiday')).toBe(true);
    // 2026 came from the State Council notice: not flagged.
    expect(db.prepare("SELECT COUNT(*) AS n FROM privacy_calendar WHERE day LIKE '2026-%' AND verify = 1").get()).toEqual({ n: 0 });
    expect(() => db.prepare("UPDATE privacy_calendar SET verify = 2 WHERE day = '2027-01-01'").run()).toThrow(/CHECK/);
  });
});
