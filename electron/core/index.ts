import type { AppStatus } from '../../shared/contract';
import { canRevealField, fieldVisibility } from '../../shared/field-policy';
import { maskField } from '../../shared/masking';
import { grantFor } from '../../shared/permissions';
import path from 'node:path';
import { appendAudit, type AuditEntry } from './audit/audit-log';
import type { Db } from './db/open-database';
import { createMonitor, type Monitor } from './monitoring/monitor-service';
import { createAlertsService, type AlertsService } from './monitoring/alerts-service';
import { checkDatabaseEngine } from './db/database-engine';
import { createBackupService, type BackupService } from './backup/backup-service';
import { workerJobRunner } from './backup/job-runner';
import { createAuditVerifyService, type AuditVerifyService } from './audit/audit-verify-service';
import type { PublishFs } from './backup/publish';
import { createNewComputerRestore, type NewComputerRestore, type PickFile } from './backup/restore-new-computer';
import { createCustomerService, type CustomerService } from './customers/customer-service';
import { createCustomerListService, type CustomerListService } from './customers/list-service';
import { createOwnerTransfer, type OwnerTransfer } from './customers/owner-transfer';
import { createRecordService, type RecordService } from './customers/record-service';
import { createDuplicateCheck, type DuplicateCheck } from './customers/duplicate-check';
import { createQualityService, type QualityService } from './customers/quality-service';
import { createRecycleBinService, type RecycleBinService } from './customers/recycle-bin-service';
import { createMergeService, type MergeService } from './customers/merge-service';
import { createTimelineService, type TimelineService } from './customers/timeline-service';
import { createActivityService, type ActivityService } from './activity/activity-service';
import { createCustomerExport, type CustomerExport, type PickSaveFile } from './export/customer-export';
import type { ImportParser } from './import/import-parser';
import { workerImportParser } from './import/file-parsers';
import { createImportService, type ImportService, type PickImportFile } from './import/import-service';
import { createDashboardService, type DashboardService } from './dashboard/dashboard-service';
import { createReminderService, type ReminderService } from './reminders/reminder-service';
import { createCustomerFieldsSettings, type CustomerFieldsSettings } from './settings/customer-fields-service';
import { createAppService, type AppService } from './app/app-service';
import { createSessionService, toSessionUser, type Session, type SessionService } from './auth/session-service';
import { createUserService, type UserService } from './users/user-service';
import { createDecisionLedger, type DecisionLedger } from './privacy/ledger-service';
import { ERASE_AGAIN } from './privacy/ledger-erase';
import { createApprovalService, type ApprovalService } from './approvals/approval-service';
import { createStaleAccounts, type StaleAccounts } from './users/stale-accounts';
import { accessReviewDue, createAccessReview, type AccessReviewService } from './users/access-review';
import { createDataRules, type DataRules } from './data-rules/data-rules-service';
import { createPrivacySettings, type PrivacySettingsService } from './privacy/privacy-settings-service';
import { createDisclosureRegister, type DisclosureRegister } from './privacy/disclosure-service';
import { createRequestsService, type RequestsService } from './privacy/requests-service';
import { createAccessPackage, type AccessPackageService } from './privacy/access-package-service';
import { createConsentService, type ConsentService } from './privacy/consent-service';
import { createErasureService, type ErasureService } from './privacy/erasure-service';
import { createErasureChecks, type ErasureChecks } from './privacy/erasure-checks';
import { createRetentionService, type RetentionService } from './retention/retention-service';
import { createSecondFactor, type SecondFactor } from './auth/second-factor';
import type { Keychain } from './keychain/keychain';
import { readBackupFolder, type PickFolder } from './settings/backup-folder';
import { createFirstRunService, type FirstRunService } from './setup/first-run';
import { unlockFromKeychainIfPossible, type LockedReason } from './vault/auto-unlock';
import { pinyinIndexCurrent, startPinyinRebuild } from './customers/pinyin-index';
import { createVaultService, type VaultService } from './vault/vault-service';
import { createBreachService, type BreachService } from './breach/breach-service';
import { createContainment, type Containment } from './breach/breach-containment';
import { createBreachFiles, type BreachFiles } from './breach/breach-files';
import { verifyAuditAnchored } from './backup/anchored-verify';

