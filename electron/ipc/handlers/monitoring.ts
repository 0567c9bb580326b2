import type { Core } from '../../core';
import { requireSession, type Handler } from '../router';

/** The alert inbox, the monitoring rules and the password step-up (core/monitoring/). */
export function monitoringHandlers(core: Pick<Core, 'alerts'>): {
  'alerts.list': Handler<'alerts.list'>;
  'alerts.acknowledge': Handler<'alerts.acknowledge'>;
  'alerts.count': Handler<'alerts.count'>;
  'monitoring.rules': Handler<'monitoring.rules'>;
  'monitoring.setRule': Handler<'monitoring.setRule'>;
  'monitoring.setBusinessHours': Handler<'monitoring.setBusinessHours'>;
  'session.stepUp': Handler<'session.stepUp'>;
} {
  return {
    'alerts.list': (input, { session }) => core.alerts.list(requireSession(session), input),
    'alerts.acknowledge': ({ id, note }, { session }) => core.alerts.acknowledge(requireSession(session), id, note),
    'alerts.count': () => core.alerts.count(),
    'monitoring.rules': () => core.alerts.rules(),
    'monitoring.setRule': (input, { session }) => core.alerts.setRule(requireSession(session), input),
    'monitoring.setBusinessHours': (input, { session }) => core.alerts.setBusinessHours(requireSession(session), input),
    'session.stepUp': ({ password, code }, { session }) => core.alerts.stepUp(requireSession(session), password, code),
  };
}
