import { describe, expect, it } from 'vitest';
import { applicableAnchors, checkAnchors, drilledAnchors, recordRestore, type AuditAnchor } from '../../../electron/core/audit/audit-anchors';
import { logWith, rawRow } from './audit-helpers';

const anchor = (db: ReturnType<typeof logWith>, seq: number, backup: string, createdAt: string): AuditAnchor => ({ backup, createdAt, seq, hash: rawRow(db, seq).hash });

describe('audit chain anchors', () => {
  it('reports the earliest recorded row the log does not hold, missing or different', () => {
    const db = logWith(10);
    const a = anchor(db, 4, 'a.cofferbak', '2026-01-01T00:00:00.000Z');
    const b = anchor(db, 8, 'b.cofferbak', '2026-01-02T00:00:00.000Z');
    expect(checkAnchors(db, [b, a])).toEqual({ ok: true, checked: 2 });
    expect(checkAnchors(db, [b, { ...a, hash: 'f'.repeat(64) }])).toEqual({ ok: false, checked: 2, backup: 'a.cofferbak', seq: 4, problem: 'differs' });
    expect(checkAnchors(db, [a, { ...b, seq: 11 }])).toEqual({ ok: false, checked: 2, backup: 'b.cofferbak', seq: 11, problem: 'missing' });
    expect(checkAnchors(db, [])).toEqual({ ok: true, checked: 0 });
    db.close();
  });

  it('sets aside only the backups made between a restored backup and its restore', () => {
    const db = logWith(3);
    const at = (day: number) => `2026-01-0${day}T00:00:00.000Z`;
    const anchors = [1, 2, 3, 4, 5].map((day) => ({ backup: `d${day}`, createdAt: at(day), seq: 1, hash: 'x' }));
    expect(applicableAnchors(db, anchors).superseded).toBe(0);
    recordRestore(db, at(2), new Date(at(4)));
    const { anchors: kept, superseded } = applicableAnchors(db, anchors);
    expect(kept.map((a) => a.backup)).toEqual(['d1', 'd2', 'd5']);
    expect(superseded).toBe(2);
    db.prepare("UPDATE meta SET value = 'not json' WHERE key = 'audit.restores'").run();
    expect(applicableAnchors(db, anchors).superseded).toBe(0); // an unreadable note sets nothing aside
    db.close();
  });

  it('in a drill, checks the copy against earlier backups only, then adds the live verdict', () => {
    const db = logWith(6);
    const older = anchor(db, 3, 'older', '2026-01-01T00:00:00.000Z');
    const newer = { ...anchor(db, 6, 'newer', '2026-01-03T00:00:00.000Z'), hash: 'e'.repeat(64) };
    // The drilled copy was made on the 2nd: the newer backup's head is not expected in it.
    expect(drilledAnchors(db, { anchors: [older, newer] }, 'self', '2026-01-02T00:00:00.000Z')).toEqual({ ok: true, detail: 'this backup: 1 backup(s) agree' });
    expect(drilledAnchors(db, { anchors: [older, newer] }, 'self', '2026-01-04T00:00:00.000Z')).toEqual({ ok: false, detail: 'newer: audit row 6 differs in this backup' });
    expect(drilledAnchors(db, { anchors: [older], live: { ok: false, detail: 'live says no' } }, 'self', '2026-01-02T00:00:00.000Z')).toEqual({ ok: false, detail: 'live says no' });
    expect(drilledAnchors(db, undefined, 'self', '2026-01-02T00:00:00.000Z')).toEqual({ ok: true, detail: 'this backup: 0 backup(s) agree' });
    db.close();
  });
});
