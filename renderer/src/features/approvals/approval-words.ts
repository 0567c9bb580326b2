import type { ApprovalSummary } from '../../../../shared/approvals';
import type { ErrorBody } from '../../../../shared/errors';
import { en } from '../../i18n/en';
import type { MessageKey, Translate } from '../../i18n';
import type { Format } from '../../i18n/format';

/** The operation in words; one this build does not know reads neutrally, never as another. */
export function opText(t: Translate, operation: string): string {
  const key = `appr.op.${operation}`;
  return key in en ? t(key as MessageKey) : t('appr.op.other');
}

export function stateText(t: Translate, state: string): string {
  const key = `appr.state.${state}`;
  return key in en ? t(key as MessageKey) : state;
}

const roleText = (t: Translate, role: string) => (`role.${role}` in en ? t(`role.${role}` as MessageKey) : role);

/**
 * What exactly will run, line by line: counts, the filter, columns, account, role, backup file.
 * The summary holds no customer data (main builds it that way); this only puts it into words.
 */
export function summaryLines(t: Translate, fmt: Format, summary: ApprovalSummary): string[] {
  const lines: string[] = [];
  const all = summary.filterText === 'all';
  if (summary.rows !== undefined) lines.push(all ? t('appr.sum.allRows', { count: fmt.number(summary.rows) }) : t('appr.sum.rows', { count: fmt.number(summary.rows) }));
  if (summary.filterText !== undefined) lines.push(all ? t('appr.sum.noFilter') : t('appr.sum.filter', { filter: summary.filterText }));
  if (summary.columns && summary.columns.length > 0) {
    const names = summary.columns.map((c) => (`export.col.${c}` in en ? t(`export.col.${c}` as MessageKey) : c));
    lines.push(t('appr.sum.columns', { columns: names.join(fmt.locale === 'zh-CN' ? '、' : ', ') }));
  }
  if (summary.targetUsername) lines.push(t('appr.sum.target', { user: summary.targetUsername }));
  if (summary.role) lines.push(t('appr.sum.role', { role: roleText(t, summary.role) }));
  if (summary.status === 'active' || summary.status === 'disabled') lines.push(t(`appr.sum.status.${summary.status}`));
  if (summary.fileName) lines.push(t('appr.sum.file', { file: summary.fileName }));
  if (summary.ruleName) lines.push(t('appr.sum.rule', { rule: summary.ruleName }));
  if (summary.enabled !== undefined) lines.push(t(summary.enabled ? 'appr.sum.enabled.on' : 'appr.sum.enabled.off'));
  if (summary.field) lines.push(t('appr.sum.field', { field: summary.field.split(', ').map((f) => (`field.${f}` in en ? t(`field.${f}` as MessageKey) : f)).join(fmt.locale === 'zh-CN' ? '、' : ', ') }));
  if (summary.customerId !== undefined) lines.push(t(summary.mode === 'delete' ? 'appr.sum.erase.delete' : 'appr.sum.erase.anonymise', { id: summary.customerId }));
  return lines;
}

/** The filter of a customers call in words ("level: vip; tag: 2024"), or 'all' for none. */
function filterWords(filters: unknown): string {
  if (!filters || typeof filters !== 'object') return 'all';
  const parts = Object.entries(filters as Record<string, unknown>)
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([name, value]) => `${name}: ${String(value)}`);
  return parts.length === 0 ? 'all' : parts.join('; ');
}

/**
 * The same summary, built on the requester's screen from the call about to be asked for (main's
 * own summary is what the approver sees; this one shows the requester what they ask for).
 */
export function summaryOfInput(operation: string, input: Record<string, unknown>, rows: number | null): ApprovalSummary {
  const summary: ApprovalSummary = {};
  if (rows !== null) summary.rows = rows;
  const text = (key: string) => (typeof input[key] === 'string' ? (input[key] as string) : undefined);
  switch (operation) {
    case 'customers.export':
      summary.filterText = filterWords(input.filters);
      if (Array.isArray(input.columns)) summary.columns = input.columns.map(String);
      break;
    case 'customers.deleteMatching':
      summary.filterText = filterWords(input.filters);
      break;
    case 'backup.restore':
      if (text('fileName')) summary.fileName = text('fileName')!;
      break;
    case 'settings.setRequire2fa':
      if (typeof input.required === 'boolean') summary.enabled = input.required;
      break;
    case 'settings.setField':
      if (text('field')) summary.field = text('field')!;
      break;
    case 'settings.setCustomerFields':
      summary.field = 'idNumber, bankCard';
      break;
    case 'privacy.erase':
      if (typeof input.customerId === 'number') summary.customerId = input.customerId;
      if (text('mode')) summary.mode = text('mode')!;
      break;
    default:
      if (text('username')) summary.targetUsername = text('username')!;
      if (text('role')) summary.role = text('role')!;
      if (text('status')) summary.status = text('status')!;
  }
  return summary;
}

/**
 * A refused run of an approved request in words (main's CONFLICT/NOT_FOUND with fields.approval):
 * changed since, cooling-off, already used, or no longer runnable. Null for any other error.
 */
export function approvalRefusalText(t: Translate, error: ErrorBody | null): string | null {
  const why = error?.fields?.approval;
  if (!why) return null;
  if (why === 'payload_changed' || why === 'cooling_off' || why === 'executed' || why === 'already_requested' || why === 'not_needed') return t(`appr.conflict.${why}`);
  return t('appr.conflict.other');
}
