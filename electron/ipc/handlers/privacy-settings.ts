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
} {
  return {
    'privacy.settings': () => core.privacySettings.read(),
    'privacy.setSettings': (input, { session }) => core.privacySettings.set(requireSession(session), input),
    'privacy.disclosures': ({ beforeId, limit }) => core.disclosures.list(beforeId, limit),
    'settings.fields': () => core.customerFields.states(),
    'settings.fieldStoredCount': ({ field }) => ({ field, count: core.customerFields.storedCount(field) }),
    'settings.setField': ({ field, enabled, erase }, { session }) => core.customerFields.setField(requireSession(session), field, enabled, erase),
    'settings.setNotesForSupport': ({ allowed }, { session }) => core.customerFields.setNotesForSupport(requireSession(session), allowed),
  };
}
