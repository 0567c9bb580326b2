import { approvalPolicySchema, DEFAULT_APPROVAL_POLICY, OWNER_ONLY_APPROVALS, type ApprovalOperation, type ApprovalPolicy, type ApprovalSummary } from '../../../shared/approvals';
import type { CustomerFilters } from '../../../shared/customers';
import type { MonitorRuleId } from '../../../shared/monitoring';
import { grantFor } from '../../../shared/permissions';
import type { Session } from '../auth/session-service';
import { countCustomers } from '../customers/customer-repository';
import { scopedCustomerWhere } from '../customers/customer-service';
import { getMeta } from '../db/meta-repository';
import type { Db } from '../db/open-database';
import { readRule } from '../monitoring/monitor-repository';
import { findUserByUsername } from '../users/user-repository';
import { countOtherApprovers } from './approval-repository';
import { countAffected } from '../breach/breach-repository';
import { pendingIds } from '../retention/retention-repository';
import { isSwitchableField, type SwitchableField } from '../../../shared/customer-fields';
import { OPTIONAL_CUSTOMER_FIELDS, storedValueIds } from '../settings/customer-fields';

export const POLICY_KEY = 'approvals.policy';

/** The owner's policy; a missing or unreadable value is the default (fail closed: approval on). */
export function readPolicy(db: Db): ApprovalPolicy {
  const raw = getMeta(db, POLICY_KEY);
  if (raw === undefined) return DEFAULT_APPROVAL_POLICY;
  try {
    const parsed = approvalPolicySchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : DEFAULT_APPROVAL_POLICY;
  } catch {
    return DEFAULT_APPROVAL_POLICY;
  }
}

/** What a call would do, and whether it needs a second person's yes before it may. */
export interface Assessment {
  needed: boolean;
  /** Customers touched (export, bulk delete): re-counted at run; a different count needs a new approval. */
  rows: number | null;
  /** What a lone owner types back to approve their own request (one-owner path). */
  confirm: string;
  summary: ApprovalSummary;
  /** Nobody else could decide: the one-owner path (confirmation, password, cooling-off). */
  noSecondPerson: boolean;
}

export const ownerOnly = (op: ApprovalOperation): boolean => OWNER_ONLY_APPROVALS.includes(op);

export function otherApproverExists(db: Db, requesterId: number, op: ApprovalOperation): boolean {
  return countOtherApprovers(db, requesterId, !ownerOnly(op)) > 0;
}

type Input = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function filterText(filters: CustomerFilters | undefined): string {
  const keys = Object.entries(filters ?? {}).filter(([, v]) => v !== undefined);
  return keys.length === 0 ? 'all' : keys.map(([k, v]) => `${k}: ${String(v)}`).join('; ');
}

function customerRows(db: Db, session: Session, filters: CustomerFilters | undefined, at: Date): number {
  const grant = grantFor(session.role, 'customers.read');
  return countCustomers(db, scopedCustomerWhere(grant === 'all' || grant === 'own' ? grant : 'none', session.userId, filters, at, session.role));
}

/**
 * The one place that says when an operation needs approval (brief of issue 15): the policy's
 * switch for it, and the call's own input (rows, target, new value). A manager's export always
 * needs it: the permission table grants managers export only with approval.
 */
