import type { DashboardService } from '../../core/dashboard/dashboard-service';
import type { ReminderService } from '../../core/reminders/reminder-service';
import type { CustomerFieldsSettings } from '../../core/settings/customer-fields-service';
import { requireSession, type Handler } from '../router';

export function crmHandlers(
  reminders: ReminderService,
  dashboard: DashboardService,
  customerFields: CustomerFieldsSettings,
): {
  'reminders.list': Handler<'reminders.list'>;
  'reminders.add': Handler<'reminders.add'>;
  'reminders.done': Handler<'reminders.done'>;
  'reminders.snooze': Handler<'reminders.snooze'>;
  'dashboard.summary': Handler<'dashboard.summary'>;
  'settings.customerFields': Handler<'settings.customerFields'>;
} {
  return {
    'reminders.list': (input, { session }) => reminders.list(requireSession(session), input),
    'reminders.add': (input, { session }) => ({ id: reminders.add(requireSession(session), input) }),
    'reminders.done': ({ id }, { session }) => {
      reminders.done(requireSession(session), id);
      return { done: true as const };
    },
    'reminders.snooze': ({ id, until }, { session }) => {
      reminders.snooze(requireSession(session), id, until);
      return { snoozed: true as const };
    },
    'dashboard.summary': ({ mine }, { session }) => dashboard.summary(requireSession(session), mine),
    'settings.customerFields': () => ({ optionalFields: customerFields.get() }),
    // settings.setCustomerFields is in privacy-settings.ts: its erase goes through the approval gate.
  };
}
