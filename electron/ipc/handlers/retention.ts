import type { Core } from '../../core';
import { requireSession, type Handler } from '../router';

/** The retention engine (issue 17): thin; core owns the rules, the gate's use and the audit. */
export function retentionHandlers(core: Core): {
  'retention.overview': Handler<'retention.overview'>;
  'retention.setSettings': Handler<'retention.setSettings'>;
  'retention.saveRule': Handler<'retention.saveRule'>;
  'retention.deleteRule': Handler<'retention.deleteRule'>;
  'retention.dryRun': Handler<'retention.dryRun'>;
  'retention.runNow': Handler<'retention.runNow'>;
  'retention.runs': Handler<'retention.runs'>;
  'retention.dormant': Handler<'retention.dormant'>;
  'retention.batch': Handler<'retention.batch'>;
  'retention.startNotice': Handler<'retention.startNotice'>;
  'retention.cancel': Handler<'retention.cancel'>;
  'retention.anonymise': Handler<'retention.anonymise'>;
} {
  const r = core.retention;
  return {
    'retention.overview': (_input, { session }) => r.overview(requireSession(session)),
    'retention.setSettings': (input, { session }) => (r.setSettings(requireSession(session), input), { saved: true as const }),
    'retention.saveRule': (input, { session }) => r.saveRule(requireSession(session), input),
    'retention.deleteRule': ({ id }, { session }) => (r.deleteRule(requireSession(session), id), { deleted: true as const }),
    'retention.dryRun': (page, { session }) => r.dryRun(requireSession(session), page),
    'retention.runNow': (_input, { session }) => r.runNow(requireSession(session)),
    'retention.runs': ({ limit }, { session }) => r.runs(requireSession(session), limit),
    'retention.dormant': (page, { session }) => r.dormant(requireSession(session), page),
    'retention.batch': ({ id }, { session }) => r.batch(requireSession(session), id),
    'retention.startNotice': ({ id }, { session }) => r.startNotice(requireSession(session), id),
    'retention.cancel': ({ id }, { session }) => r.cancel(requireSession(session), id),
    'retention.anonymise': (input, { session }) => {
      const s = requireSession(session);
      // Approval first: the owner's confirmation of exactly this batch's customers.
      return r.anonymise(s, input.batchId, core.approvals.gate(s, 'retention.anonymise', input));
    },
  };
}
