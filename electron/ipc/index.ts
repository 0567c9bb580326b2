import { can } from '../../shared/permissions';
import type { Core } from '../core';
import { appendAudit } from '../core/audit/audit-log';
import { auditActor } from '../core/auth/session-service';
import { createAuthorizer } from './authorize';
import { accessPackageHandlers } from './handlers/access-package';
import { accessReviewHandlers } from './handlers/access-review';
import { accountHandlers } from './handlers/account';
import { privacyRequestHandlers } from './handlers/privacy-requests';
import { activityHandlers } from './handlers/activity';
import { adminHandlers } from './handlers/admin';
import { appHandlers } from './handlers/app';
import { approvalHandlers } from './handlers/approvals';
import { backupHandlers } from './handlers/backup';
import { consentHandlers } from './handlers/consent';
import { crmHandlers } from './handlers/crm';
import { customerHandlers } from './handlers/customers';
import { duplicateHandlers } from './handlers/duplicates';
import { erasureHandlers } from './handlers/erasure';
import { retentionHandlers } from './handlers/retention';
import { breachHandlers } from './handlers/breach';
import { exportHandlers } from './handlers/export';
import { importHandlers } from './handlers/import';
import { listHandlers } from './handlers/list';
import { mergeHandlers } from './handlers/merge';
import { monitoringHandlers } from './handlers/monitoring';
import { privacySettingsHandlers } from './handlers/privacy-settings';
import { ownershipHandlers } from './handlers/ownership';
import { qualityHandlers } from './handlers/quality';
import { recordHandlers } from './handlers/record';
import { settingsProfileHandlers } from './handlers/settings-profile';
import { shieldHandlers } from './handlers/shield';
import { userHandlers } from './handlers/users';
import { vaultHandlers } from './handlers/vault';
import { createRouter, type HandlerMap, type Router } from './router';

/** The full handler map: one spread per feature, checked against the contract by its type. */
export function createAppRouter(core: Core, logInternal?: (line: string) => void): Router {
  const handlers: HandlerMap = {
    ...appHandlers(core),
    ...vaultHandlers(core),
    ...customerHandlers(core.customers, core.timeline, core.recycleBin),
    ...exportHandlers(core.customerExport, core.approvals),
    ...importHandlers(core.imports),
    ...crmHandlers(core.reminders, core.dashboard, core.customerFields),
    ...backupHandlers(core.backups, core.sessions, core.approvals),
    ...userHandlers(core),
    ...ownershipHandlers(core),
    ...accountHandlers(core.users),
    ...duplicateHandlers(core),
    ...mergeHandlers(core.merges),
    ...qualityHandlers(core),
    ...adminHandlers(core),
    ...listHandlers(core.customerList, core.approvals),
    ...recordHandlers(core),
    ...activityHandlers(core.activity, core.reminders),
    ...settingsProfileHandlers(core),
    ...monitoringHandlers(core),
    ...shieldHandlers(core),
    ...approvalHandlers(core),
    ...accessReviewHandlers(core),
    ...privacySettingsHandlers(core),
    ...privacyRequestHandlers(core),
    ...accessPackageHandlers(core),
    ...consentHandlers(core),
    ...erasureHandlers(core),
    ...retentionHandlers(core),
    ...breachHandlers(core),
  };
  return createRouter({
    handlers,
    authorize: createAuthorizer(core, can),
    onRefused: (caller, channel, code) => {
      // Before the vault is open there is nowhere to write; nothing was changed either.
      if (core.vault.state() !== 'unlocked') return;
      const session = core.sessions.current(caller.senderId);
      appendAudit(
        core.vault.db(),
        {
          actor: session ? auditActor(session) : null,
          action: 'ipc.rejected',
          outcome: code === 'FORBIDDEN' ? 'denied' : 'rejected',
          reason: channel ? `${code} ${channel}` : code,
        },
        new Date(),
      );
    },
    ...(logInternal ? { logInternal } : {}),
  });
}
