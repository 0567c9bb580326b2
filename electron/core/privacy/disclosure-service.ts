import type { CustomerFilters } from '../../../shared/customers';
import { disclosureInputSchema, type DisclosureInput, type DisclosureView } from '../../../shared/disclosures';
import { CofferError } from '../../../shared/errors';
import { basisAllowed } from '../../../shared/privacy';
import { auditActor, type Session } from '../auth/session-service';
import type { AuditFn } from '../customers/customer-service';
import type { Db } from '../db/open-database';
import { insertDisclosure, listDisclosures } from './disclosure-repository';
import { readPrivacyRegime } from './privacy-settings-repository';

/**
 * Refuses a disclosure whose lawful basis the shop's regime does not offer (legitimate interest
 * outside GDPR), before any file is written. Returns the parsed input.
 */
export function checkDisclosure(db: Db, given: DisclosureInput): ReturnType<typeof disclosureInputSchema.parse> {
  const parsed = disclosureInputSchema.safeParse(given);
  if (!parsed.success) throw new CofferError('INVALID_INPUT', 'Name the recipient and the purpose, and choose a lawful basis.', { disclosure: 'invalid' });
  const regime = readPrivacyRegime(db);
  if (!basisAllowed(regime, parsed.data.basis)) {
    throw new CofferError('INVALID_INPUT', `That lawful basis is not available under ${regime.toUpperCase()}. Choose another one or change the regime in Settings > Privacy.`, { 'disclosure.basis': 'not_in_regime' });
  }
  return parsed.data;
}

export interface ExportDisclosure {
  exportId: string;
  filters: CustomerFilters | undefined;
  columns: readonly string[];
  customerIds: readonly number[];
}

/**
 * The register row and its own audit row, inside the export's audit transaction: both commit with
 * the export's row or none does. The audit row names the export and the counts, never the
 * recipient or purpose (free text), which stay in the register only.
 */
export function recordExportDisclosure(db: Db, audit: AuditFn, session: Session, given: DisclosureInput, exported: ExportDisclosure, at: Date): number {
  const input = checkDisclosure(db, given);
  const id = insertDisclosure(db, {
    recordedAt: at.toISOString(),
    recordedBy: session.userId,
    recipient: input.recipient,
    purpose: input.purpose,
    agreementRef: input.agreementRef,
    basis: input.basis,
    regime: readPrivacyRegime(db),
    exportId: exported.exportId,
    filter: Object.fromEntries(Object.entries(exported.filters ?? {}).filter((e): e is [string, string | number] => e[1] !== undefined)),
    columns: exported.columns,
    customerIds: exported.customerIds,
  });
  audit(db, { actor: auditActor(session), action: 'privacy.disclosure', entity: 'disclosure', recordId: String(id), outcome: 'ok', fields: [...exported.columns], reason: `export ${exported.exportId} rows=${exported.customerIds.length} basis=${input.basis}`, customerIds: exported.customerIds }, at);
  return id;
}

/** The register: owner, manager and auditor (audit.read), newest first. */
export function createDisclosureRegister(deps: { db: () => Db }) {
  return {
    list: (beforeId: number | undefined, limit: number): DisclosureView[] => listDisclosures(deps.db(), beforeId, limit),
  };
}

export type DisclosureRegister = ReturnType<typeof createDisclosureRegister>;
