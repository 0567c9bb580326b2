import fs from 'node:fs';
import type { NoticeAudience } from '../../../shared/breach';
import type { ExportColumn } from '../../../shared/channels/export';
import { CofferError } from '../../../shared/errors';
import type { ApprovalService } from '../approvals/approval-service';
import { auditHead } from '../audit/audit-log';
import type { AnchoredAuditVerdict } from '../backup/anchored-verify';
import type { Session } from '../auth/session-service';
import type { Db } from '../db/open-database';
import type { CustomerExport, PickSaveFile } from '../export/customer-export';
import { writeExportFile } from '../export/export-file';
import { readPrivacySettings } from '../privacy/privacy-settings-repository';
import { readShopProfile } from '../settings/shop-settings-repository';
import { noticeText } from './breach-notice-text';
import { affectedOf, auditRowsBetween, auditRowsOfIncident } from './breach-repository';
import type { BreachService } from './breach-service';

export interface BreachFilesDeps {
  db: () => Db;
  breach: BreachService;
  approvals: ApprovalService;
  customerExport: CustomerExport;
  pickSaveFile: PickSaveFile;
  /** The audit page's verify (chain and the heads kept in backups). */
  verify: () => Promise<AnchoredAuditVerdict>;
  now?: () => number;
}

/** The columns a contact list needs to reach people; the export masks them as it does for the role. */
const CONTACT_COLUMNS: ExportColumn[] = ['name', 'mobile', 'phone', 'email', 'wechat', 'province', 'city', 'addressDetail'];
const BOM = '\uFEFF';

type Saved = { status: 'cancelled' } | { status: 'saved'; sha256: string };

/**
 * Files from the incident: the contact list (through the customer export), the notices, and the
 * evidence. Main asks where to save and writes the file whole or not at all; its SHA-256 goes on
 * the record and in the audit row, and if that fails the file is removed again.
 */
export function createBreachFiles(deps: BreachFilesDeps) {
  const now = () => new Date((deps.now ?? Date.now)());
  const stamp = () => now().toISOString().slice(0, 10).replace(/-/g, '');

  const write = (target: string, text: string): string => writeExportFile(target, Buffer.from(text, 'utf8'));

  /** The file and its record land together: a failure to record removes the file. */
  function recorded<T>(target: string, record: () => T): T {
    try {
      return record();
    } catch (error) {
      fs.rmSync(target, { force: true });
      throw error;
    }
  }

  return {
    /** The affected customers' contact list: the customer export's masking, audit row and approval gate. */
    async exportContacts(session: Session, input: { id: number; format: 'xlsx' | 'csv'; approvalId?: number | undefined }): Promise<{ status: 'cancelled' } | { status: 'saved'; rows: number }> {
      deps.breach.find(input.id);
      const ids = new Set(affectedOf(deps.db(), input.id).map((a) => a.customerId));
      if (ids.size === 0) throw new CofferError('CONFLICT', 'Nobody is on the affected list yet: work out who was affected first.', { affected: 'empty' });
      const ticket = deps.approvals.gate(session, 'breach.exportContacts', input);
      const result = await deps.customerExport.export(session, { format: input.format, columns: CONTACT_COLUMNS, onlyIds: ids }, ticket);
      if (result.status === 'cancelled') return result;
      deps.breach.record(session, input.id, 'contacts-exported', { exportId: result.exportId, rows: result.rows, format: input.format }, { action: 'breach.notice', fields: ['contacts'], reason: `export=${result.exportId} rows=${result.rows}` });
      return { status: 'saved', rows: result.rows };
    },

    async notice(session: Session, input: { id: number; audience: NoticeAudience; language: 'zh-CN' | 'en' }): Promise<Saved> {
      const db = deps.db();
      const detail = deps.breach.detail(session, input.id);
      const privacy = readPrivacySettings(db);
      const text = noticeText(input.audience, input.language, {
        incidentId: detail.id,
        shopName: readShopProfile(db).name,
        contactName: privacy.contactName,
        contactReach: privacy.contactReach,
        summary: detail.summary,
        source: detail.source,
        discoveredAt: detail.discoveredAt,
        occurredAt: detail.occurredAt,
        categories: detail.categories,
        actionsTaken: detail.actionsTaken,
        affected: detail.affected.total,
        writtenAt: now(),
      });
      // No personal data in the file name: the incident number, the audience, the language, the day.
      const target = await deps.pickSaveFile(`coffer-breach-${detail.id}-${input.audience}-${input.language}-${stamp()}.txt`, 'txt');
      if (target === null) return { status: 'cancelled' };
      const sha256 = write(target, BOM + text + '\r\n');
      return recorded(target, () => {
        deps.breach.record(session, input.id, 'notice', { audience: input.audience, language: input.language, sha256 }, { action: 'breach.notice', fields: [`notice.${input.audience}`], reason: `lang=${input.language} sha256=${sha256}` });
        return { status: 'saved', sha256 };
      });
    },

    /**
     * One file for the authority or a court: the incident and its timeline, the audit rows of the
     * account involved in the window plus every row about the incident (with their chain hashes),
     * and the verify result and chain head at the time of writing. Ids, never key material.
     */
    async evidence(session: Session, input: { id: number }): Promise<Saved> {
      const detail = deps.breach.detail(session, input.id);
      const row = deps.breach.find(input.id);
      const target = await deps.pickSaveFile(`coffer-breach-${detail.id}-evidence-${stamp()}.json`, 'json');
      if (target === null) return { status: 'cancelled' };
      const verdict = await deps.verify();
      const db = deps.db();
      const slice = row.subjectUserId !== null && row.windowFrom && row.windowTo ? auditRowsBetween(db, row.subjectUserId, row.windowFrom, row.windowTo) : [];
      const file = {
        format: 'coffer-breach-evidence/1',
        writtenAt: now().toISOString(),
        writtenBy: session.username,
        incident: {
          ...detail,
          // Ids and what was shown: the names stay in the shop (the contact list is its own, gated, file).
          affected: { ...detail.affected, customers: detail.affected.customers.map(({ name: _name, ...rest }) => rest) },
        },
        audit: {
          verify: { ok: verdict.ok, rows: verdict.rows, firstBrokenId: verdict.firstBrokenId, problem: verdict.problem, anchors: verdict.anchors },
          head: auditHead(db),
          window: { username: detail.username, from: row.windowFrom, to: row.windowTo },
          rows: slice,
          incidentRows: auditRowsOfIncident(db, input.id),
        },
      };
      const sha256 = write(target, JSON.stringify(file, null, 2) + '\n');
      return recorded(target, () => {
        deps.breach.recordEvidence(session, input.id, sha256, { rows: slice.length, verified: verdict.ok });
        return { status: 'saved', sha256 };
      });
    },
  };
}

export type BreachFiles = ReturnType<typeof createBreachFiles>;
