import { getMeta, setMeta } from '../db/meta-repository';
import type { Db } from '../db/open-database';
import { parseHead, rowHash } from './audit-chain';
import { rowAt } from './audit-repository';
import { verifyAuditFrom, type AuditVerdict } from './audit-verify';

/**
 * Where the last clean verify ended (issue 18): `<id>:<hash>` of the last row it checked, so the
 * next one walks only the rows added since (1,000 new rows: milliseconds instead of seconds).
 *
 * The checkpoint is checked against the chain before it is used: the row at its id must still
 * carry its hash, and that hash must still be the hash of the row's content. A row before it
 * edited with every later hash recomputed changes the checkpoint row's hash, so the check fails
 * and the caller runs the full walk. An edit before the checkpoint that leaves the later hashes
 * alone is not seen by the quick check: the full verify (always offered, and run whenever the
 * checkpoint fails) walks from row 1 and finds it, whatever the checkpoint says. Rewriting the
 * checkpoint itself only makes the next check slower or moves the start back; a checkpoint
 * past the last row fails the check.
 */
const CHECKPOINT_KEY = 'audit.verified';

export function readCheckpoint(db: Db): { id: number; hash: string } | null {
  return parseHead(getMeta(db, CHECKPOINT_KEY));
}

/** After a clean verify: the head it ended at. */
export function writeCheckpoint(db: Db, head: { id: number; hash: string }): void {
  setMeta(db, CHECKPOINT_KEY, `${head.id}:${head.hash}`);
}

/**
 * The quick verify: from the checkpoint to the end. Null when there is no usable checkpoint or
 * anything after it is not clean: then only the full walk may answer (it names the break).
 */
export function verifyAuditIncremental(db: Db): AuditVerdict | null {
  return db.transaction(() => {
    const checkpoint = readCheckpoint(db);
    if (!checkpoint) return null;
    const row = rowAt(db, checkpoint.id);
    if (!row || row.hash !== checkpoint.hash || rowHash(row.prevHash, row) !== row.hash) return null;
    return verifyAuditFrom(db, { id: checkpoint.id + 1, prevHash: checkpoint.hash });
  })();
}
