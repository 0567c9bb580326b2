import type { DisclosureView } from '../../../shared/disclosures';
import type { PrivacyRegime } from '../../../shared/privacy';
import type { Db } from '../db/open-database';

export interface NewDisclosure {
  recordedAt: string;
  recordedBy: number;
  recipient: string;
  purpose: string;
  agreementRef: string;
  basis: string;
  regime: PrivacyRegime;
  exportId: string | null;
  filter: Record<string, string | number>;
  columns: readonly string[];
  customerIds: readonly number[];
}

export function insertDisclosure(db: Db, d: NewDisclosure): number {
  const id = Number(
    db
      .prepare(
        `INSERT INTO disclosures (recorded_at, recorded_by, recipient, purpose, agreement_ref, basis, regime, export_id, filter_json, columns_json, row_count)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(d.recordedAt, d.recordedBy, d.recipient, d.purpose, d.agreementRef, d.basis, d.regime, d.exportId, JSON.stringify(d.filter), JSON.stringify(d.columns), d.customerIds.length).lastInsertRowid,
  );
  const link = db.prepare('INSERT OR IGNORE INTO disclosure_customers (disclosure_id, customer_id) VALUES (?, ?)');
  for (const customerId of d.customerIds) link.run(id, customerId);
  return id;
}

interface Row {
  id: number;
  recordedAt: string;
  recordedBy: string;
  recipient: string;
  purpose: string;
  agreementRef: string;
  basis: string;
  regime: PrivacyRegime;
  exportId: string | null;
  filterJson: string;
  columnsJson: string;
  rows: number;
}

const SELECT = `SELECT d.id, d.recorded_at AS recordedAt, coalesce(u.display_name, u.username, '') AS recordedBy, d.recipient, d.purpose,
  d.agreement_ref AS agreementRef, d.basis, d.regime, d.export_id AS exportId, d.filter_json AS filterJson, d.columns_json AS columnsJson, d.row_count AS rows
  FROM disclosures d LEFT JOIN users u ON u.id = d.recorded_by`;

const toView = ({ filterJson, columnsJson, ...row }: Row): DisclosureView => ({ ...row, filter: JSON.parse(filterJson) as DisclosureView['filter'], columns: JSON.parse(columnsJson) as string[] });

/** Newest first, keyset-paged by id. */
export function listDisclosures(db: Db, beforeId: number | undefined, limit: number): DisclosureView[] {
  return (db.prepare(`${SELECT} WHERE (? IS NULL OR d.id < ?) ORDER BY d.id DESC LIMIT ?`).all(beforeId ?? null, beforeId ?? null, limit) as Row[]).map(toView);
}

/** The disclosures that carried one customer's data (an access package's section). */
export function disclosuresOfCustomer(db: Db, customerId: number): DisclosureView[] {
  return (db.prepare(`${SELECT} JOIN disclosure_customers dc ON dc.disclosure_id = d.id WHERE dc.customer_id = ? ORDER BY d.id`).all(customerId) as Row[]).map(toView);
}