export function assess(db: Db, session: Session, op: ApprovalOperation, input: Input, at: Date, policy = readPolicy(db)): Assessment {
  const on = policy.operations[op] !== false;
  let needed = false;
  let rows: number | null = null;
  let confirm: string = op;
  const summary: ApprovalSummary = {};
  switch (op) {
    case 'customers.export': {
      const filters = input.filters as CustomerFilters | undefined;
      rows = customerRows(db, session, filters, at);
      const everyone = filterText(filters) === 'all';
      needed = grantFor(session.role, 'customers.export') === 'approval' || (on && (everyone || rows > policy.exportRows));
      Object.assign(summary, { rows, filterText: filterText(filters), columns: input.columns as string[], format: str(input.format) });
      confirm = String(rows);
      break;
    }
    case 'customers.deleteMatching': {
      const filters = input.filters as CustomerFilters | undefined;
      rows = customerRows(db, session, filters, at);
      needed = on && Math.max(rows, Number(input.expectCount ?? 0)) > policy.deleteRows;
      Object.assign(summary, { rows, filterText: filterText(filters) });
      confirm = String(rows);
      break;
    }
    case 'users.create':
      needed = on && (input.role === 'owner' || input.role === 'manager');
      Object.assign(summary, { targetUsername: str(input.username), role: str(input.role) });
      confirm = str(input.username) ?? op;
      break;
    case 'users.setRole':
      needed = on;
      Object.assign(summary, { targetUsername: str(input.username), role: str(input.role) });
      confirm = str(input.username) ?? op;
      break;
    case 'users.setStatus': {
      const target = findUserByUsername(db, str(input.username) ?? '');
      needed = on && input.status === 'disabled' && target?.role === 'owner';
      Object.assign(summary, { targetUsername: str(input.username), status: str(input.status) });
      confirm = str(input.username) ?? op;
      break;
    }
    case 'users.resetPassword': {
      const target = findUserByUsername(db, str(input.username) ?? '');
      needed = on && target?.role === 'owner';
      Object.assign(summary, { targetUsername: str(input.username) });
      confirm = str(input.username) ?? op;
      break;
    }
    case 'account.totp.disable':
      // Today's rule: turning off one's own two-step sign-in waits for a second owner where one exists.
      needed = on && otherApproverExists(db, session.userId, op);
      Object.assign(summary, { targetUsername: session.username });
      confirm = session.username;
      break;
    case 'backup.restore':
      needed = on;
      Object.assign(summary, { fileName: str(input.fileName) });
      confirm = str(input.fileName) ?? op;
      break;
    case 'settings.setRequire2fa':
      needed = on && input.required === false;
      Object.assign(summary, { enabled: input.required === true });
      break;
    case 'monitoring.setRule':
      // Only switching an ON rule off: turning one on, or tuning it, is never gated.
      needed = on && input.enabled === false && readRule(db, str(input.id) as MonitorRuleId)?.enabled === true;
      Object.assign(summary, { enabled: input.enabled === true, ruleName: str(input.id) });
      break;
    case 'privacy.erase':
      // A manager's grant is 'approval': always asked, whatever the switch says (like its export).
      needed = on || grantFor(session.role, 'customers.erase') === 'approval';
      Object.assign(summary, { rows: 1, customerId: Number(input.customerId), mode: str(input.mode) });
      confirm = String(input.customerId);
      break;
    case 'retention.anonymise':
      // The batch's customers still waiting: one woken since the request changes the count (new approval).
      rows = pendingIds(db, Number(input.batchId)).length;
      needed = on;
      Object.assign(summary, { rows });
      confirm = String(rows);
      break;
    case 'settings.setField': {
      // Only an erase is gated (switching a field on, or off keeping the values, never is); the
      // rows are the customers holding a value now, which the lone owner types back.
      if (input.enabled !== false || input.erase === undefined || !isSwitchableField(str(input.field) ?? '')) break;
      rows = storedValueIds(db, input.field as SwitchableField).length;
      needed = on;
      Object.assign(summary, { rows, field: str(input.field) });
      confirm = String(rows);
      break;
    }
    case 'settings.setCustomerFields': {
      if (input.optionalFields !== false || input.eraseExisting !== true) break;
      rows = new Set(OPTIONAL_CUSTOMER_FIELDS.flatMap((f) => storedValueIds(db, f))).size;
      needed = on;
      Object.assign(summary, { rows, field: OPTIONAL_CUSTOMER_FIELDS.join(', ') });
      confirm = String(rows);
      break;
    }
    case 'breach.exportContacts': {
      // The breach's affected list out to a file: the export's own rule (more rows than the policy's, or a manager's).
      rows = countAffected(db, Number(input.id));
      needed = grantFor(session.role, 'customers.export') === 'approval' || (on && rows > policy.exportRows);
      Object.assign(summary, { rows, filterText: `breach #${Number(input.id)}`, columns: ['name', 'mobile', 'phone', 'email', 'wechat', 'province', 'city', 'addressDetail'], format: str(input.format) });
      confirm = String(rows);
      break;
    }
    case 'approvals.setPolicy':
      // Alone, the owner changes the policy at once (audited); with a second owner, that owner agrees.
      needed = otherApproverExists(db, session.userId, op);
      break;
  }
  return { needed, rows, confirm, summary, noSecondPerson: !otherApproverExists(db, session.userId, op) };
}
