import { CofferError } from '../../../shared/errors';
import type { NewConsent } from '../../../shared/ledger';
import { recordNewConsent } from '../privacy/consent-after-erasure';
import { checkErasedPerson } from '../privacy/ledger-gate';
import { grantFor, grantReaches, type Grant } from '../../../shared/permissions';
import { SENSITIVE_CUSTOMER_FIELDS, type CustomerFilters, type CustomerInput, type CustomerSort, type CustomerView, type SensitiveCustomerField } from '../../../shared/customers';
import type { AuditEntry } from '../audit/audit-log';
import { auditActor, type Session } from '../auth/session-service';
import type { Db } from '../db/open-database';
import { fieldGate, gateAllows, isFieldOn, refuseDisabledFields, refuseDisabledFilters, withoutDisabledFields } from '../settings/customer-fields';
import {
  CUSTOMER_FIELDS,
  addTags,
  countCustomers,
  customerWhere,
  findCustomer,
  findCustomersByIds,
  insertCustomer,
  listCustomers,
  removeTags,
  replaceTags,
  softDeleteCustomer,
  sortValueOf,
  tagCounts,
  tagsOf,
  touchCustomer,
  updateCustomerFields,
  type CustomerColumnField,
  type CustomerRow,
  type CustomerWhere,
} from './customer-repository';
import { toCustomerView, type FieldPolicy } from './customer-view';
import { OutOfScopeError, recordingProbes } from './scope-probe';
import { searchWechatIds } from './record-repository';
import { searchCustomerIds, type SearchColumn } from './search-index';
import { DAY_MS } from '../platform/time';
import { linkCorrection } from '../privacy/request-actions';

export interface CustomerServiceDeps {
  db: () => Db;
  policy: FieldPolicy;
  /** 'all' or 'own' row scope for reading and for writing, per role. */
  scope: (session: Session, action: 'read' | 'write') => 'all' | 'own' | 'none';
  audit: AuditFn;
  /** Monitoring's reveals.many rule (and a pending step-up): the error to refuse a reveal with, or null. */
  revealGuard: RevealGuard;
  now?: () => number;
}

/**
 * The customer if the grant reaches it, for every customer-scoped call (records, timeline).
 * Out of scope answers NOT_FOUND, exactly like a missing record: no confirmation it exists
 * (OutOfScopeError is a NOT_FOUND; services record the attempt with recordingProbes).
 * A dormant customer is out of scope for a role without retention.read (issue 17): hidden from
 * its lists, so not reachable by id either (an old link, a guessed id).
 */
export function findCustomerInScope(db: Db, who: { userId: number; role: string }, grant: Grant, id: number): CustomerRow {
  const row = findCustomer(db, id);
  if (!row) throw new CofferError('NOT_FOUND', 'That customer does not exist.');
  if (!grantReaches(grant, row.ownerId, who.userId) || (row.dormantAt !== null && !seesDormant(who.role))) throw new OutOfScopeError(id);
  return row;
}

/** Owner and manager (retention.read) see dormant customers; sales and support do not. */
export function seesDormant(role: string): boolean {
  return grantFor(role, 'retention.read') !== 'none';
}

export interface ListInput {
  filters?: CustomerFilters | undefined;
  sort: CustomerSort;
  dir: 'asc' | 'desc';
  after?: { value: string; id: number } | undefined;
  offset?: number | undefined;
  limit: number;
}

/** Row scope plus the person's filters; the list, the search and the export share it. */
export function scopedCustomerWhere(scope: 'all' | 'own' | 'none', userId: number, filters: CustomerFilters | undefined, at: Date, role?: string): CustomerWhere {
  if (scope === 'none') throw new CofferError('FORBIDDEN', 'Your role does not allow this.');
  const dormant = filters?.dormantDays;
  return {
    ...(scope === 'own' ? { ownerId: userId } : {}),
    level: filters?.level,
    tag: filters?.tag,
    ownerUsername: filters?.owner,
    region: filters?.region,
    quietSince: dormant === undefined ? undefined : new Date(at.getTime() - dormant * DAY_MS).toISOString(),
    // Issue 17: dormant customers are out of sales' and support's lists, searches and exports.
    hideDormant: role !== undefined && !seesDormant(role),
    retentionBatch: filters?.retentionBatch,
  };
}

