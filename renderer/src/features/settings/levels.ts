import { isBuiltInLevel } from '../../../../shared/customers';
import type { ManagedLists } from '../../../../shared/shop';
import { useT, type Translate } from '../../i18n';
import { useChannelQuery } from '../../query';

/**
 * Level names for every screen that shows or offers a level (form, filters, list column, record
 * header, merge): customers store a level's key; people read the owner's name for it, or, for a
 * built-in level the owner never renamed, the app's word in the user's language.
 */
export function levelName(t: Translate, lists: ManagedLists | undefined, level: string): string {
  const label = lists?.levels.find((l) => l.value === level)?.label;
  if (label) return label;
  // A key the list does not (yet) hold reads as itself rather than as a blank.
  return isBuiltInLevel(level) ? t(`level.${level}`) : level;
}

export interface LevelChoice {
  value: string;
  shown: string;
}

/** The owner's levels in the owner's order, a name for any key, and the level a new customer starts with. */
export function useLevels(): { levels: LevelChoice[]; name: (level: string) => string; defaultLevel: string } {
  const t = useT();
  const lists = useChannelQuery('settings.lists', {}).data;
  const levels = (lists?.levels ?? []).map((l) => ({ value: l.value, shown: levelName(t, lists, l.value) }));
  // The same rule as main (electron/core/settings/levels.ts defaultLevel).
  const defaultLevel = levels.some((l) => l.value === 'regular') || levels.length === 0 ? 'regular' : levels[0]!.value;
  return { levels, name: (level) => levelName(t, lists, level), defaultLevel };
}
