import fs from 'node:fs';
import type { AuditEntry } from '../audit/audit-log';
import { auditActor, type Session } from '../auth/session-service';
import { latestAcceptances } from '../data-rules/data-rules-repository';
import { getMeta, setMeta } from '../db/meta-repository';
import type { Db } from '../db/open-database';
import type { PickSaveFile } from '../export/customer-export';
import { DAY_MS } from '../platform/time';
import { activityCounts, alertCounts, approvalCounts, reviewUsers } from './access-review-repository';
import { writeAccessReviewXlsx } from './access-review-xlsx';
import { staleDays } from './stale-accounts';
import type { Role, UserStatus } from './user-repository';
import { mapFsError } from '../db/storage-errors';

/** The owner is reminded to review access when the last review is older than this (quarterly). */
export const ACCESS_REVIEW_DUE_DAYS = 90;
const LAST_REVIEWED_KEY = 'accessReview.lastReviewedAt';

export interface AccessReviewRow {
  username: string;
  displayName: string;
  role: Role;
  status: UserStatus;
  createdAt: string;
  lastLoginAt: string | null;
  has2fa: boolean;
  customersOwned: number;
  exports: number;
  reveals: number;
  deletes: number;
  alerts: number;
  approvalsRequested: number;
  approvalsGiven: number;
  /** Requests this person ran on their own go-ahead because nobody else could approve (one-owner shop). */
  approvalsNoSecondPerson: number;
  dataRulesVersion: number | null;
  dataRulesAcceptedAt: string | null;
  /** Still able to sign in, and not used for `unusedDays` (the stale-accounts setting). */
  unused: boolean;
}

export interface AccessReview {
  periodDays: number;
  from: string;
  to: string;
  unusedDays: number;
  lastReviewedAt: string | null;
  due: boolean;
  users: AccessReviewRow[];
}

export interface AccessReviewDeps {
  db: () => Db;
  audit: (db: Db, entry: AuditEntry, at: Date) => unknown;
  pickSaveFile: PickSaveFile;
  now?: () => number;
}

/** Whether the quarterly review is due: counted from the last one, or from the shop's first account. */
export function accessReviewDue(db: Db, at: Date): { lastReviewedAt: string | null; due: boolean } {
  const last = getMeta(db, LAST_REVIEWED_KEY) ?? null;
  const since = last ?? (db.prepare('SELECT min(created_at) AS at FROM users').get() as { at: string | null }).at;
  return { lastReviewedAt: last, due: since !== null && at.getTime() - Date.parse(since) > ACCESS_REVIEW_DUE_DAYS * DAY_MS };
}

/**
 * The owner's access review: every account with its rights, use and the risky things it did in
 * the period, read from the users table and the audit log. Looking at it is audited as a read of
 * the users; exporting it writes the same figures to an .xlsx, audited with the file's SHA-256.
 */
export function createAccessReview(deps: AccessReviewDeps) {
  const now = () => new Date((deps.now ?? Date.now)());

  function build(db: Db, periodDays: number, at: Date): AccessReview {
    const from = new Date(at.getTime() - periodDays * DAY_MS).toISOString();
    const unusedDays = staleDays(db);
    const unusedBefore = at.getTime() - unusedDays * DAY_MS;
    const activity = activityCounts(db, from);
    const alerts = alertCounts(db, from);
    const approvals = approvalCounts(db, from);
    const accepted = latestAcceptances(db);
    const users = reviewUsers(db).map((u): AccessReviewRow => {
      const counts = activity.get(u.id);
      return {
        username: u.username,
        displayName: u.displayName,
        role: u.role,
        status: u.status,
        createdAt: u.createdAt,
        lastLoginAt: u.lastLoginAt,
        has2fa: u.has2fa === 1,
        customersOwned: u.customersOwned,
        exports: counts?.exports ?? 0,
        reveals: counts?.reveals ?? 0,
        deletes: counts?.deletes ?? 0,
        alerts: alerts.get(u.id) ?? 0,
        approvalsRequested: approvals.get(u.id)?.requested ?? 0,
        approvalsGiven: approvals.get(u.id)?.given ?? 0,
        approvalsNoSecondPerson: approvals.get(u.id)?.noSecondPerson ?? 0,
        dataRulesVersion: accepted.get(u.id)?.version ?? null,
        dataRulesAcceptedAt: accepted.get(u.id)?.acceptedAt ?? null,
        unused: u.status !== 'disabled' && Date.parse(u.lastLoginAt ?? u.createdAt) < unusedBefore,
      };
    });
    return { periodDays, from, to: at.toISOString(), unusedDays, ...accessReviewDue(db, at), users };
  }

  return {
    report(session: Session, periodDays: number): AccessReview {
      const db = deps.db();
      const at = now();
      return db.transaction(() => {
        const review = build(db, periodDays, at);
        deps.audit(db, { actor: auditActor(session), action: 'user.accessReview', entity: 'user', outcome: 'ok', reason: `period ${periodDays} days` }, at);
        return review;
      })();
    },

    async export(session: Session, periodDays: number): Promise<{ status: 'cancelled' } | { status: 'saved'; rows: number }> {
      const at = now();
      // No personal data in the name: what it is and the day.
      const target = await deps.pickSaveFile(`coffer-access-review-${at.toISOString().slice(0, 10).replace(/-/g, '')}.xlsx`, 'xlsx');
      if (target === null) return { status: 'cancelled' };
      const db = deps.db();
      const review = db.transaction(() => build(db, periodDays, at))();
      let sha256: string;
      try {
        sha256 = writeAccessReviewXlsx(target, review);
      } catch (error) {
        throw mapFsError(error);
      }
      try {
        deps.audit(db, { actor: auditActor(session), action: 'user.accessReviewExport', entity: 'user', outcome: 'ok', reason: `period ${periodDays} days rows=${review.users.length} format=xlsx sha256=${sha256}` }, now());
      } catch (error) {
        // No file without its audit row.
        fs.rmSync(target, { force: true });
        throw error;
      }
      return { status: 'saved', rows: review.users.length };
    },

    done(session: Session): { lastReviewedAt: string } {
      const db = deps.db();
      const at = now();
      db.transaction(() => {
        setMeta(db, LAST_REVIEWED_KEY, at.toISOString());
        deps.audit(db, { actor: auditActor(session), action: 'user.accessReviewDone', entity: 'user', outcome: 'ok' }, at);
      })();
      return { lastReviewedAt: at.toISOString() };
    },

    due(db: Db): boolean {
      return accessReviewDue(db, now()).due;
    },
  };
}

export type AccessReviewService = ReturnType<typeof createAccessReview>;