/**
 * Everything the product does, as plain Node. Electron's main process and the tests build the
 * same Core; only where it lives (profileDir), what the OS says (locales) and how a folder is
 * picked differ.
 */
export interface CoreOptions {
  profileDir: string;
  appVersion: string;
  osLocales: readonly string[];
  /** Path to a better-sqlite3 build for the running runtime (Electron); undefined under Node. */
  nativeBinding?: string;
  /** The OS keychain by default; tests pass one with a per-run service name. */
  keychain?: Keychain;
  /** Shows a folder picker; main uses Electron's dialog. Without one, choosing a folder is refused. */
  pickFolder?: PickFolder;
  /** Tests only: a full or vanishing second backup folder (second-folder.ts); the real disk otherwise. */
  secondFolderFs?: PublishFs;
  /** Shows an open-file dialog for a backup file (setup's "Restore from a backup"). */
  pickBackupFile?: PickFile;
  /** Shows a save dialog for an export; without one, exporting is cancelled (nothing written). */
  pickSaveFile?: PickSaveFile;
  /** Shows an open dialog for a customer file to import (Excel, WPS, CSV); without one, importing is cancelled. */
  pickImportFile?: PickImportFile;
  /** The file parser of the import; the worker-based one (importWorker) by default. Tests may pass an in-process one. */
  importParser?: ImportParser;
  /** The built import worker (out/main/import-worker.js); main and the benchmark pass theirs. */
  importWorker?: string;
  /** The built backup worker (out/main/backup-worker.js); main and the CLI pass theirs. */
  backupWorker?: string;
  /** The built erasure-check worker (out/main/erasure-worker.js); main and the benchmark pass theirs. */
  erasureWorker?: string;
  /** Data-free start-up lines (the database engine check); main's log by default. */
  log?: (line: string) => void;
  now?: () => number;
}

export interface Core {
  app: AppService;
  vault: VaultService;
  sessions: SessionService;
  firstRun: FirstRunService;
  customers: CustomerService;
  /** The list's filter values and bulk actions on all that match a filter. */
  customerList: CustomerListService;
  record: RecordService;
  customerExport: CustomerExport;
  imports: ImportService;
  timeline: TimelineService;
  /** Editing and deleting timeline entries (issue 14). */
  activity: ActivityService;
  recycleBin: RecycleBinService;
  reminders: ReminderService;
  dashboard: DashboardService;
  customerFields: CustomerFieldsSettings;
  backups: BackupService;
  newComputerRestore: NewComputerRestore;
  users: UserService;
  /** Four-eyes approval (issue 15): requests, decisions and the gate of every gated operation. */
  approvals: ApprovalService;
  ownership: OwnerTransfer;
  duplicates: DuplicateCheck;
  merges: MergeService;
  quality: QualityService;
  staleAccounts: StaleAccounts;
  /** The owner's access review (issue 15). */
  accessReview: AccessReviewService;
  /** The shop's data rules and who accepted them; the authorizer asks mustAccept. */
  dataRules: DataRules;
  /** The privacy regime and contact (issue 16): read by every screen, changed by the owner. */
  privacySettings: PrivacySettingsService;
  /** The register of disclosures to third parties (issue 16), written by marked exports. */
  disclosures: DisclosureRegister;
  /** The data-subject request and complaint register with its deadlines (issue 16). */
  privacyRequests: RequestsService;
  /** A customer's access package, an encrypted zip of everything about them (issue 16). */
  accessPackage: AccessPackageService;
  /** Consent history, privacy-notice versions and the no-basis worklist (issue 16). */
  consent: ConsentService;
  /** Erasure, anonymisation, the privacy log and the recycle bin's purge (issue 16). */
  erasure: ErasureService;
  /** The erasure after-checks on a worker thread; runErasureChecks(jobs) takes a batch (issue 17's retention run). */
  erasureChecks: ErasureChecks;
  /** Retention rules, the dry run, dormant customers and the anonymising batches (issue 17). */
  retention: RetentionService;
  secondFactor: SecondFactor;
  /** The decision ledger (issue 16): side file writes, re-apply after a restore. */
  ledger: DecisionLedger;
  /** Monitoring rules evaluated on every audited customer action (issue 15). */
  monitor: Monitor;
  /** The breach register (issue 17): the record, its clocks and the affected list. */
  breach: BreachService;
  /** Containment from a breach record: the Users page's disable, ending sessions, the key rotation. */
  breachContainment: Containment;
  /** A breach's files: the contact list (customer export), notices, evidence. */
  breachFiles: BreachFiles;
  /** The alert inbox, the rules' settings and the step-up. */
  alerts: AlertsService;
  /** The audit log's verify: from the checkpoint, or all of it on a worker thread (issue 18). */
  auditVerify: AuditVerifyService;
  pickFolder: PickFolder;
  /** Opens the vault from the keychain if it can; resolves once the start-up state is known. */
  start(): Promise<void>;
  retryKeychain(): Promise<void>;
  /** The automatic recycle-bin purge (30 days, unless held); main calls it on a timer. Resolves with how many were purged (a run already going is joined). */
  purgeRecycleBin(): Promise<number>;
  /** The retention schedule (issue 17): marks dormant and proposes when on and due; main calls it on a timer. */
  retentionTick(): void;
  status(senderId: string): AppStatus;
  close(): void;
}

