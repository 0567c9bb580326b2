import type { Core } from '../../core';
import { appendAudit } from '../../core/audit/audit-log';
import { createShopSettings } from '../../core/settings/shop-settings-service';
import { requireSession, type Handler } from '../router';

type Channels = 'settings.shopProfile' | 'settings.setShopProfile' | 'settings.lists' | 'settings.editList' | 'backup.progress';

export function settingsProfileHandlers(core: Core): { [C in Channels]: Handler<C> } {
  // Built here rather than in createCore: nothing else in main needs it, and one spread line
  // wires the whole feature.
  const shop = createShopSettings({ db: () => core.vault.db(), audit: appendAudit });
  return {
    'settings.shopProfile': () => shop.profile(),
    'settings.setShopProfile': (profile, { session }) => shop.setProfile(requireSession(session), profile),
    'settings.lists': () => shop.lists(),
    'settings.editList': (edit, { session }) => shop.editList(requireSession(session), edit),
    'backup.progress': () => core.backups.progress(),
  };
}
