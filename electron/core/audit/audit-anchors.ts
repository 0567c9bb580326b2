import { getMeta, setMeta } from '../db/meta-repository';
import type { Db } from '../db/open-database';
import { hashAt } from './audit-repository';

/** A chain head recorded outside the database: in a backup's manifest, sealed under the vault key. */
export interface AuditAnchor {
  /** The backup file's name (names carry no personal data). */
  backup: string;
  /** When the backup was made (its manifest): a backup's own log holds the heads of those made before it. */
  createdAt: string;
  seq: number;
  hash: string;
}

export type AnchorVerdict =
  | { ok: true; checked: number }
  /** 'missing': the log ends before the recorded row (cut at the tail); 'differs': that row is not the one backed up (rewritten). */
  | { ok: false; checked: number; backup: string; seq: number; problem: 'missing' | 'differs' };

/**
 * Whether the log still holds every recorded head at its row with its hash. A chain that verifies
 * on its own can still have been cut at the tail and its head in meta moved back, or rewritten
 * from some row on with every later hash recomputed, by someone with the database key; a head in
 * a backup made before that disagrees. The earliest recorded row that disagrees is reported: the
 * change is at or before it.
 */
export function checkAnchors(db: Db, anchors: readonly AuditAnchor[]): AnchorVerdict {
  const bySeq = [...anchors].sort((a, b) => a.seq - b.seq || (a.backup < b.backup ? -1 : 1));
  for (const anchor of bySeq) {
    const hash = hashAt(db, anchor.seq);
    if (hash !== anchor.hash) return { ok: false, checked: anchors.length, backup: anchor.backup, seq: anchor.seq, problem: hash === undefined ? 'missing' : 'differs' };
  }
  return { ok: true, checked: anchors.length };
}

/** One line for a drill report; backup names carry no personal data. */
export function describeAnchors(verdict: AnchorVerdict, found: { otherKey: readonly string[]; unreadable: readonly string[] }, log: string): { ok: boolean; detail: string } {
  const skipped = found.otherKey.length + found.unreadable.length;
  const note = skipped > 0 ? `; ${skipped} not checked` : '';
  if (verdict.ok) return { ok: true, detail: `${log}: ${verdict.checked} backup(s) agree${note}` };
  return { ok: false, detail: `${verdict.backup}: audit row ${verdict.seq} ${verdict.problem === 'missing' ? 'is missing' : 'differs'} in ${log}` };
}

/**
 * A restore of an older backup legitimately leaves the backups made between that backup and the
 * restore behind: the log goes on from the older head. Each restore is kept in meta (beside its
 * `backup.restore` audit row), and those backups are set aside as superseded, and counted, rather
 * than reported as disagreeing. Backups made before the restored one, or after the restore, must
 * still agree.
 */
interface RestoreWindow {
  /** When the restored backup was made. */
  from: string;
  /** When it was restored. */
  to: string;
}

const RESTORES_KEY = 'audit.restores';

export function recordRestore(db: Db, backupCreatedAt: string, at: Date): void {
  setMeta(db, RESTORES_KEY, JSON.stringify([...restoreWindows(db), { from: backupCreatedAt, to: at.toISOString() }]));
}

function restoreWindows(db: Db): RestoreWindow[] {
  try {
    const parsed: unknown = JSON.parse(getMeta(db, RESTORES_KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((w): w is RestoreWindow => typeof w?.from === 'string' && typeof w?.to === 'string') : [];
  } catch {
    return [];
  }
}

/** The anchors this log must hold, and how many backups a restore set aside. */
export function applicableAnchors(db: Db, anchors: readonly AuditAnchor[]): { anchors: AuditAnchor[]; superseded: number } {
  const windows = restoreWindows(db);
  const applicable = anchors.filter((a) => !windows.some((w) => a.createdAt > w.from && a.createdAt <= w.to));
  return { anchors: applicable, superseded: anchors.length - applicable.length };
}

/**
 * The drill's 'audit-anchors' check: the drilled copy's log against the heads of the backups
 * made before it (other than itself), then the app's verdict on the live log, if it gave one.
 */
export function drilledAnchors(copy: Db, given: { anchors: readonly AuditAnchor[]; live?: { ok: boolean; detail: string } | undefined } | undefined, fileName: string, createdAt: string): { ok: boolean; detail: string } {
  const earlier = applicableAnchors(copy, (given?.anchors ?? []).filter((a) => a.backup !== fileName && a.createdAt <= createdAt)).anchors;
  const own = describeAnchors(checkAnchors(copy, earlier), { otherKey: [], unreadable: [] }, 'this backup');
  const live = given?.live;
  if (!own.ok || !live) return own;
  return live.ok ? { ok: true, detail: `${own.detail}; ${live.detail}` } : live;
}
