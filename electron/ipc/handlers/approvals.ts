import type { Core } from '../../core';
import { requireSession, type Handler } from '../router';

/** Four-eyes approval (issue 15): asking, deciding, withdrawing, the inbox and the owner's policy. */
export function approvalHandlers(core: Core): {
  'approvals.request': Handler<'approvals.request'>;
  'approvals.list': Handler<'approvals.list'>;
  'approvals.decide': Handler<'approvals.decide'>;
  'approvals.cancel': Handler<'approvals.cancel'>;
  'approvals.count': Handler<'approvals.count'>;
  'approvals.policy': Handler<'approvals.policy'>;
  'approvals.setPolicy': Handler<'approvals.setPolicy'>;
} {
  const approvals = core.approvals;
  return {
    'approvals.request': (input, { session }) => approvals.request(requireSession(session), input),
    'approvals.list': ({ view }, { session }) => approvals.list(requireSession(session), view),
    'approvals.decide': (input, { session }) => approvals.decide(requireSession(session), input),
    'approvals.cancel': ({ id }, { session }) => approvals.cancel(requireSession(session), id),
    'approvals.count': (_input, { session }) => approvals.count(requireSession(session)),
    'approvals.policy': () => approvals.policy(),
    'approvals.setPolicy': (input, { session }) => approvals.setPolicy(requireSession(session), input),
  };
}