export function createCore(options: CoreOptions): Core {
  const now = options.now ?? Date.now;
  // Test-load the native database module before anything can open or create a vault with it.
  const engineProblem = checkDatabaseEngine(options.nativeBinding);
  if (engineProblem) (options.log ?? ((line) => console.error(`[coffer] ${line}`)))(`DATABASE_ENGINE_MISSING (${engineProblem}): run npm run native:electron or reinstall`);
  const vault = createVaultService({
    profileDir: options.profileDir,
    nativeBinding: options.nativeBinding,
    engineProblem,
    ...(options.keychain ? { keychain: options.keychain } : {}),
    onOpened: () => {
      ensurePinyinIndex();
      ledger.attach();
      settleChecks();
      // After the unlock has answered: the purges are short transactions with the event loop let
      // go in between, their after-checks on the worker (docs/benchmarks.md, erasure).
      setTimeout(() => void purgeRecycleBin(), 0);
      setTimeout(retentionTick, 0);
    },
  });
  // Decisions a restore cannot undo (issue 16). ERASE_AGAIN: the erasure stream's function, wired in ledger-erase.ts.
  const ledger = createDecisionLedger({ vault, profileDir: options.profileDir, audit: appendAudit, now, erase: ERASE_AGAIN });
  const db = () => vault.db();
  const secondFactor = createSecondFactor({ db, audit: appendAudit, now });
  // A locked or ended session's open import file is let go at once (imports is created below).
  let releaseImport: (session: Session) => void = () => undefined;
  const sessions = createSessionService({ db, audit: appendAudit, secondFactor, now, onRelease: (session) => releaseImport(session) });
  const users = createUserService({ db, sessions, secondFactor, audit: appendAudit, now });
  const approvals = createApprovalService({ db, sessions, secondFactor, audit: appendAudit, now });
  const fieldPolicy = { visibility: fieldVisibility, canReveal: canRevealField, mask: maskField };
  const monitor = createMonitor({ db, now, lockUser: (userId, reason) => sessions.lockForUser(userId, reason) });
  // Every audited customer action passes the monitoring rules: the row is the event they count.
  const audit = (database: Db, entry: AuditEntry, at: Date) => {
    monitor.prepare(database, entry, at);
    const written = appendAudit(database, entry, at);
    monitor.observe(database, entry, at);
    return written;
  };
  // Reveals and phone lookups both name the person behind a masked value: one rule for both.
  const revealGuard = (database: Db, session: Session, at: Date) => monitor.beforeReveal(database, session.userId, at);
  const alerts = createAlertsService({
    db,
    now,
    monitor,
    confirmPassword: (session, password) => sessions.confirmPassword(session, password),
    checkSecondFactor: (database, session, code) => secondFactor.check(database, { userId: session.userId, username: session.username, role: session.role }, code),
    ruleOffGate: (session, input) => approvals.gate(session, 'monitoring.setRule', input),
  });
  const customers = createCustomerService({
    db,
    audit,
    now,
    revealGuard,
    policy: fieldPolicy,
    scope: (session, action) => {
      const grant = grantFor(session.role, action === 'read' ? 'customers.read' : 'customers.write');
      return grant === 'all' || grant === 'own' ? grant : 'none';
    },
  });
  const dataRules = createDataRules({ db, audit: appendAudit, now });
  const erasureChecks = createErasureChecks({
    script: options.erasureWorker ?? path.resolve('out/main/erasure-worker.js'),
    material: () => {
      const { dbFile, key, nativeBinding } = vault.backupMaterial();
      return { dbFile, key, nativeBinding };
    },
    db,
    audit: appendAudit,
    raiseFailed: (database, count, at) => monitor.raiseErasureCheck(database, count, at),
    now,
  });
  const erasure = createErasureService({ db, audit, checks: erasureChecks, now });
  const retention = createRetentionService({ db, audit, now, checks: erasureChecks });
  const reminders = createReminderService({ db, audit: appendAudit, now });
  const quality = createQualityService({ db, audit, now });
  const firstRun = createFirstRunService({ vault, sessions, now });
  const app = createAppService({
    profileDir: options.profileDir,
    appVersion: options.appVersion,
    osLocales: options.osLocales,
    schemaVersion: () => vault.schemaVersion(),
    sqliteVersion: () => sqliteVersion(vault),
  });
  let lockedReason: LockedReason | null = null;
  const runner = workerJobRunner(options.backupWorker ?? path.resolve('out/main/backup-worker.js'));

  // The pinyin index is rebuilt whenever a database opens (setup, unlock, restore) with an index
  // version that differs from the code's (a vault from before migration 014, an upgraded
  // pinyin-pro). The rebuild yields between batches; one stopped by a lock resumes on the next open.
  let pinyinRebuild: (() => void) | undefined;
  function ensurePinyinIndex(): void {
    try {
      if (pinyinRebuild || vault.state() !== 'unlocked' || pinyinIndexCurrent(vault.db())) return;
    } catch {
      return; // locked again before this ran: the next open looks again
    }
    pinyinRebuild = startPinyinRebuild(db, { onDone: () => (pinyinRebuild = undefined), onError: () => (pinyinRebuild = undefined) });
  }

  // Issue 16: items in the recycle bin over 30 days and not held are purged at every open
  // (start, unlock, restore) and on main's timer. A failure is logged by its code only and
  // retried next time: it must never stop the vault from opening.
  let purging: Promise<number> | undefined;
  function purgeRecycleBin(): Promise<number> {
    if (purging) return purging;
    if (vault.state() !== 'unlocked') return Promise.resolve(0);
    purging = erasure
      .autoPurge()
      .catch((error: unknown) => {
        (options.log ?? ((line) => console.error(`[coffer] ${line}`)))(`recycle-bin purge failed (${(error as { code?: string }).code ?? 'error'})`);
        return 0;
      })
      .finally(() => (purging = undefined));
    return purging;
  }

  // Checks cut off by a quit or a lock are recorded as interrupted (and alerted) at the next open.
  function settleChecks(): void {
    try {
      erasureChecks.settle(vault.db());
    } catch (error) {
      (options.log ?? ((line) => console.error(`[coffer] ${line}`)))(`erasure check settle failed (${(error as { code?: string }).code ?? 'error'})`);
    }
  }

  // Issue 17: like the purge, at every open and on main's timer; a failure is logged by its code and retried.
  function retentionTick(): void {
    try {
      if (vault.state() === 'unlocked') retention.tick();
    } catch (error) {
      (options.log ?? ((line) => console.error(`[coffer] ${line}`)))(`retention run failed (${(error as { code?: string }).code ?? 'error'})`);
    }
  }

  async function retryKeychain(): Promise<void> {
    lockedReason = await unlockFromKeychainIfPossible(vault);
  }
  const backups = createBackupService({
    vault,
    profileDir: options.profileDir,
    audit: appendAudit,
    runner,
    appVersion: options.appVersion,
    endSessions: () => sessions.endAll(),
    ledger,
    now,
    drillInbox: (database, kind, at) => monitor.raiseDrill(database, kind, at),
    ...(options.secondFolderFs ? { secondFolderFs: options.secondFolderFs } : {}),
  });

  const imports = createImportService({
    db,
    audit,
    now,
    parser: options.importParser ?? workerImportParser(options.importWorker ?? path.resolve('out/main/import-worker.js')),
    pickImportFile: options.pickImportFile ?? (async () => null),
    pickSaveFile: options.pickSaveFile ?? (async () => null),
    locale: () => app.locale(),
  });
  releaseImport = (session) => imports.drop(session);
  const customerExport = createCustomerExport({ db, audit, now, locale: () => app.locale(), policy: fieldPolicy, pickSaveFile: options.pickSaveFile ?? (async () => null) });
  const breach = createBreachService({ db, audit: appendAudit, now });

  return {
    app,
    vault,
    sessions,
    firstRun,
    customers,
    customerList: createCustomerListService({ db, audit, now }),
    record: createRecordService({ db, audit, now, policy: fieldPolicy, revealGuard }),
    imports,
    customerExport,
    timeline: createTimelineService({ db, audit, now }),
    activity: createActivityService({ db, audit: appendAudit, now }),
    recycleBin: createRecycleBinService({ db, audit, now }),
    reminders,
    dashboard: createDashboardService({ db, audit: appendAudit, reminders, qualityReview: quality.reviewStatus, now }),
    customerFields: createCustomerFieldsSettings({ db, audit: appendAudit, now }),
    backups,
    newComputerRestore: createNewComputerRestore({ vault, profileDir: options.profileDir, pickFile: options.pickBackupFile ?? (async () => null), runner, nativeBinding: options.nativeBinding, ledger }),
    users,
    approvals,
    ownership: createOwnerTransfer({ db, audit: appendAudit, now }),
    duplicates: createDuplicateCheck({ db, audit, now }),
    merges: createMergeService({ db, audit, policy: fieldPolicy, now }),
    quality,
    staleAccounts: createStaleAccounts({ db, audit: appendAudit, now }),
    accessReview: createAccessReview({ db, audit: appendAudit, now, pickSaveFile: options.pickSaveFile ?? (async () => null) }),
    dataRules,
    privacySettings: createPrivacySettings({ db, audit: appendAudit, now }),
    disclosures: createDisclosureRegister({ db }),
    privacyRequests: createRequestsService({ db, audit: appendAudit, now }),
    accessPackage: createAccessPackage({ db, audit, now, pickFolder: options.pickFolder ?? (async () => null) }),
    consent: createConsentService({ db, audit, now }),
    erasure,
    erasureChecks,
    retention,
    secondFactor,
    ledger,
    monitor,
    alerts,
    breach,
    breachContainment: createContainment({ breach, users, sessions, approvals, vault, audit: appendAudit, now }),
    breachFiles: createBreachFiles({ db, breach, approvals, customerExport, pickSaveFile: options.pickSaveFile ?? (async () => null), verify: () => verifyAuditAnchored(vault), now }),
    auditVerify: createAuditVerifyService({ vault, runner }),
    pickFolder: options.pickFolder ?? (async () => null),
    async start() {
      await retryKeychain();
      // A crash during a backup leaves files nobody else removes; the first job waits for this.
      void backups.removeLeftovers();
    },
    retryKeychain,
    purgeRecycleBin,
    retentionTick,
    status(senderId) {
      const state = vault.state();
      const session = state === 'unlocked' ? sessions.current(senderId) : undefined;
      return {
        vault: state,
        locale: app.locale(),
        keychain: vault.keychainState(),
        lockedReason: state === 'locked' ? (lockedReason ?? 'recovery-key-required') : null,
        session: session ? toSessionUser(session) : null,
        sessionLocked: session?.locked ?? false,
        twoFactor: !session ? null : session.mustEnroll2fa ? 'required' : secondFactor.isEnrolled(vault.db(), session.userId) ? 'on' : 'off',
        databaseEngine: vault.engine(),
        backupFolderChosen: session && !session.locked && grantFor(session.role, 'backup.configure') !== 'none' ? readBackupFolder(vault.db()) !== null : null,
        mustAcceptDataRules: session && !session.locked ? dataRules.mustAccept(session) : false,
        accessReviewDue: session && !session.locked && grantFor(session.role, 'users.manage') === 'all' ? accessReviewDue(vault.db(), new Date(now())).due : null,
      };
    },
    close() {
      pinyinRebuild?.();
      sessions.endAll();
      vault.close();
    },
  };
}

function sqliteVersion(vault: VaultService): string {
  if (vault.state() !== 'unlocked') return 'unknown';
  return (vault.db().prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
}
