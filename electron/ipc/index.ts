import type { Permission } from '../../shared/permissions';
import type { Core } from '../core';
import type { Session } from '../core/auth/session-service';
import { createAuthorizer } from './authorize';
import { appHandlers } from './handlers/app';
import { vaultHandlers } from './handlers/vault';
import { createRouter, type HandlerMap, type Router } from './router';

// Until the policy table lands, only the owner holds permissions (fails closed for every other role).
const ownerOnly = (role: Session['role'], _permission: Permission): boolean => role === 'owner';

/** The full handler map: one spread per feature, checked against the contract by its type. */
export function createAppRouter(core: Core, logInternal?: (line: string) => void): Router {
  const handlers: HandlerMap = {
    ...appHandlers(core),
    ...vaultHandlers(core),
  };
  return createRouter({ handlers, authorize: createAuthorizer(core, ownerOnly), ...(logInternal ? { logInternal } : {}) });
}
