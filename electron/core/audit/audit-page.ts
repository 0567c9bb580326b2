import { AUDIT_GROUPS, AUDIT_READ_ACTIONS, type AuditGroup } from '../../../shared/audit-groups';
import { grantFor, grantReaches } from '../../../shared/permissions';
import { auditActor, type Session } from '../auth/session-service';
import type { Db } from '../db/open-database';
import { appendAudit, queryAudit, type AuditRecord } from './audit-log';
import { auditPeople, customerNamesOf, displayNamesOf } from './audit-names-repository';

/** What the audit page asks for: the stored filters plus the page's lists. */
export interface AuditPageQuery {
  username?: string | undefined;
  action?: string | undefined;
  group?: AuditGroup | undefined;
  recordId?: string | undefined;
  customerId?: number | undefined;
  hideReads?: boolean | undefined;
  from?: string | undefined;
  to?: string | undefined;
  beforeId?: number | undefined;
  limit: number;
}

/** A log row with names: who acted, and the customer or user it was about, where the reader may know them. */
export type NamedAuditRecord = AuditRecord & {
  userName: string | null;
  customerId: number | null;
  /** Null when the reader's role may not read this customer (the page then says "customer #id"). */
  customerName: string | null;
  targetUserName: string | null;
};

const NUMERIC_ID = /^[1-9][0-9]*$/;
const idOf = (row: AuditRecord, entity: string) => (row.entity === entity && row.recordId !== null && NUMERIC_ID.test(row.recordId) ? Number(row.recordId) : null);

/**
 * One page of the log for the audit page, names resolved here in main. A customer's name is
 * only given to a reader whose role may read that customer (an auditor reads the log, not the
 * customers); otherwise only its number crosses the bridge. The customers whose names were
 * shown are recorded on the audit.read row, as any list read records what it showed.
 */
export function readAuditPage(db: Db, session: Session, query: AuditPageQuery, at: Date): NamedAuditRecord[] {
  return db.transaction(() => {
    const rows = queryAudit(db, {
      username: query.username,
      action: query.action,
      actions: query.group ? AUDIT_GROUPS[query.group] : undefined,
      excludeActions: query.hideReads ? AUDIT_READ_ACTIONS : undefined,
      ...(query.customerId !== undefined ? { entity: 'customer', recordId: String(query.customerId) } : { recordId: query.recordId }),
      from: query.from,
      to: query.to,
      beforeId: query.beforeId,
      limit: query.limit,
    });
    const users = displayNamesOf(db, [
      ...rows.flatMap((r) => (r.userId === null ? [] : [r.userId])),
      ...rows.flatMap((r) => idOf(r, 'user') ?? []),
    ]);
    const grant = grantFor(session.role, 'customers.read');
    const readable = new Map(
      customerNamesOf(db, rows.flatMap((r) => idOf(r, 'customer') ?? []))
        .filter((c) => grantReaches(grant, c.ownerId, session.userId))
        .map((c) => [c.id, c.name]),
    );
    const named = rows.map((row): NamedAuditRecord => {
      const customerId = idOf(row, 'customer');
      const targetId = idOf(row, 'user');
      return {
        ...row,
        userName: row.userId === null ? null : (users.get(row.userId) ?? null),
        customerId,
        customerName: customerId === null ? null : (readable.get(customerId) ?? null),
        targetUserName: targetId === null ? null : (users.get(targetId) ?? null),
      };
    });
    // Only the names of the filters used are kept, not what was typed or picked: a name must not land in the log.
    const used = (['username', 'action', 'group', 'recordId', 'customerId', 'hideReads', 'from', 'to', 'beforeId'] as const).filter((k) => query[k] !== undefined && query[k] !== false);
    appendAudit(db, { actor: auditActor(session), action: 'audit.read', entity: 'audit', outcome: 'ok', fields: used, customerIds: [...readable.keys()] }, at);
    return named;
  })();
}

/** The people the user filter offers, by display name; reading the list is audited like users.list. */
export function auditPeopleAudited(db: Db, session: Session, at: Date): { username: string; displayName: string }[] {
  return db.transaction(() => {
    const people = auditPeople(db);
    appendAudit(db, { actor: auditActor(session), action: 'user.list', entity: 'user', outcome: 'ok', fields: ['auditFilter'] }, at);
    return people;
  })();
}
