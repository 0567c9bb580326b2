import type { Core } from '../../core';
import { appendAudit } from '../../core/audit/audit-log';
import { auditActor } from '../../core/auth/session-service';
import { readProtectedRoles, saveProtectedRoles } from '../../core/settings/screen-protection';
import { requireSession, type Handler } from '../router';

type Channels = 'settings.screenProtection' | 'settings.setScreenProtection' | 'settings.chooseSecondBackupFolder' | 'backup.removeSecondFolder';

/** Screen protection and the second backup folder: thin, the rules are in core. */
export function shieldHandlers(core: Core): { [C in Channels]: Handler<C> } {
  return {
    'settings.screenProtection': () => ({ roles: readProtectedRoles(core.vault.db()) }),
    'settings.setScreenProtection': ({ roles }, { session }) => ({
      roles: saveProtectedRoles(core.vault.db(), roles, { actor: auditActor(requireSession(session)), audit: appendAudit, now: () => new Date() }),
    }),
    'settings.chooseSecondBackupFolder': async (_input, { session }) => ({ folder: await core.backups.chooseSecondFolder(requireSession(session), core.pickFolder) }),
    'backup.removeSecondFolder': (_input, { session }) => ({ removed: core.backups.removeSecondFolder(requireSession(session)) }),
  };
}
