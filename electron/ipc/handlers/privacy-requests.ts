import type { Core } from '../../core';
import { requireSession, type Handler } from '../router';

/** The data-subject request and complaint register (issue 16): thin, core owns rules and audit. */
export function privacyRequestHandlers(core: Core): {
  'privacyRequests.list': Handler<'privacyRequests.list'>;
  'privacyRequests.get': Handler<'privacyRequests.get'>;
  'privacyRequests.create': Handler<'privacyRequests.create'>;
  'privacyRequests.act': Handler<'privacyRequests.act'>;
  'privacyRequests.summary': Handler<'privacyRequests.summary'>;
  'privacyRequests.settings': Handler<'privacyRequests.settings'>;
  'privacyRequests.setRule': Handler<'privacyRequests.setRule'>;
  'privacyRequests.setDay': Handler<'privacyRequests.setDay'>;
  'privacyRequests.reply': Handler<'privacyRequests.reply'>;
} {
  const requests = core.privacyRequests;
  return {
    'privacyRequests.list': (input, { session }) => requests.list(requireSession(session), input),
    'privacyRequests.get': ({ id }, { session }) => requests.get(requireSession(session), id),
    'privacyRequests.create': (input, { session }) => requests.create(requireSession(session), input),
    'privacyRequests.act': (input, { session }) => requests.act(requireSession(session), input),
    'privacyRequests.summary': (_input, { session }) => requests.summary(requireSession(session)),
    'privacyRequests.settings': ({ year }, { session }) => requests.settings(requireSession(session), year),
    'privacyRequests.setRule': (rule, { session }) => requests.setRule(requireSession(session), rule),
    'privacyRequests.setDay': ({ day, kind, name }, { session }) => requests.setDay(requireSession(session), day, kind, name),
    'privacyRequests.reply': ({ id, language }, { session }) => requests.reply(requireSession(session), id, language),
  };
}
