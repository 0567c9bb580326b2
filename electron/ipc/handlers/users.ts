import { CofferError } from '../../../shared/errors';
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
  'audit.verifyProgress': Handler<'audit.verifyProgress'>;
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
    // Each gated change passes core's approval gate first; its ticket is used inside the change's transaction.
    'users.create': (input, { session }) => {
      const s = requireSession(session);
      return core.users.create(s, input, core.approvals.gate(s, 'users.create', input));
    },
    'users.setRole': (input, { session }) => {
      const s = requireSession(session);
      return core.users.setRole(s, input.username, input.role, input.ownerPassword, core.approvals.gate(s, 'users.setRole', input));
    },
    'users.setStatus': (input, { session }) => {
      const s = requireSession(session);
      return core.users.setStatus(s, input.username, input.status, input.ownerPassword, core.approvals.gate(s, 'users.setStatus', input));
    },
    'users.resetPassword': (input, { session }) => {
      const s = requireSession(session);
      return core.users.resetPassword(s, input.username, input.newPassword, input.ownerPassword, core.approvals.gate(s, 'users.resetPassword', input));
    },
    'audit.query': (filter, { session }) => readAuditPage(core.vault.db(), requireSession(session), filter, new Date()),
    'audit.customersSeen': (input, { session }) => customersSeenAudited(core.vault.db(), requireSession(session), input, new Date()),
    'account.totp.begin': (_input, { caller, session }) => core.secondFactor.begin(caller.senderId, actor(session)),
    'account.totp.confirm': ({ code }, { caller, session }) => {
      const result = core.secondFactor.confirm(caller.senderId, actor(session), code);
      requireSession(session).mustEnroll2fa = false;
      return result;
    },
    'account.totp.disable': (input, { session }) => {
      const s = requireSession(session);
      // Refuse before the approval gate: when the owner requires 2FA no approval could let this run,
      // so asking for one would only leave an approved request that then fails (merge of 025 + 2FA rule).
      if (core.secondFactor.isRequired(core.vault.db())) throw new CofferError('FORBIDDEN', 'The owner requires two-step sign-in for everyone.');
      return core.users.disableOwn2fa(s, input.password, core.approvals.gate(s, 'account.totp.disable', input));
    },
    'settings.setRequire2fa': async (input, { session }) => {
      const s = requireSession(session);
      const ticket = core.approvals.gate(s, 'settings.setRequire2fa', input);
      await core.sessions.confirmPassword(s, input.password);
      core.secondFactor.setRequired(core.vault.db(), actor(session), input.required, ticket);
      return { required: input.required };
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
    'audit.verify': async (input, { session }) => {
      const walked = await core.auditVerify.verify(input.scope ?? 'full');
      const verdict = await verifyAuditAnchored(core.vault, walked.verdict);
      const reason = verdict.problem === 'anchor' ? `anchor ${verdict.backup}` : undefined;
      appendAudit(core.vault.db(), { actor: actor(session), action: 'audit.verify', outcome: verdict.ok ? 'ok' : 'failed', ...(reason ? { reason } : {}) }, new Date());
      return { ...verdict, scope: walked.scope };
    },
    'audit.verifyProgress': () => core.auditVerify.progress(),
  };
}
