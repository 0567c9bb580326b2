import type { Core } from '../../core';
import { requireSession, type Handler } from '../router';

/** The owner's access review and the shop's data rules (issue 15). */
export function accessReviewHandlers(core: Core): {
  'users.accessReview': Handler<'users.accessReview'>;
  'users.accessReviewExport': Handler<'users.accessReviewExport'>;
  'users.accessReviewDone': Handler<'users.accessReviewDone'>;
  'dataRules.current': Handler<'dataRules.current'>;
  'dataRules.accept': Handler<'dataRules.accept'>;
  'dataRules.set': Handler<'dataRules.set'>;
  'dataRules.acceptances': Handler<'dataRules.acceptances'>;
} {
  return {
    'users.accessReview': ({ periodDays }, { session }) => core.accessReview.report(requireSession(session), periodDays),
    'users.accessReviewExport': ({ periodDays }, { session }) => core.accessReview.export(requireSession(session), periodDays),
    'users.accessReviewDone': (_input, { session }) => core.accessReview.done(requireSession(session)),
    'dataRules.current': (_input, { session }) => core.dataRules.current(requireSession(session)),
    'dataRules.accept': ({ version }, { session }) => core.dataRules.accept(requireSession(session), version),
    'dataRules.set': ({ text }, { session }) => core.dataRules.set(requireSession(session), text),
    'dataRules.acceptances': () => core.dataRules.acceptances(),
  };
}
