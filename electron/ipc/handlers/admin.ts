import type { Core } from '../../core';
import { auditPeopleAudited } from '../../core/audit/audit-page';
import { requireSession, type Handler } from '../router';

/** The audit page's lists (the log itself is audit.query in users.ts). */
export function adminHandlers(core: Core): { 'audit.people': Handler<'audit.people'> } {
  return {
    'audit.people': (_input, { session }) => auditPeopleAudited(core.vault.db(), requireSession(session), new Date()),
  };
}
