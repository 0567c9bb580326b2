import type { ActivityService } from '../../core/activity/activity-service';
import type { ReminderService } from '../../core/reminders/reminder-service';
import { requireSession, type Handler } from '../router';

export function activityHandlers(activity: ActivityService, reminders: ReminderService): {
  'interactions.update': Handler<'interactions.update'>;
  'interactions.delete': Handler<'interactions.delete'>;
  'purchases.update': Handler<'purchases.update'>;
  'purchases.delete': Handler<'purchases.delete'>;
  'reminders.counts': Handler<'reminders.counts'>;
} {
  return {
    'interactions.update': ({ id, ...values }, { session }) => {
      activity.updateInteraction(requireSession(session), id, values);
      return { updated: true as const };
    },
    'interactions.delete': ({ id }, { session }) => {
      activity.deleteInteraction(requireSession(session), id);
      return { deleted: true as const };
    },
    'purchases.update': ({ id, ...values }, { session }) => {
      activity.updatePurchase(requireSession(session), id, values);
      return { updated: true as const };
    },
    'purchases.delete': ({ id }, { session }) => {
      activity.deletePurchase(requireSession(session), id);
      return { deleted: true as const };
    },
    'reminders.counts': ({ mine }, { session }) => reminders.counts(requireSession(session), mine),
  };
}
