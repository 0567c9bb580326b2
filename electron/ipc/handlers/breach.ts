import type { Core } from '../../core';
import { requireSession, type Handler } from '../router';

/** The breach register (issue 17): thin, core owns the rules, containment and the files. */
export function breachHandlers(core: Core): {
  'breach.list': Handler<'breach.list'>;
  'breach.get': Handler<'breach.get'>;
  'breach.create': Handler<'breach.create'>;
  'breach.update': Handler<'breach.update'>;
  'breach.setStatus': Handler<'breach.setStatus'>;
  'breach.contain': Handler<'breach.contain'>;
  'breach.affected': Handler<'breach.affected'>;
  'breach.signIns': Handler<'breach.signIns'>;
  'breach.exportContacts': Handler<'breach.exportContacts'>;
  'breach.notice': Handler<'breach.notice'>;
  'breach.logSent': Handler<'breach.logSent'>;
  'breach.evidence': Handler<'breach.evidence'>;
  'breach.summary': Handler<'breach.summary'>;
  'breach.settings': Handler<'breach.settings'>;
  'breach.setImmediateHours': Handler<'breach.setImmediateHours'>;
} {
  const breach = core.breach;
  return {
    'breach.list': ({ filter }) => breach.list(filter),
    'breach.get': ({ id }, { session }) => breach.get(requireSession(session), id),
    'breach.create': (fields, { session }) => breach.create(requireSession(session), fields),
    'breach.update': ({ id, ...fields }, { session }) => breach.update(requireSession(session), id, fields),
    'breach.setStatus': ({ id, status, note }, { session }) => breach.setStatus(requireSession(session), id, status, note),
    'breach.contain': (input, { session }) => core.breachContainment.contain(requireSession(session), input),
    'breach.affected': ({ id, ...window }, { session }) => breach.affected(requireSession(session), id, window),
    'breach.signIns': ({ id, username }, { session }) => breach.signIns(requireSession(session), id, username),
    'breach.exportContacts': (input, { session }) => core.breachFiles.exportContacts(requireSession(session), input),
    'breach.notice': (input, { session }) => core.breachFiles.notice(requireSession(session), input),
    'breach.logSent': (input, { session }) => breach.logSent(requireSession(session), input),
    'breach.evidence': (input, { session }) => core.breachFiles.evidence(requireSession(session), input),
    'breach.summary': () => breach.summary(),
    'breach.settings': () => breach.settings(),
    'breach.setImmediateHours': ({ hours }, { session }) => breach.setImmediateHours(requireSession(session), hours),
  };
}
