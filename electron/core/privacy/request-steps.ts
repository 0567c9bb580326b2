import { CofferError } from '../../../shared/errors';
import { grantFor } from '../../../shared/permissions';
import type { RequestType } from '../../../shared/privacy-requests';
import type { Session } from '../auth/session-service';
import type { Db } from '../db/open-database';
import * as repo from './requests-repository';

/**
 * A step done on a linked customer FOR a request (issue 16): the correction of the record, the
 * access package, the erasure, the consent withdrawal. Each is its own feature's channel with a
 * requestId; this checks that the request may take that step and appends it to the request's
 * history inside the feature's own transaction, so the step and its link commit together or not at all.
 */
export type RequestStep = 'corrected' | 'package' | 'erased' | 'withdrawn';

/** Which request types each step answers (access covers "a copy"). */
export const STEP_TYPES: Readonly<Record<RequestStep, readonly RequestType[]>> = {
  corrected: ['correction'],
  package: ['access', 'portability'],
  erased: ['deletion'],
  withdrawn: ['withdrawal'],
};

/** Throws the typed error that refuses the step; nothing is written. */
export function checkRequestStep(db: Db, session: Session, requestId: number, customerId: number, step: RequestStep): void {
  if (grantFor(session.role, 'privacyRequests.write') !== 'all') throw new CofferError('FORBIDDEN', 'Your role cannot link changes to a request.');
  const row = repo.findRequest(db, requestId);
  if (!row) throw new CofferError('NOT_FOUND', 'That request does not exist.', { requestId: 'not_found' });
  if (!STEP_TYPES[step].includes(row.type)) throw new CofferError('INVALID_INPUT', 'This step does not answer that type of request.', { requestId: 'wrong_type' });
  // Identity first: nothing is handed out, changed or erased for an unverified requester.
  if (row.state !== 'verified' && row.state !== 'in_progress') throw new CofferError('CONFLICT', 'Verify the requester before acting on the request; an answered or closed request takes no more steps.');
  if (!repo.isLinked(db, requestId, customerId)) throw new CofferError('INVALID_INPUT', 'This customer is not linked to that request.', { requestId: 'not_linked' });
}

/** Checks, then appends the step (field names or a fixed word in note, never a value) to the history. */
export function recordRequestStep(
  db: Db,
  session: Session,
  step: { requestId: number; customerId: number; kind: RequestStep; fields?: readonly string[]; note?: string | null },
  at: Date,
): void {
  checkRequestStep(db, session, step.requestId, step.customerId, step.kind);
  repo.insertEvent(db, { requestId: step.requestId, at: at.toISOString(), userId: session.userId, kind: step.kind, customerId: step.customerId, fields: step.fields ? [...step.fields] : null, note: step.note ?? null });
}
