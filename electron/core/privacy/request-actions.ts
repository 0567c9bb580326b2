import type { RequestAction } from '../../../shared/channels/privacy-requests';
import { CofferError } from '../../../shared/errors';
import { grantFor } from '../../../shared/permissions';
import { canMove, OPEN_STATES, type DeadlineRule, type RequestState } from '../../../shared/privacy-requests';
import { addPeriod, localDay, type Calendar } from '../../../shared/working-days';
import type { Session } from '../auth/session-service';
import type { Db } from '../db/open-database';
import { recordRequestStep } from './request-steps';
import * as repo from './requests-repository';

const conflict = (message: string) => new CofferError('CONFLICT', message);

function move(db: Db, session: Session, row: repo.RequestRow, to: RequestState, at: Date, changes: Parameters<typeof repo.updateRequest>[2], note: string | null = null): void {
  if (!canMove(row.state, to)) throw conflict(`A request that is ${row.state} cannot move to ${to}. Reload it to see its current state.`);
  repo.updateRequest(db, row.id, { ...changes, state: to }, at.toISOString());
  repo.insertEvent(db, { requestId: row.id, at: at.toISOString(), userId: session.userId, kind: 'state', fromState: row.state, toState: to, note });
}

/**
 * One step on a request, inside the caller's transaction: the row changes and its history event
 * is appended, or a typed error leaves both untouched. The text a step needs is required by the
 * contract (an answer's outcome, a refusal's reason); a complaint's analysis is required to close it.
 */
export function applyAction(db: Db, session: Session, row: repo.RequestRow, action: RequestAction, at: Date, rule: DeadlineRule, calendar: Calendar): void {
  const iso = at.toISOString();
  const event = (kind: string, extra: Omit<Parameters<typeof repo.insertEvent>[1], 'requestId' | 'at' | 'userId' | 'kind'> = {}) =>
    repo.insertEvent(db, { requestId: row.id, at: iso, userId: session.userId, kind, ...extra });
  const open = OPEN_STATES.includes(row.state);
  switch (action.action) {
    case 'verify':
      // How, by whom (the signed-in user) and when; never the document's number.
      return move(db, session, row, 'verified', at, { identityMethod: action.method, identityNote: action.note || null, identityCheckedBy: session.userId, identityCheckedAt: iso });
    case 'start':
      return move(db, session, row, 'in_progress', at, {}, action.note || null);
    case 'answer':
      return move(db, session, row, 'answered', at, { outcome: action.outcome });
    case 'refuse':
      // PIPL art. 50: a refusal states its reason; it is kept on the request and in its history.
      return move(db, session, row, 'refused', at, { refusalReason: action.reason }, action.reason);
    case 'close':
      if (row.type === 'complaint' && !action.analysis && !row.analysis) throw new CofferError('INVALID_INPUT', 'Write what caused the complaint before closing it.', { analysis: 'required' });
      return move(db, session, row, 'closed', at, action.analysis ? { analysis: action.analysis } : {});
    case 'acknowledge':
      if (row.acknowledgedOn) throw conflict('Receipt of this request was already acknowledged.');
      if (action.on < row.receivedOn || action.on > localDay(at)) throw new CofferError('INVALID_INPUT', 'The acknowledgement date lies between the day received and today.', { on: 'out_of_range' });
      repo.updateRequest(db, row.id, { acknowledgedOn: action.on }, iso);
      return event('acknowledged', { note: action.on });
    case 'extend': {
      if (!open) throw conflict('Only an open request can be extended.');
      if (row.extendedDueOn) throw conflict('This request was already extended once.');
      if (rule.extendAmount === 0) throw new CofferError('INVALID_INPUT', 'The privacy regime of this request allows no extension. Change the deadline defaults in Settings if counsel says otherwise.', { amount: 'no_extension' });
      if (action.amount > rule.extendAmount) throw new CofferError('INVALID_INPUT', 'That is longer than the extension the deadline defaults allow.', { amount: 'too_long' });
      const extended = addPeriod(row.dueOn, action.amount, rule.extendUnit, calendar);
      repo.updateRequest(db, row.id, { extendedDueOn: extended, extensionReason: action.reason, extensionNoticeOn: action.noticeOn }, iso);
      return event('extended', { note: `${extended}: ${action.reason}` });
    }
    case 'assign': {
      const user = action.handler === null ? null : repo.activeUsers(db).find((u) => u.username === action.handler);
      if (action.handler !== null && (!user || grantFor(user.role, 'privacyRequests.write') !== 'all')) throw new CofferError('INVALID_INPUT', 'Choose a handler who keeps the request register.', { handler: 'not_a_handler' });
      repo.updateRequest(db, row.id, { handlerId: user?.id ?? null }, iso);
      return event('assigned', { note: user?.displayName ?? null });
    }
    case 'link':
      if (!repo.liveCustomerExists(db, action.customerId)) throw new CofferError('NOT_FOUND', 'That customer does not exist.', { customerId: 'not_found' });
      if (!repo.linkCustomer(db, row.id, action.customerId, session.userId, iso)) throw conflict('That customer is already linked to this request.');
      return event('linked', { customerId: action.customerId });
    case 'unlink':
      // The register keeps what was done: an unlink is refused once the request is closed, and the history keeps both steps.
      if (row.state === 'closed') throw conflict('A closed request keeps its customers.');
      if (!repo.unlinkCustomer(db, row.id, action.customerId)) throw new CofferError('NOT_FOUND', 'That customer is not linked to this request.', { customerId: 'not_linked' });
      return event('unlinked', { customerId: action.customerId, note: action.reason });
    case 'note':
      return event('note', { note: action.note });
  }
}

/**
 * A customer edit made while handling a correction request (customers.update with requestId):
 * checked and appended as a 'corrected' step (field names only, never values) inside the edit's
 * own transaction (request-steps.ts).
 */
export function linkCorrection(db: Db, session: Session, requestId: number, customerId: number, fields: readonly string[], at: Date): void {
  recordRequestStep(db, session, { requestId, customerId, kind: 'corrected', fields }, at);
}
