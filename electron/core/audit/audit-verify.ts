import type { Db } from '../db/open-database';
import { GENESIS_HASH, parseHead, rowHash } from './audit-chain';
import { idWithHash, idWithPrevHash, iterateAudit, lastAuditId, readHeadValue, type AuditRow } from './audit-repository';

export type AuditProblem = 'edited' | 'deleted' | 'reordered' | 'truncated' | 'head-missing';

/** `rows`: how many rows, from id 1, were found intact (on failure: before the first broken one). */
export type AuditVerdict =
  | { ok: true; rows: number; head: { id: number; hash: string } | null }
  | { ok: false; rows: number; firstBrokenId: number; problem: AuditProblem };

/** How far past its own id a row is tried when rows after a deletion were renumbered. */
const RENUMBER_WINDOW = 64;

type Break = { kind: 'id' | 'hash' | 'link'; row: AuditRow };

/**
 * Walks the chain in id order, one row at a time, and names the first row that breaks it.
 *
 * Per row, in this order (ids are 1, 2, 3... with no gaps; each hash covers its own id):
 *  1. id is not the next expected one -> rows are missing: 'deleted', at the first missing id.
 *  2. its hash does not match its content -> if the content matches under another id (the row
 *     was moved), 'reordered' at this id, or 'deleted' if it moved up to close a gap left by a
 *     row that no longer exists; otherwise 'edited' at this id.
 *  3. its prev_hash is not the previous row's hash, although both rows are self-consistent ->
 *     if it names another row still present, that row was moved: 'reordered' at this id;
 *     otherwise the previous row was rewritten with a recomputed hash: 'edited' at the previous
 *     id. (The two cannot be told apart from the data alone; reporting the earlier row means
 *     the report never points past the tampered row.)
 * Then the head in meta: missing or unreadable with rows present -> 'head-missing' at the last
 * id; naming an id past the last row -> 'truncated' at the first missing id; same id, other
 * hash -> 'edited' at the last id; an earlier id -> rows were added behind appendAudit's back.
 *
 * Someone who rewrites the whole tail and the head together is not detectable here: that is
 * what the head copied into every backup manifest is for.
 */
export function verifyAudit(db: Db, options: VerifyOptions = {}): AuditVerdict {
  // One read transaction: rows and head come from the same snapshot.
  return db.transaction(() => walk(db, { id: 1, prevHash: GENESIS_HASH }, options.onProgress))();
}

export interface VerifyOptions {
  /** Called every PROGRESS_EVERY rows with the rows checked so far and the log's last id. */
  onProgress?: ((checked: number, total: number) => void) | undefined;
}

const PROGRESS_EVERY = 20_000;

/**
 * The same walk from a row already verified (audit-checkpoint.ts): `from.id` is the first row to
 * check, `from.prevHash` the verified hash it must link to. Only a clean answer is given: on any
 * break this returns null, and the full walk names the break exactly as verifyAudit does.
 */
export function verifyAuditFrom(db: Db, from: { id: number; prevHash: string }): AuditVerdict | null {
  const verdict = db.transaction(() => walk(db, from, undefined))();
  return verdict.ok ? verdict : null;
}

function walk(db: Db, from: { id: number; prevHash: string }, onProgress: VerifyOptions['onProgress']): AuditVerdict {
  const headValue = readHeadValue(db);
  const head = parseHead(headValue);
  let expectedId = from.id;
  let expectedPrev = from.prevHash;
  let hashAtHead: string | undefined;
  let broken: Break | undefined;
  const total = onProgress ? lastAuditId(db) : 0;
  for (const row of iterateAudit(db, from.id === 1 ? undefined : from.id)) {
    if (onProgress && (expectedId - from.id) % PROGRESS_EVERY === 0) onProgress(expectedId - 1, total);
    if (row.id !== expectedId) broken = { kind: 'id', row };
    else if (rowHash(row.prevHash, row) !== row.hash) broken = { kind: 'hash', row };
    else if (row.prevHash !== expectedPrev) broken = { kind: 'link', row };
    if (broken) break; // ends the statement; the lookups below need the connection
    if (row.id === head?.id) hashAtHead = row.hash;
    expectedPrev = row.hash;
    expectedId += 1;
  }
  const rows = expectedId - 1;
  const fail = (firstBrokenId: number, problem: AuditProblem): AuditVerdict => ({ ok: false, rows, firstBrokenId, problem });

  if (broken) {
    const { kind, row } = broken;
    if (kind === 'id') return row.id > expectedId ? fail(expectedId, 'deleted') : fail(row.id, 'edited');
    if (kind === 'hash') return fail(row.id, classifyMoved(db, row, head));
    if (row.id > 1 && isPresent(db, row.prevHash)) return fail(row.id, 'reordered');
    return fail(Math.max(1, row.id - 1), 'edited');
  }

  if (!head) return rows === 0 && headValue === undefined ? { ok: true, rows, head: null } : fail(Math.max(1, rows), 'head-missing');
  if (head.id > rows) return fail(rows + 1, 'truncated');
  if (head.id === rows) return head.hash === expectedPrev ? { ok: true, rows, head } : fail(rows, 'edited');
  return hashAtHead === head.hash ? fail(head.id + 1, 'edited') : fail(head.id, 'edited');
}

/** A row that fails its own hash: moved intact from another id, or edited? */
function classifyMoved(db: Db, row: AuditRow, head: { id: number; hash: string } | null): AuditProblem {
  const candidates = new Set<number>();
  // Where its successor still points at it...
  const successor = idWithPrevHash(db, row.hash);
  if (successor !== undefined) candidates.add(successor - 1);
  // ...where the head says the last row was...
  if (head?.hash === row.hash) candidates.add(head.id);
  // ...right after the row it links to...
  const predecessor = row.prevHash === GENESIS_HASH ? 0 : idWithHash(db, row.prevHash);
  if (predecessor !== undefined) candidates.add(predecessor + 1);
  // ...or a little further up, when later rows were renumbered down over a deleted one.
  for (let k = 1; k <= RENUMBER_WINDOW; k += 1) candidates.add(row.id + k);
  candidates.delete(row.id);
  for (const id of candidates) {
    if (id < 1 || rowHash(row.prevHash, { ...row, id }) !== row.hash) continue;
    // Intact content from id `id`. If the row it followed is gone, rows were renumbered to hide
    // a deletion; if that row is still here, rows were shuffled.
    return id > row.id && predecessor === undefined ? 'deleted' : 'reordered';
  }
  return 'edited';
}

function isPresent(db: Db, hash: string): boolean {
  return idWithHash(db, hash) !== undefined;
}
