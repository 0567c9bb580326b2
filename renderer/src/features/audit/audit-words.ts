import type { ChannelOutput } from '../../../../shared/contract';
import { en, type MessageKey } from '../../i18n/en';
import type { Translate } from '../../i18n';

export type AuditRow = ChannelOutput<'audit.query'>[number];

const known = (key: string): key is MessageKey => key in en;

/** The customer as the reader may know them: the name main resolved, else only its number. */
function customerOf(t: Translate, row: AuditRow): string {
  if (row.customerName !== null) return row.customerName;
  if (row.customerId !== null) return t('auditPage.customerNumber', { id: row.customerId });
  return t('auditPage.severalCustomers');
}

function targetOf(t: Translate, row: AuditRow): string {
  if (row.targetUserName !== null) return row.targetUserName;
  return row.recordId !== null ? t('auditPage.userNumber', { id: row.recordId }) : '';
}

function fieldOf(t: Translate, row: AuditRow): string {
  const key = `auditWords.field.${row.fields[0] ?? 'unknown'}`;
  return t(known(key) ? key : 'auditWords.field.unknown');
}

/**
 * One row as a sentence ("Viewed the full mobile number of 王伟"). An action this build has no
 * sentence for (a newer vault) still reads as something, with its stored name.
 */
export function describeAudit(t: Translate, row: AuditRow): string {
  const key = `auditWords.${row.action}`;
  if (!known(key)) return t('auditWords.unknown', { action: row.action });
  return t(key, { customer: customerOf(t, row), user: targetOf(t, row), field: fieldOf(t, row) });
}

export function outcomeText(t: Translate, outcome: AuditRow['outcome']): string {
  return t(`auditPage.outcome.${outcome}`);
}

/** Who acted: their display name, else the username stored in the row, else "someone not signed in". */
export function actorOf(t: Translate, row: AuditRow): string {
  return row.userName ?? row.username ?? t('auditPage.someone');
}

/** Changed field names in words where the page knows them, and the stored note or reason. */
export function detailOf(t: Translate, row: AuditRow): string {
  // A reveal's field is already in its sentence.
  const fields = row.action === 'customer.reveal' ? [] : row.fields.map((f) => (known(`auditWords.field.${f}`) ? t(`auditWords.field.${f}` as MessageKey) : f));
  return [fields.join(', '), row.reason ?? ''].filter(Boolean).join(' · ');
}
