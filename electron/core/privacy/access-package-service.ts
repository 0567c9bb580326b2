import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { CofferError } from '../../../shared/errors';
import { grantFor } from '../../../shared/permissions';
import type { AuditEntry } from '../audit/audit-log';
import { REASON_MAX } from '../audit/audit-log';
import { auditActor, type Session } from '../auth/session-service';
import type { Db } from '../db/open-database';
import { mapFsError } from '../db/storage-errors';
import { openExportFile } from '../export/export-file';
import type { PickFolder } from '../settings/backup-folder';
import { readShopProfile } from '../settings/shop-settings-repository';
import { oneTimePassword, packageZip, type PackageSection } from './access-package-files';
import { packageSubject } from './access-package-repository';
import { PERSON_SECTIONS } from './person-sections';
import { checkRequestStep, recordRequestStep } from './request-steps';

export type AccessPackageStep = 'folder' | 'reading' | 'workbook' | 'json' | 'encrypt' | 'writing';

export type AccessPackageResult =
  | { status: 'cancelled' }
  | { status: 'saved'; fileName: string; password: string; sha256: string; contents: { section: string; rows: number }[] };

export interface AccessPackageDeps {
  db: () => Db;
  audit: (db: Db, entry: AuditEntry, at: Date) => unknown;
  /** Main's folder dialog (the page never gets a file picker); null when the person cancels. */
  pickFolder: PickFolder;
  now?: () => number;
}

/** coffer-access-20261203-9f3a61c2.zip: a date and a random part, nothing about the person. */
export function packageFileName(at: Date): string {
  return `coffer-access-${at.toISOString().slice(0, 10).replace(/-/g, '')}-${randomBytes(4).toString('hex')}.zip`;
}

/** The audit row's reason: the file's hash, the request, and each section's row count (names, counts; no values). */
export function auditReason(sha256: string, requestId: number | null, contents: { section: string; rows: number }[]): string {
  const head = `sha256=${sha256} request=${requestId ?? '-'}`;
  const named = `${head} rows=${contents.map((c) => `${c.section}:${c.rows}`).join(',')}`;
  // Many sections: the counts alone, in the order of the row's fields (the section names).
  return named.length <= REASON_MAX ? named : `${head} rows=${contents.map((c) => c.rows).join(',')}`.slice(0, REASON_MAX);
}

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A customer's access package (issue 16). Only the owner (the package holds the ID number and
 * bank card in full, which only the owner may reveal); one person, so no approval. Bad input is
 * refused before any dialog; the file is written whole (temp file, fsync, rename) or not at all,
 * and its audit row (hash, contents list, request; never the password) commits before the answer.
 */
export function createAccessPackage(deps: AccessPackageDeps) {
  const now = () => new Date((deps.now ?? Date.now)());
  // What each user's package is doing now, for the progress line of a large record.
  const running = new Map<number, AccessPackageStep>();

  function readSections(db: Db, customerId: number): PackageSection[] {
    // One read transaction: every section from the same snapshot.
    return db.transaction(() => PERSON_SECTIONS.map((s) => ({ key: s.key, rows: s.rows(db, customerId) })))();
  }

  async function build(session: Session, customerId: number, requestId: number | null): Promise<AccessPackageResult> {
    const step = (s: AccessPackageStep) => running.set(session.userId, s);
    step('folder');
    const folder = await deps.pickFolder();
    if (folder === null) return { status: 'cancelled' };
    const db = deps.db();
    // Checked again after the dialog: the record may have gone to the recycle bin meanwhile.
    if (!packageSubject(db, customerId)) throw new CofferError('NOT_FOUND', 'That customer does not exist.');
    step('reading');
    const at = now();
    const sections = readSections(db, customerId);
    const contents = sections.map((s) => ({ section: s.key, rows: s.rows.length }));
    const password = oneTimePassword();
    await yieldToLoop();
    const bytes = await packageZip({ shopName: readShopProfile(db).name, generatedAt: at, requestId, sections }, password, (s) => step(s));
    step('writing');
    const fileName = packageFileName(at);
    const target = path.join(folder, fileName);
    let sha256: string;
    try {
      if (fs.existsSync(target)) throw new CofferError('CONFLICT', 'A file with that name is already there. Try again.');
      const file = openExportFile(target);
      try {
        file.write(bytes);
        sha256 = file.commit();
      } catch (error) {
        file.abort();
        throw error;
      }
    } catch (error) {
      if (error instanceof CofferError) throw error;
      throw mapFsError(error);
    }
    try {
      // The audit row and, for a request, its 'package' step (the file's hash) commit together.
      db.transaction(() => {
        const done = now();
        deps.audit(
          db,
          {
            actor: auditActor(session),
            action: 'customer.accessPackage',
            entity: 'customer',
            recordId: String(customerId),
            outcome: 'ok',
            fields: contents.map((c) => c.section),
            reason: auditReason(sha256, requestId, contents),
          },
          done,
        );
        if (requestId !== null) recordRequestStep(db, session, { requestId, customerId, kind: 'package', fields: contents.map((c) => c.section), note: `sha256=${sha256}` }, done);
      })();
    } catch (error) {
      // No package without its audit row: the file goes again.
      fs.rmSync(target, { force: true });
      throw error;
    }
    return { status: 'saved', fileName, password, sha256, contents };
  }

  return {
    async prepare(session: Session, input: { customerId: number; requestId?: number | null | undefined }): Promise<AccessPackageResult> {
      // The router checked the permission already; checked again so the rule lives in core.
      if (grantFor(session.role, 'customers.accessPackage') !== 'all') throw new CofferError('FORBIDDEN', 'Only the owner can prepare an access package.');
      // Before the folder dialog: a wrong id asks nothing and writes nothing.
      if (!packageSubject(deps.db(), input.customerId)) throw new CofferError('NOT_FOUND', 'That customer does not exist.');
      // A package for a request: the request must be an open, verified access or portability request about this customer.
      if (input.requestId) checkRequestStep(deps.db(), session, input.requestId, input.customerId, 'package');
      if (running.has(session.userId)) throw new CofferError('CONFLICT', 'An access package is being prepared already. Wait for it to finish.');
      try {
        return await build(session, input.customerId, input.requestId ?? null);
      } finally {
        running.delete(session.userId);
      }
    },
    /** The step the caller's package is at, or null when none is running. */
    progress(session: Session): { step: AccessPackageStep } | null {
      const step = running.get(session.userId);
      return step === undefined ? null : { step };
    },
  };
}

export type AccessPackageService = ReturnType<typeof createAccessPackage>;
