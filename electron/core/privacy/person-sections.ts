import type { Db } from '../db/open-database';
import { disclosuresOfCustomer } from './disclosure-repository';
import { requestsSection } from './requests-person-section';
import { importRows, interactionRows, mergeRows, purchaseRows, recordRows, reminderRows, tagRows } from './access-package-repository';
import { consentEventsOf } from './consent-repository';

/**
 * What an access package (issue 16, "everything about that person") is made of: one section per
 * feature that keeps data about a customer. Each feature adds its own line here, so the package
 * can never silently miss a table: the record, interactions, purchases, tags, reminders, consent,
 * requests, import and merge provenance. Rows are plain values about THIS customer only; never
 * staff data beyond a display name, never another customer's data.
 */
export interface PersonSection {
  /** A stable key: the sheet name in the .xlsx and the property in the JSON. */
  key: string;
  rows(db: Db, customerId: number): Record<string, string | number | boolean | null>[];
}

// One entry per line (merge=union): each feature appends its own.
export const PERSON_SECTIONS: PersonSection[] = [
  { key: 'disclosures', rows: (db, id) => disclosuresOfCustomer(db, id).map((d) => ({ recordedAt: d.recordedAt, recipient: d.recipient, purpose: d.purpose, agreementRef: d.agreementRef, basis: d.basis, rows: d.rows })) },
  requestsSection,
  { key: 'record', rows: recordRows },
  { key: 'interactions', rows: interactionRows },
  { key: 'purchases', rows: purchaseRows },
  { key: 'tags', rows: tagRows },
  { key: 'reminders', rows: reminderRows },
  { key: 'imports', rows: importRows },
  { key: 'merges', rows: mergeRows },
  { key: 'consent', rows: (db, customerId) => consentEventsOf(db, customerId).map(({ id: _id, mergedFrom: _from, ...e }) => e) },
];
