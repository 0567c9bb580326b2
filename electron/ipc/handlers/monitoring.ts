import { CofferError } from '../../../shared/errors';
import type { Core } from '../../core';
import type { Handler } from '../router';

// Contract first (so alerts-ui can build on it); the core service lands in the next commit.
const notYet = (): never => {
  throw new CofferError('INTERNAL', 'Monitoring is not built yet.');
};

/** The alert inbox, the monitoring rules and the password step-up. */
export function monitoringHandlers(_core: Core): {
  'alerts.list': Handler<'alerts.list'>;
  'alerts.acknowledge': Handler<'alerts.acknowledge'>;
  'alerts.count': Handler<'alerts.count'>;
  'monitoring.rules': Handler<'monitoring.rules'>;
  'monitoring.setRule': Handler<'monitoring.setRule'>;
  'monitoring.setBusinessHours': Handler<'monitoring.setBusinessHours'>;
  'session.stepUp': Handler<'session.stepUp'>;
} {
  return {
    'alerts.list': notYet,
    'alerts.acknowledge': notYet,
    'alerts.count': notYet,
    'monitoring.rules': notYet,
    'monitoring.setRule': notYet,
    'monitoring.setBusinessHours': notYet,
    'session.stepUp': notYet,
  };
}
