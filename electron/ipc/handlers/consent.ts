import type { Core } from '../../core';
import { requireSession, type Handler } from '../router';

export function consentHandlers(core: Core): {
  'consent.history': Handler<'consent.history'>;
  'consent.record': Handler<'consent.record'>;
  'consent.missing': Handler<'consent.missing'>;
  'consent.notices': Handler<'consent.notices'>;
  'consent.addNotice': Handler<'consent.addNotice'>;
} {
  return {
    'consent.history': ({ customerId }, { session }) => core.consent.history(requireSession(session), customerId),
    'consent.record': (input, { session }) => core.consent.record(requireSession(session), input),
    'consent.missing': (page, { session }) => core.consent.missing(requireSession(session), page),
    'consent.notices': () => core.consent.notices(),
    'consent.addNotice': (input, { session }) => core.consent.addNotice(requireSession(session), input),
  };
}
