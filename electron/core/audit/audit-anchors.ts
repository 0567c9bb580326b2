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
