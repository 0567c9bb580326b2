import { CofferError } from '../../../shared/errors';
import { auditActor, type Session } from '../auth/session-service';
import type { Db } from '../db/open-database';
import { findUserByUsername } from '../users/user-repository';
import { appendAudit, customersSeen, queryAudit, type AuditRecord } from './audit-log';
import type { AuditFilter } from './audit-repository';

/**
 * Reading the log and the user list are accesses like any other: each leaves its own row, in
 * the same transaction as the read, before it answers. Only the names of the filters used are
 * kept, not what was typed into them (free text such as a name must not land in the log).
 */
export function readAuditAudited(db: Db, session: Session, filter: AuditFilter, at: Date): AuditRecord[] {
  return db.transaction(() => {
    const rows = queryAudit(db, filter);
    const used = (['username', 'action', 'recordId', 'from', 'to', 'beforeId'] as const).filter((k) => filter[k] !== undefined);
    appendAudit(db, { actor: auditActor(session), action: 'audit.read', entity: 'audit', outcome: 'ok', fields: used }, at);
    return rows;
  })();
}

export function listUsersAudited<T>(db: Db, session: Session, list: () => T, at: Date): T {
  return db.transaction(() => {
    const users = list();
    appendAudit(db, { actor: auditActor(session), action: 'user.list', entity: 'user', outcome: 'ok' }, at);
    return users;
  })();
}

/** "Which customers did this user see between two instants": ids from the log, the question itself audited. */
export function customersSeenAudited(db: Db, session: Session, input: { username: string; from: string; to: string }, at: Date): { userId: number; customerIds: number[] } {
  return db.transaction(() => {
    const user = findUserByUsername(db, input.username);
    if (!user) throw new CofferError('NOT_FOUND', 'There is no user with that name. Check the spelling, or pick one from the Users page.');
    if (Date.parse(input.from) > Date.parse(input.to)) throw new CofferError('INVALID_INPUT', 'The start of the period is after its end: swap the two dates.');
    const ids = customersSeen(db, user.id, input.from, input.to);
    appendAudit(db, { actor: auditActor(session), action: 'audit.read', entity: 'user', recordId: String(user.id), outcome: 'ok', fields: ['customersSeen'] }, at);
    return { userId: user.id, customerIds: ids };
  })();
}
