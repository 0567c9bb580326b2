import type { Core } from '../../core';
import { appendAudit } from '../../core/audit/audit-log';
import { readAuditPage } from '../../core/audit/audit-page';
import { customersSeenAudited, listUsersAudited } from '../../core/audit/audit-reads';
import { verifyAuditAnchored } from '../../core/backup/anchored-verify';
import { auditActor, idleLimitMs, type Session } from '../../core/auth/session-service';
import { setMeta } from '../../core/db/meta-repository';
import { requireSession, type Handler } from '../router';

/** Users page, Lock now, and the audit page. */
export function userHandlers(core: Core): {
  'session.lock': Handler<'session.lock'>;
  'session.unlock': Handler<'session.unlock'>;
  'users.list': Handler<'users.list'>;
  'users.create': Handler<'users.create'>;
  'users.setRole': Handler<'users.setRole'>;
  'users.setStatus': Handler<'users.setStatus'>;
  'users.resetPassword': Handler<'users.resetPassword'>;
  'audit.query': Handler<'audit.query'>;
  'audit.customersSeen': Handler<'audit.customersSeen'>;
  'audit.verify': Handler<'audit.verify'>;
  'account.totp.begin': Handler<'account.totp.begin'>;
  'account.totp.confirm': Handler<'account.totp.confirm'>;
  'account.totp.disable': Handler<'account.totp.disable'>;
  'settings.setRequire2fa': Handler<'settings.setRequire2fa'>;
  'settings.auth': Handler<'settings.auth'>;
  'settings.setIdleMinutes': Handler<'settings.setIdleMinutes'>;
} {
  const actor = (session: Session | undefined) => auditActor(requireSession(session));
  return {
    'session.lock': (_input, { caller }) => ({ locked: core.sessions.lock(caller.senderId) }),
    'session.unlock': async ({ password }, { caller }) => ({ user: await core.sessions.unlock(caller.senderId, password) }),
    'users.list': (_input, { session }) => listUsersAudited(core.vault.db(), requireSession(session), () => core.users.list(), new Date()),
    'users.create': (input, { session }) => core.users.create(requireSession(session), input),
    'users.setRole': ({ username, role, ownerPassword }, { session }) => core.users.setRole(requireSession(session), username, role, ownerPassword),
    'users.setStatus': ({ username, status, ownerPassword }, { session }) => core.users.setStatus(requireSession(session), username, status, ownerPassword),
    'users.resetPassword': ({ username, newPassword, ownerPassword }, { session }) => core.users.resetPassword(requireSession(session), username, newPassword, ownerPassword),
    'audit.query': (filter, { session }) => readAuditPage(core.vault.db(), requireSession(session), filter, new Date()),
    'audit.customersSeen': (input, { session }) => customersSeenAudited(core.vault.db(), requireSession(session), input, new Date()),
    'account.totp.begin': (_input, { caller, session }) => core.secondFactor.begin(caller.senderId, actor(session)),
    'account.totp.confirm': ({ code }, { caller, session }) => {
      const result = core.secondFactor.confirm(caller.senderId, actor(session), code);
      requireSession(session).mustEnroll2fa = false;
      return result;
    },
    'account.totp.disable': ({ password }, { session }) => core.users.disableOwn2fa(requireSession(session), password),
    'settings.setRequire2fa': async ({ required, password }, { session }) => {
      await core.sessions.confirmPassword(requireSession(session), password);
      core.secondFactor.setRequired(core.vault.db(), actor(session), required);
      return { required };
    },
    'settings.auth': () => {
      const db = core.vault.db();
      return { require2fa: core.secondFactor.isRequired(db), idleMinutes: idleLimitMs(db) / 60_000 };
    },
    'settings.setIdleMinutes': ({ minutes }, { session }) => {
      const db = core.vault.db();
      db.transaction(() => {
        setMeta(db, 'auth.idleMinutes', String(minutes));
        appendAudit(db, { actor: actor(session), action: 'settings.change', outcome: 'ok', fields: ['idleMinutes'], reason: String(minutes) }, new Date());
      })();
      return { idleMinutes: minutes };
    },
    'audit.verify': async (_input, { session }) => {
      const verdict = await verifyAuditAnchored(core.vault);
      const reason = verdict.problem === 'anchor' ? `anchor ${verdict.backup}` : undefined;
      appendAudit(core.vault.db(), { actor: actor(session), action: 'audit.verify', outcome: verdict.ok ? 'ok' : 'failed', ...(reason ? { reason } : {}) }, new Date());
      return verdict;
    },
  };
}
