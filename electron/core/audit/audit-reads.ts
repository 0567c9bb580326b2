import { CofferError } from '../../../shared/errors';
import { auditActor, type Session } from '../auth/session-service';
import type { Db } from '../db/open-database';
import { findUserByUsername } from '../users/user-repository';
import { appendAudit, customersSeen } from './audit-log';

/**
 * Reading the user list is an access like any other: it leaves its own row, in the same
 * transaction as the read, before it answers. (The log itself is read in audit-page.ts.)
 */
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
