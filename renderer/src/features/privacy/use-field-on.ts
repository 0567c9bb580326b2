import { OFF_BY_DEFAULT, type SwitchableField } from '../../../../shared/customer-fields';
import { useChannelQuery } from '../../query';

/**
 * Whether the vault keeps a customer field (Settings > Customer fields). Main refuses and hides a
 * switched-off field anyway; the page leaves it out of forms, columns, filters and pickers so
 * nobody is offered what would be refused. Until the answer arrives, the default state applies.
 */
export function useFieldOn(): (field: string) => boolean {
  const data = useChannelQuery('settings.fields', {}).data;
  return (field) => {
    if (!data) return !(OFF_BY_DEFAULT as readonly string[]).includes(field as SwitchableField);
    return data.fields.find((f) => f.field === field)?.enabled ?? true;
  };
}
