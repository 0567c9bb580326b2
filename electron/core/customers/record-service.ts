import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import type { CustomerView } from '../../../shared/customers';
import { CofferError } from '../../../shared/errors';
import { grantFor, grantReaches } from '../../../shared/permissions';
import type { RecordFacts } from '../../../shared/channels/record';
import { auditActor, type Session } from '../auth/session-service';
import type { Db } from '../db/open-database';
import { fieldGate, gateAllows, withoutDisabledFields } from '../settings/customer-fields';
import { findCustomersByIds, tagsOf, type CustomerRow } from './customer-repository';
import { findCustomerInScope, seesDormant, type AuditFn, type RevealGuard } from './customer-service';
import { toCustomerView, type FieldPolicy } from './customer-view';
import { customerIdsByPhoneKey, customerIdsByWechat, nextReminderAt, ownerDisplayName, purchaseTotals } from './record-repository';
import { recordingProbes } from './scope-probe';

export interface RecordServiceDeps {
  db: () => Db;
  policy: FieldPolicy;
  audit: AuditFn;
  /** The reveal limiter itself: a lookup names the person behind a number, so it counts as one. */
  revealGuard: RevealGuard;
  now?: () => number;
}

/** At most this many customers share one number (a family, a shop's front desk). */
const LOOKUP_LIMIT = 20;

/**
 * The full number in E.164, or null for anything that is not a complete, valid number: a
 * fragment such as 0013 8000 or 138001 must find nothing, or lookups would leak digits one
 * guess at a time. NFKC folds full-width digits; 0086 and +86 are CN's international forms.
 */
export function fullPhoneNumber(text: string): string | null {
  const folded = text.normalize('NFKC').trim();
  if (!/^[+\d\s().-]+$/.test(folded)) return null;
  const parsed = parsePhoneNumberFromString(folded, 'CN');
  if (!parsed?.isValid()) return null;
  // libphonenumber accepts 7 or 8 digits as a Chinese landline without its area code (1391234):
  // a whole Chinese number has 10 or 11 digits after +86 (mobile, or area code and landline).
  if (parsed.countryCallingCode === '86' && parsed.nationalNumber.length < 10) return null;
  // A mobile is exactly 11 digits: 138001380001 is a mistyped one, not an 11-digit number plus one.
  if (parsed.countryCallingCode === '86' && /^1[3-9]/.test(parsed.nationalNumber) && parsed.nationalNumber.length !== 11) return null;
  return parsed.number;
}

/** WeChat's own rule for an ID (6 to 20 letters, digits, _ or -, starting with a letter); old IDs may be QQ or phone numbers. */
const WECHAT_ID = /^[A-Za-z][-_A-Za-z0-9]{5,19}$/;

/** The record page's header and the "who is calling" lookup, with the same scope, masking and audit as customers.get. */
export function createRecordService(deps: RecordServiceDeps) {
  const now = () => new Date((deps.now ?? Date.now)());

  function views(db: Db, session: Session, rows: CustomerRow[]): CustomerView[] {
    const tags = tagsOf(db, rows.map((r) => r.id));
    const gate = fieldGate(db);
    return rows.map((row) => toCustomerView(withoutDisabledFields(row, gate, session.role), tags.get(row.id) ?? [], session.role, session.userId, deps.policy));
  }

  function factsOf(db: Db, session: Session, row: CustomerRow): RecordFacts {
    const reaches = (permission: 'purchases.read' | 'reminders.read') => grantReaches(grantFor(session.role, permission), row.ownerId, session.userId);
    const reminderGrant = grantFor(session.role, 'reminders.read');
    return {
      ownerDisplayName: ownerDisplayName(db, row.ownerId) ?? row.ownerUsername,
      purchases: reaches('purchases.read') ? purchaseTotals(db, row.id) : null,
      lastContactAt: row.lastInteractionAt,
      nextReminderAt: reaches('reminders.read') ? nextReminderAt(db, row.id, reminderGrant === 'own' ? session.userId : undefined) : null,
    };
  }

  return {
    /** One audited read for the whole header: the customer (masked for the role) and its key facts. */
    record(session: Session, id: number): { customer: CustomerView; facts: RecordFacts } {
      const db = deps.db();
      return recordingProbes(db, deps.audit, session, now, db.transaction(() => {
        const row = findCustomerInScope(db, session, grantFor(session.role, 'customers.read'), id);
        deps.audit(db, { actor: auditActor(session), action: 'customer.read', entity: 'customer', recordId: String(id), outcome: 'ok' }, now());
        return { customer: views(db, session, [row])[0]!, facts: factsOf(db, session, row) };
      }));
    },

    /**
     * A full phone number or an exact WeChat ID -> the customers holding it, masked as always.
     * Every lookup is audited (the query itself is not: it is a phone number) and takes one from
     * monitoring's reveals.many rule; over it, an alert is raised and nothing is looked up.
     */
    lookup(session: Session, query: string): { match: 'phone' | 'wechat' | 'none'; items: CustomerView[] } {
      const db = deps.db();
      const scope = grantFor(session.role, 'customers.read');
      if (scope !== 'all' && scope !== 'own') throw new CofferError('FORBIDDEN', 'Your role does not allow this.');
      const owner = scope === 'own' ? session.userId : undefined;
      const outcome = db.transaction((): { match: 'phone' | 'wechat' | 'none'; items: CustomerView[] } | { error: CofferError } => {
        const base = { actor: auditActor(session), entity: 'customer' };
        const refused = deps.revealGuard(db, session, now());
        if (refused) {
          deps.audit(db, { ...base, action: 'customer.lookup', outcome: 'denied', reason: refused.code === 'STEP_UP_REQUIRED' ? 'step-up required' : 'account suspended' }, now());
          return { error: refused };
        }
        // A switched-off field finds nobody: naming the person behind it would use what the shop chose not to keep.
        const gate = fieldGate(db);
        const phone = gateAllows(gate, session.role, 'mobile') && gateAllows(gate, session.role, 'phone') ? fullPhoneNumber(query) : null;
        const wechat = phone === null && gateAllows(gate, session.role, 'wechat') && WECHAT_ID.test(query.trim()) ? query.trim() : null;
        const ids = phone ? customerIdsByPhoneKey(db, phone, owner, LOOKUP_LIMIT) : wechat ? customerIdsByWechat(db, wechat, owner, LOOKUP_LIMIT) : [];
        // A dormant customer is not found by sales and support (issue 17), as in their search.
        const rows = findCustomersByIds(db, ids, owner).filter((r) => r.dormantAt === null || seesDormant(session.role));
        const match = phone ? 'phone' : wechat ? 'wechat' : 'none';
        deps.audit(db, { ...base, action: 'customer.lookup', outcome: 'ok', fields: match === 'none' ? [] : [match], customerIds: rows.map((r) => r.id) }, now());
        return { match, items: views(db, session, rows) };
      })();
      if ('error' in outcome) throw outcome.error;
      return outcome;
    },
  };
}

export type RecordService = ReturnType<typeof createRecordService>;
