import type { ClassifiedField } from '../../../../shared/customer-fields';
import type { MessageKey } from '../../i18n';

/** The form's own word for each field (field.*), and Settings' for the level. */
export function fieldLabelKey(field: ClassifiedField | string): MessageKey {
  return (field === 'level' ? 'fields.level' : `field.${field}`) as MessageKey;
}

/** Every customer read, the form, the filters and the fields list change with a switch. */
export const FIELD_CHANGES = ['settings.fields', 'settings.customerFields', 'settings.fieldStoredCount', 'customers.', 'dashboard.', 'privacy.'] as const;
