import type { Core } from '../../core';
import { requireSession, type Handler } from '../router';

/** Erasure and anonymisation, the privacy log and the recycle bin's purge and hold (issue 16). */
export function erasureHandlers(core: Core): {
  'privacy.lookup': Handler<'privacy.lookup'>;
  'privacy.erase': Handler<'privacy.erase'>;
  'privacy.setHold': Handler<'privacy.setHold'>;
  'privacy.log': Handler<'privacy.log'>;
  'recycleBin.list': Handler<'recycleBin.list'>;
  'recycleBin.empty': Handler<'recycleBin.empty'>;
  'privacy.checkProgress': Handler<'privacy.checkProgress'>;
} {
  return {
    'privacy.lookup': ({ query }, { session }) => core.erasure.lookup(requireSession(session), query),
    'privacy.erase': (input, { session }) => {
      const s = requireSession(session);
      core.erasure.checkRequest(s, input);
      // Approval first (privacy.erase is gated by default; a manager always asks an owner).
      return core.erasure.erase(s, input, core.approvals.gate(s, 'privacy.erase', input));
    },
    'privacy.setHold': ({ customerId, hold }, { session }) => core.erasure.setHold(requireSession(session), customerId, hold),
    'privacy.log': ({ limit, beforeId }, { session }) => core.erasure.log(requireSession(session), limit, beforeId),
    'recycleBin.list': (_input, { session }) => core.erasure.binList(requireSession(session)),
    'recycleBin.empty': ({ expectCount }, { session }) => core.erasure.emptyBin(requireSession(session), expectCount),
    'privacy.checkProgress': (_input, { session }) => {
      requireSession(session);
      return core.erasure.checkProgress();
    },
  };
}