/** Writes one audit row inside the caller's transaction. */
export type AuditFn = (db: Db, entry: AuditEntry, at: Date) => unknown;
/** Asked before a value is shown in full (a reveal, a phone lookup): the error to refuse with, or null. */
export type RevealGuard = (db: Db, session: Session, at: Date) => CofferError | null;

/**
 * Customer records with row scope, field policy and audit. Every read and change writes its
 * audit row in the same transaction, so there is never a change without its record (or the
 * other way round).
 */
export function createCustomerService(deps: CustomerServiceDeps) {
  const now = () => new Date((deps.now ?? Date.now)());

  function scoped(db: Db, session: Session, id: number, action: 'read' | 'write'): CustomerRow {
    return findCustomerInScope(db, session, deps.scope(session, action), id);
  }

  /** A transaction that reaches single customers: an out-of-scope attempt is recorded after it rolls back. */
  function scopedTransaction<T>(db: Db, session: Session, body: () => T): T {
    return recordingProbes(db, deps.audit, session, now, db.transaction(body));
  }

  function views(db: Db, session: Session, rows: CustomerRow[]): CustomerView[] {
    const tags = tagsOf(db, rows.map((r) => r.id));
    const gate = fieldGate(db);
    return rows.map((row) => toCustomerView(withoutDisabledFields(row, gate, session.role), tags.get(row.id) ?? [], session.role, session.userId, deps.policy));
  }

  const view = (db: Db, session: Session, row: CustomerRow): CustomerView => views(db, session, [row])[0]!;

  /** Row scope plus the filters the person chose, for the list, its count and the search. */
  function whereFor(session: Session, filters: CustomerFilters | undefined): CustomerWhere {
    refuseDisabledFilters(deps.db(), filters);
    return scopedCustomerWhere(deps.scope(session, 'read'), session.userId, filters, now(), session.role);
  }

  /**
   * Write-only for a field the role sees masked (a salesperson adding or replacing the phone of
   * their own customer): a new value may go in without the old one ever coming out. Returns false
   * when nothing should change (the masked form sent back unchanged). Clearing a value the person
   * cannot see, or touching a field hidden from them, stays refused.
   */
  function writeOnly(session: Session, field: SensitiveCustomerField, stored: string | null, next: string | null): boolean {
    const visibility = deps.policy.visibility(session.role, field);
    if (visibility !== 'masked' || (next === null && stored !== null)) {
      throw new CofferError('FORBIDDEN', 'Your role cannot change this field.', { [field]: 'forbidden' });
    }
    if (next === null) return false;
    return stored === null || next !== deps.policy.mask(field, stored);
  }

  return {
    list(session: Session, input: ListInput): { items: CustomerView[]; next: { value: string; id: number } | null; total: number | null } {
      const db = deps.db();
      const where = whereFor(session, input.filters);
      return db.transaction(() => {
        const rows = listCustomers(db, { ...where, sort: input.sort, descending: input.dir === 'desc', after: input.after, offset: input.offset, limit: input.limit + 1 });
        const page = rows.slice(0, input.limit);
        deps.audit(db, { actor: auditActor(session), action: 'customer.list', entity: 'customer', outcome: 'ok', customerIds: page.map((r) => r.id) }, now());
        const last = page[page.length - 1];
        return {
          items: views(db, session, page),
          next: rows.length > input.limit && last ? { value: sortValueOf(last, input.sort), id: last.id } : null,
          // Counted on the first page and on pages by position (each may be the first one shown);
          // later keyset pages keep the figure the table already shows.
          total: input.after ? null : countCustomers(db, where),
        };
      })();
    },

    /** Search by name, company, notes, and by e-mail or phone only where the role sees them in full. */
    search(session: Session, query: string, filters: CustomerFilters | undefined, limit: number): CustomerView[] {
      const db = deps.db();
      const where = customerWhere(whereFor(session, filters));
      // A switched-off field (and notes withheld from support) is not searchable either: a match would leak it.
      const gate = fieldGate(db);
      const allowed = (field: string) => gateAllows(gate, session.role, field);
      const columns: SearchColumn[] = (['name', 'company', 'notes'] as const).filter(allowed);
      if (deps.policy.visibility(session.role, 'email') === 'full' && allowed('email')) columns.push('email');
      if (deps.policy.visibility(session.role, 'mobile') === 'full' && deps.policy.visibility(session.role, 'phone') === 'full' && allowed('mobile') && allowed('phone')) columns.push('phone');
      return db.transaction(() => {
        const ids = searchCustomerIds(db, query, columns, limit, where);
        // A WeChat ID is matched whole, and only by roles that see it in full (like phone above).
        if (deps.policy.visibility(session.role, 'wechat') === 'full' && allowed('wechat') && /^[-_A-Za-z0-9]{3,40}$/.test(query.trim())) {
          ids.unshift(...searchWechatIds(db, query.trim(), where, limit).filter((id) => !ids.includes(id)));
          ids.splice(limit);
        }
        const rows = findCustomersByIds(db, ids);
        // The query text is not logged: it may itself be a phone number or a name.
        deps.audit(db, { actor: auditActor(session), action: 'customer.search', entity: 'customer', outcome: 'ok', customerIds: rows.map((r) => r.id) }, now());
        return views(db, session, rows);
      })();
    },

    /** Tags in use within this user's scope, for the filter menu. */
    tags(session: Session): { tag: string; count: number }[] {
      const where = whereFor(session, undefined);
      return tagCounts(deps.db(), { ownerId: where.ownerId, hideDormant: where.hideDormant === true });
    },

    /** Adds and removes tags on many customers at once: all in scope, or nothing changes. */
    tag(session: Session, ids: readonly number[], add: readonly string[], remove: readonly string[]): number {
      const db = deps.db();
      return scopedTransaction(db, session, () => {
        let changed = 0;
        for (const id of new Set(ids)) {
          scoped(db, session, id, 'write');
          const count = addTags(db, id, add) + removeTags(db, id, remove);
          if (count === 0) continue;
          changed += 1;
          touchCustomer(db, id, now().toISOString());
          deps.audit(db, { actor: auditActor(session), action: 'customer.tag', entity: 'customer', recordId: String(id), outcome: 'ok', fields: ['tags'] }, now());
        }
        return changed;
      });
    },

    get(session: Session, id: number): CustomerView {
      const db = deps.db();
      return scopedTransaction(db, session, () => {
        const row = scoped(db, session, id, 'read');
        deps.audit(db, { actor: auditActor(session), action: 'customer.read', entity: 'customer', recordId: String(id), outcome: 'ok' }, now());
        return view(db, session, row);
      });
    },

    create(session: Session, input: CustomerInput & { newConsent?: NewConsent | undefined }): CustomerView {
      const db = deps.db();
      if (deps.scope(session, 'write') === 'none') throw new CofferError('FORBIDDEN', 'Your role does not allow this.');
      return db.transaction(() => {
        refuseDisabledFields(db, input);
        // A person erased at their request comes back only with the owner's new consent (issue 16).
        const cameBack = checkErasedPerson(db, session, input, input.newConsent, deps.audit, now());
        const at = now().toISOString();
        const id = insertCustomer(db, session.userId, input, at);
        if (input.tags) replaceTags(db, id, input.tags);
        const fields = CUSTOMER_FIELDS.filter((f) => input[f] !== undefined && input[f] !== '');
        deps.audit(db, { actor: auditActor(session), action: 'customer.create', entity: 'customer', recordId: String(id), outcome: 'ok', fields }, now());
        // Same transaction as the create: the consent history says why this person is back.
        if (cameBack && input.newConsent) recordNewConsent(db, session, [id], input.newConsent, deps.audit, now());
        return view(db, session, findCustomer(db, id)!);
      })();
    },

    // requestId: the edit answers a correction request (issue 16); checked and recorded with the change.
    update(session: Session, id: number, input: { [K in keyof CustomerInput]?: CustomerInput[K] | undefined }, requestId?: number): CustomerView {
      const db = deps.db();
      return scopedTransaction(db, session, () => {
        const row = scoped(db, session, id, 'write');
        refuseDisabledFields(db, input);
        const changes: Partial<Record<CustomerColumnField, string | null>> = {};
        let blind = false;
        for (const field of CUSTOMER_FIELDS) {
          if (!(field in input) || input[field] === undefined) continue;
          const next = input[field] === '' ? null : ((input[field] as string | undefined) ?? null);
          if (isSensitive(field) && deps.policy.visibility(session.role, field) !== 'full') {
            if (!writeOnly(session, field, row[field], next)) continue;
            blind = true;
          }
          if (next !== row[field]) changes[field] = next;
        }
        updateCustomerFields(db, id, changes, now().toISOString());
        const fields = Object.keys(changes);
        if (input.tags) {
          replaceTags(db, id, input.tags);
          fields.push('tags');
        }
        // Field names only, as always; the fixed note tells a reader the person never saw the old value.
        const note = blind ? { reason: 'write-only: masked value replaced or added' } : {};
        if (requestId !== undefined) linkCorrection(db, session, requestId, id, fields, now());
        const linked = requestId !== undefined ? { reason: [note.reason, `request #${requestId}`].filter(Boolean).join('; ') } : {};
        deps.audit(db, { actor: auditActor(session), action: 'customer.update', entity: 'customer', recordId: String(id), outcome: 'ok', fields, ...note, ...linked }, now());
        return view(db, session, findCustomer(db, id)!);
      });
    },

    remove(session: Session, id: number): void {
      const db = deps.db();
      scopedTransaction(db, session, () => {
        scoped(db, session, id, 'write');
        softDeleteCustomer(db, id, now().toISOString());
        deps.audit(db, { actor: auditActor(session), action: 'customer.delete', entity: 'customer', recordId: String(id), outcome: 'ok' }, now());
      });
    },

    /** The audited "show full value": needs the permission, a reason, and stays under a rate limit. */
    reveal(session: Session, id: number, field: SensitiveCustomerField, reason: string): string {
      const db = deps.db();
      // A refusal is recorded too, so the audit row must commit even though the call fails:
      // the transaction returns the outcome and the error is thrown after it.
      const outcome = scopedTransaction(db, session, (): { value: string } | { error: CofferError } => {
        const row = scoped(db, session, id, 'read');
        const value = isFieldOn(db, field) ? row[field] : null;
        const base = { actor: auditActor(session), entity: 'customer', recordId: String(id), fields: [field] };
        if (!deps.policy.canReveal(session.role, field, row.ownerId === session.userId) || value === null) {
          deps.audit(db, { ...base, action: 'customer.reveal', outcome: 'denied' }, now());
          return { error: new CofferError('FORBIDDEN', 'Your role cannot see this field in full.') };
        }
        const refused = deps.revealGuard(db, session, now());
        if (refused) {
          deps.audit(db, { ...base, action: 'customer.reveal', outcome: 'denied', reason: refused.code === 'STEP_UP_REQUIRED' ? 'step-up required' : 'account suspended' }, now());
          return { error: refused };
        }
        deps.audit(db, { ...base, action: 'customer.reveal', outcome: 'ok', reason }, now());
        return { value };
      });
      if ('error' in outcome) throw outcome.error;
      return outcome.value;
    },
  };
}

export type CustomerService = ReturnType<typeof createCustomerService>;

function isSensitive(field: CustomerColumnField): field is SensitiveCustomerField {
  return (SENSITIVE_CUSTOMER_FIELDS as readonly string[]).includes(field);
}

