import { CofferError } from '../../shared/errors';
import { PERMISSIONS, type Permission } from '../../shared/permissions';
import type { Core } from '../core';
import type { Session } from '../core/auth/session-service';
import type { Caller } from './router';

/**
 * The permissions that reach customer data, and so wait while a step-up is pending; and changes
 * to consent (record, withdraw; an import's bulk withdrawal is customers.import), which say what
 * the shop may do with a person's data.
 */
const STEP_UP_GATED = /^(customers|interactions|purchases)\.|^consent\.write$/;
/** Permissions that open customer data: the channels the shop's data rules stand in front of. */
const CUSTOMER_DATA: ReadonlySet<Permission> = new Set(
  PERMISSIONS.filter((p) => p.startsWith('customers.') || p.startsWith('interactions.') || p.startsWith('purchases.') || p.startsWith('reminders.')
    // Issue 16: consent histories and the no-basis worklist name customers too.
    || p.startsWith('consent.')),
);

/**
 * Session and permission check for every non-public channel. The session is looked up by the
 * sender main saw, so a page cannot borrow another window's login.
 */
export function createAuthorizer(core: Core, can: (role: Session['role'], permission: Permission) => boolean) {
  return (caller: Caller, permission: Permission): Session => {
    if (core.vault.state() !== 'unlocked') throw new CofferError('LOCKED', 'Coffer is locked. Unlock it to continue.');
    const session = core.sessions.current(caller.senderId);
    if (!session) throw new CofferError('UNAUTHENTICATED', 'Sign in to continue.');
    if (session.locked) throw new CofferError('LOCKED', 'Coffer is locked. Enter your password to continue.');
    if (session.mustEnroll2fa && permission !== 'account.self') {
      throw new CofferError('TWO_FACTOR_SETUP_REQUIRED', 'The owner requires two-step sign-in. Turn it on to continue.');
    }
    if (!can(session.role, permission)) throw new CofferError('FORBIDDEN', 'Your role does not allow this.');
    // A monitoring rule asked for the password again: customer data waits for session.stepUp.
    if (STEP_UP_GATED.test(permission)) core.monitor.assertNoStepUp(core.vault.db(), session.userId);
    // One cheap check (the current version is cached): customer data waits for the shop's data rules.
    if (CUSTOMER_DATA.has(permission) && core.dataRules.mustAccept(session)) {
      throw new CofferError('DATA_RULES_NOT_ACCEPTED', "Read and accept the shop's data rules to continue.");
    }
    core.sessions.touch(session);
    return session;
  };
}
