import type { Core } from '../../core';
import { requireSession, type Handler } from '../router';

export function privacySettingsHandlers(core: Core): {
  'privacy.settings': Handler<'privacy.settings'>;
  'privacy.setSettings': Handler<'privacy.setSettings'>;
  'privacy.disclosures': Handler<'privacy.disclosures'>;
  'settings.fields': Handler<'settings.fields'>;
  'settings.fieldStoredCount': Handler<'settings.fieldStoredCount'>;
  'settings.setField': Handler<'settings.setField'>;
  'settings.setNotesForSupport': Handler<'settings.setNotesForSupport'>;
  'settings.setCustomerFields': Handler<'settings.setCustomerFields'>;
} {
  return {
    'privacy.settings': () => core.privacySettings.read(),
    'privacy.setSettings': (input, { session }) => core.privacySettings.set(requireSession(session), input),
    'privacy.disclosures': ({ beforeId, limit }) => core.disclosures.list(beforeId, limit),
    'settings.fields': () => core.customerFields.states(),
    'settings.fieldStoredCount': ({ field }) => ({ field, count: core.customerFields.storedCount(field) }),
    'settings.setField': (input, { session }) => {
      const s = requireSession(session);
      // Approval first: erasing a field's values across all customers is gated like other bulk erasures.
      return core.customerFields.setField(s, input.field, input.enabled, input.erase, () => core.approvals.gate(s, 'settings.setField', input));
    },
    'settings.setCustomerFields': (input, { session }) => {
      const s = requireSession(session);
      return core.customerFields.set(s, input.optionalFields, input.eraseExisting, () => core.approvals.gate(s, 'settings.setCustomerFields', input));
    },
    'settings.setNotesForSupport': ({ allowed }, { session }) => core.customerFields.setNotesForSupport(requireSession(session), allowed),
  };
}
