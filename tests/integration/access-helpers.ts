import fs from 'node:fs';
import type { PublishFs } from '../../electron/core/backup/publish';
import path from 'node:path';
import type { ChannelInput, ChannelName, Role } from '../../shared/contract';
import { createCore, type Core } from '../../electron/core';
import { createAppRouter } from '../../electron/ipc';
import type { Router } from '../../electron/ipc/router';
import { hashPassword } from '../../electron/core/users/password-hash';
import { insertUser } from '../../electron/core/users/user-repository';
import type { ImportParser } from '../../electron/core/import/import-parser';
import type { Keychain } from '../../electron/core/keychain/keychain';
import { tempDir } from '../support/tmp';
import { OWNER, testKeychain } from './vault-helpers';

export const ROLE_LIST: readonly Role[] = ['owner', 'manager', 'sales', 'support', 'auditor'];
export const PASSWORD = 'Correct horse 9';

/**
 * One valid input per channel, typed against the contract so a new channel cannot be forgotten.
 * Customer ids refer to the seeded customers (1: owned by sales, 2: owned by the owner).
 */
export const SAMPLE_INPUTS: { [C in ChannelName]: ChannelInput<C> } = {
  'app.status': {},
  'app.version': {},
  'app.setLocale': { locale: 'en' },
  'setup.begin': { owner: { username: 'x', displayName: 'X', password: 'Another horse 9' } },
  'setup.complete': { recoveryKeyEnding: 'AAAA-AAAA', confirmedStored: true },
  'vault.unlockWithRecoveryKey': { recoveryKey: 'AAAA' },
  'vault.retryKeychain': {},
  'setup.pickBackupFile': {},
  'setup.restoreFromBackup': { recoveryKey: 'AAAA' },
  'session.login': { username: 'nobody', password: 'whatever' },
  'session.logout': {},
  'vault.rotateKey': { password: 'not the password' },
  'settings.chooseBackupFolder': {},
  'customers.list': { limit: 10 },
  'customers.get': { id: 1 },
  'customers.search': { query: '王伟' },
  'customers.timeline': { id: 1 },
  'interactions.add': { customerId: 1, kind: 'call', at: '2026-11-20T10:00:00Z', summary: 'Asked about delivery' },
  'purchases.add': { customerId: 1, date: '2026-11-20', item: 'Green tea 500g', amountMinor: 12800, currency: 'CNY' },
  // Ids of entries that do not exist: a refused or NOT_FOUND answer, no change to the seeded data.
  'interactions.update': { id: 999, kind: 'call', at: '2026-11-20T10:00:00Z', summary: 'Asked about delivery' },
  'interactions.delete': { id: 999 },
  'purchases.update': { id: 999, date: '2026-11-20', item: 'Green tea 500g', amountMinor: 12800, currency: 'CNY' },
  'purchases.delete': { id: 999 },
  'reminders.counts': { mine: false },
  'customers.create': { name: 'New customer', mobile: '13900001111' },
  'customers.checkDuplicates': { mobile: '13900001111', name: '王伟' },
  'customers.update': { id: 1, changes: { company: 'Changed Co' } },
  'customers.delete': { id: 3 },
  'customers.reveal': { id: 1, field: 'mobile', reason: 'calling back about an order' },
  'session.lock': {},
  'session.unlock': { password: 'not the password' },
  'users.list': {},
  'users.create': { username: 'newhire', displayName: 'New Hire', role: 'sales', password: 'Fresh lantern 42' },
  'users.setRole': { username: 'support1', role: 'sales', ownerPassword: 'not the password' },
  'users.setStatus': { username: 'nobody', status: 'disabled' },
  'users.resetPassword': { username: 'nobody', newPassword: 'Fresh lantern 42' },
  'audit.query': { limit: 10 },
  'audit.people': {},
  'audit.customersSeen': { username: 'sales1', from: '2026-01-01T00:00:00Z', to: '2099-01-01T00:00:00Z' },
  'account.totp.begin': {},
  'account.totp.confirm': { code: '000000' },
  'account.totp.disable': { password: 'not the password' },
  'settings.setRequire2fa': { required: false, password: 'not the password' },
  'settings.auth': {},
  'approvals.list': { view: 'inbox' },
  'approvals.decide': { id: 99, approve: true, password: 'not the password' },
  'approvals.request': { operation: 'customers.export', input: { format: 'csv', columns: ['name'] }, reason: 'for the trade fair' },
  'approvals.cancel': { id: 99 },
  'approvals.count': {},
  'approvals.policy': {},
  'approvals.setPolicy': { operations: {}, exportRows: 500, deleteRows: 20, expiryHours: 24, coolingOffMinutes: 60 },
  'settings.setIdleMinutes': { minutes: 15 },
  'audit.verify': {},
  'audit.verifyProgress': {},
  'customers.tag': { ids: [1], add: ['wholesale'] },
  'customers.tags': {},
  'customers.filterValues': {},
  'customers.tagMatching': { filters: {}, expectCount: 1, add: ['wholesale'] },
  'customers.deleteMatching': { filters: { tag: 'nobody-has-this' }, expectCount: 1 },
  'customers.deleted': {},
  'customers.restore': { id: 3 },
  'reminders.list': { range: 'all' },
  'reminders.add': { customerId: 1, dueAt: '2026-12-01T09:00:00Z', note: 'Call about the spring order' },
  'reminders.done': { id: 1 },
  'reminders.snooze': { id: 1, until: '2099-01-01T09:00:00Z' },
  'dashboard.summary': { mine: false },
  'settings.customerFields': {},
  'settings.setCustomerFields': { optionalFields: true },
  'backup.status': {},
  'backup.run': {},
  'backup.files': {},
  'backup.drill': {},
  'backup.reports': {},
  'backup.restore': { fileName: 'none.cofferbak', password: 'not the password' },
  'account.changePassword': { oldPassword: 'not the password', newPassword: 'Fresh lantern 42' },
  'backup.setSchedule': { schedule: { every: 'daily', at: '18:00', onQuit: true }, retention: { daily: 7, weekly: 4, monthly: 12 } },
  'customers.setOwner': { ids: [1], toUsername: 'sales1' },
  'customers.assignableOwners': {},
  'users.stale': {},
  'settings.setStaleDays': { days: 30 },
  'customers.export': { format: 'csv', columns: ['name', 'mobile'] },
  // No import is open in the sweep: each answers NOT_FOUND (or cancelled) after the permission check.
  'import.open': {},
  'import.preview': { importId: 'none' },
  'import.dryRun': { importId: 'none', mapping: [{ letter: 'A', target: 'name' }], choice: 'skip', rememberMapping: false },
  'import.rows': { importId: 'none', offset: 0, limit: 10 },
  'import.commit': { importId: 'none', confirmRepeat: false },
  'import.progress': { importId: 'none' },
  'import.cancel': { importId: 'none' },
  'import.saveErrors': { importId: 'none' },
  'import.close': { importId: 'none' },
  'import.history': {},
  'import.undo': { batchId: 'none', force: false },
  'customers.mergePreview': { ids: [1, 2] },
  // Customer 3 is deleted by the customers.delete sample before this runs: a refused, harmless merge.
  'customers.merge': { survivorId: 1, ids: [1, 3], fields: {} },
  'customers.mergeUndo': { mergeId: '00000000-0000-4000-8000-000000000000' },
  'customers.merges': {},
  // Erasure (issue 16): a customer that does not exist, and a bin count that is not the bin's: refused, nothing changed.
  'privacy.lookup': { query: '王伟' },
  'privacy.erase': { customerId: 999, mode: 'anonymise' },
  'privacy.setHold': { customerId: 999, hold: true },
  'privacy.log': { limit: 10 },
  'recycleBin.list': {},
  'recycleBin.empty': { expectCount: 999 },
  'privacy.checkProgress': {},
  'retention.overview': {},
  'retention.setSettings': { enabled: false, scheduleDays: 30, noticeDays: 30 },
  'retention.saveRule': { scope: 'industry', match: 'decoration', dormantYears: 3, proposeYears: 8, action: 'anonymise' },
  'retention.deleteRule': { id: 999 },
  'retention.dryRun': { limit: 10 },
  'retention.runNow': {},
  'retention.runs': {},
  'retention.dormant': { limit: 10 },
  'retention.batch': { id: 999 },
  'retention.startNotice': { id: 999 },
  'retention.cancel': { id: 999 },
  'retention.anonymise': { batchId: 999 },
  'customers.qualityDuplicates': {},
  'customers.qualityMissing': {},
  'customers.qualityStale': {},
  'customers.record': { id: 1 },
  'customers.lookup': { query: '+86 138 0013 8000' },
  'customers.qualityReviewed': {},
  'settings.shopProfile': {},
  'settings.setShopProfile': { name: 'Tea House', currency: 'CNY' },
  'settings.lists': {},
  // A tag no customer has: harmless to the other channels' samples.
  'settings.editList': { list: 'tag', op: 'add', value: 'sample tag' },
  'backup.progress': {},
  'alerts.list': {},
  'alerts.count': {},
  // No alert 999 exists: a harmless NOT_FOUND for the roles allowed to call it.
  'alerts.acknowledge': { id: 999, note: 'seen' },
  'monitoring.rules': {},
  'monitoring.setRule': { id: 'views.many', threshold: 400 },
  'monitoring.setBusinessHours': { enabled: false, start: '08:00', end: '20:00', days: [1, 2, 3, 4, 5, 6] },
  // A wrong password: typed error, nothing changes.
  'session.stepUp': { password: 'not the password' },
  'settings.screenProtection': {},
  // The default: harmless to the other channels' samples.
  'settings.setScreenProtection': { roles: ['sales', 'support'] },
  'settings.chooseSecondBackupFolder': {},
  'backup.removeSecondFolder': {},
  'users.accessReview': { periodDays: 90 },
  // No save dialog in the sweep: cancelled, nothing written.
  'users.accessReviewExport': { periodDays: 30 },
  'users.accessReviewDone': {},
  'dataRules.current': {},
  // No rules in the sweep's vault: NOT_FOUND after the permission check.
  'dataRules.accept': { version: 1 },
  'dataRules.set': { text: 'Customer data stays in Coffer.' },
  'dataRules.acceptances': {},
  'privacy.settings': {},
  // The values a vault starts with: harmless to the other channels' samples.
  'privacy.setSettings': { regime: 'pipl', contactName: '', contactReach: '' },
  'privacy.disclosures': {},
  'settings.fields': {},
  'settings.fieldStoredCount': { field: 'wechat' },
  // Already on: an audited no-op for the owner.
  'settings.setField': { field: 'wechat', enabled: true },
  'settings.setNotesForSupport': { allowed: false },
  'privacyRequests.list': { filter: 'all' },
  // No request 1 in the sweep's vault: NOT_FOUND after the permission check.
  'privacyRequests.get': { id: 1 },
  'privacyRequests.create': { type: 'access', receivedOn: '2026-11-02', channel: 'in-store', summary: '', customerIds: [], handler: null },
  'privacyRequests.act': { action: 'note', id: 999, note: 'Called back.' },
  'privacyRequests.summary': {},
  'privacyRequests.settings': {},
  'privacyRequests.setRule': { regime: 'pipl', amount: 15, unit: 'working-days', ackDays: null, extendAmount: 0, extendUnit: 'working-days', remindDays: 3 },
  'privacyRequests.setDay': { day: '2026-12-31', kind: null, name: '' },
  'privacyRequests.reply': { id: 999, language: 'en' },
  // No folder dialog in the sweep: cancelled, nothing written.
  'privacy.accessPackage': { customerId: 1 },
  'privacy.accessPackageProgress': {},
  'consent.history': { customerId: 1 },
  'consent.record': { customerId: 1, purpose: 'marketing-sms', event: 'granted', basis: 'consent', separate: false, evidenceSource: 'paper-form', evidenceDate: '2026-11-20' },
  'consent.missing': { offset: 0, limit: 50 },
  'consent.notices': {},
  'consent.addNotice': { text: 'We keep your details to serve your orders.', effectiveDate: '2026-11-01' },
  // The breach register (issue 17): incident 999 does not exist (NOT_FOUND after the permission check); a new record is harmless.
  'breach.list': {},
  'breach.get': { id: 999 },
  'breach.create': { summary: 'A laptop was left on the train.', discoveredAt: '2026-01-01T09:00:00Z', source: 'lost-laptop' },
  'breach.update': { id: 999, summary: 'A laptop was left on the train.', discoveredAt: '2026-01-01T09:00:00Z', source: 'lost-laptop' },
  'breach.setStatus': { id: 999, status: 'contained' },
  'breach.contain': { id: 999, action: 'end-sessions' },
  'breach.affected': { id: 999, username: 'sales1', from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z' },
  'breach.signIns': { id: 999, username: 'sales1' },
  'breach.exportContacts': { id: 999, format: 'csv' },
  'breach.notice': { id: 999, audience: 'customers', language: 'zh-CN' },
  'breach.logSent': { id: 999, audience: 'regulator', channel: 'online-form', sentAt: '2026-01-01T10:00:00Z', count: 1 },
  'breach.evidence': { id: 999 },
  'breach.summary': {},
  'breach.settings': {},
  'breach.setImmediateHours': { hours: 24 },
};

/**
 * Channels whose sample would end the caller's session or change the vault as a whole.
 * dataRules.set: every other user's customer channels then answer DATA_RULES_NOT_ACCEPTED
 * (its permission is checked in tests/integration/data-rules.test.ts).
 */
export const DISRUPTIVE: ReadonlySet<ChannelName> = new Set(['dataRules.set', 'session.logout', 'session.login', 'session.lock', 'session.unlock', 'setup.begin', 'setup.complete', 'vault.unlockWithRecoveryKey', 'vault.retryKeychain']);

export const MARKERS = {
  mobile: '13912345678',
  phone: '02155501234',
  email: 'marker.person@example.org',
  addressDetail: 'Markerstraat 77 unit 9',
  idNumber: '11010119900307451X',
  bankCard: '6222020200112233445',
} as const;

export interface AccessWorld {
  core: Core;
  router: Router;
  caller: (role: Role) => { senderId: string };
  userIds: Record<Role, number>;
  recoveryKey: string;
  keychain: Keychain;
  keychainService: string;
  profileDir: string;
}

/**
 * A vault with one logged-in user per role and three customers (one the sales user owns, one the
 * owner owns, one to delete), all carrying marker values. `fastDisk` puts the profile on tmpfs for
 * tests that make thousands of audited calls: they test the router, not fsync.
 */
export async function accessWorld(options: { fastDisk?: boolean; now?: () => number; pickFolder?: () => Promise<string | null>; pickBackupFile?: () => Promise<string | null>; pickSaveFile?: () => Promise<string | null>; pickImportFile?: () => Promise<string | null>; importParser?: ImportParser; secondFolderFs?: PublishFs } = {}): Promise<AccessWorld> {
  const base = options.fastDisk && fs.existsSync('/dev/shm') ? fs.mkdtempSync(path.join('/dev/shm', 'coffer-')) : tempDir();
  if (options.fastDisk) cleanupLater(base);
  const { keychain, serviceName } = testKeychain();
  const core = createCore({ profileDir: path.join(base, 'profile'), appVersion: 'test', osLocales: ['en'], keychain, ...(options.now ? { now: options.now } : {}), ...(options.pickFolder ? { pickFolder: options.pickFolder } : {}), ...(options.pickBackupFile ? { pickBackupFile: options.pickBackupFile } : {}), ...(options.pickSaveFile ? { pickSaveFile: options.pickSaveFile } : {}), ...(options.pickImportFile ? { pickImportFile: options.pickImportFile } : {}), ...(options.importParser ? { importParser: options.importParser } : {}), ...(options.secondFolderFs ? { secondFolderFs: options.secondFolderFs } : {}) });
  const router = createAppRouter(core);
  const begun = await router.dispatch({ senderId: 'owner' }, 'setup.begin', { owner: OWNER });
  if (!begun.ok) throw new Error(begun.error.code);
  const key = (begun.value as { recoveryKey: string }).recoveryKey;
  const done = await router.dispatch({ senderId: 'owner' }, 'setup.complete', { recoveryKeyEnding: key.slice(-9), confirmedStored: true });
  if (!done.ok) throw new Error(done.error.code);

  const db = core.vault.db();
  const hash = await hashPassword(PASSWORD);
  const userIds = { owner: 1 } as Record<Role, number>;
  for (const role of ROLE_LIST.filter((r) => r !== 'owner')) {
    userIds[role] = insertUser(db, { username: `${role}1`, displayName: `${role} one`, role, passwordHash: hash });
    const login = await router.dispatch({ senderId: role }, 'session.login', { username: `${role}1`, password: PASSWORD });
    if (!login.ok) throw new Error(`login ${role}: ${login.error.code}`);
  }
  const ownerSession = core.sessions.current('owner')!;
  const salesSession = core.sessions.current('sales')!;
  // The markers include an ID number and a bank card, which a vault refuses until the owner turns them on.
  core.customerFields.set(ownerSession, true, false);
  core.customers.create(salesSession, { name: '王伟', ...MARKERS, province: '上海', city: '上海', tags: ['vip'] });
  core.customers.create(ownerSession, { name: 'Owner Customer', ...MARKERS });
  core.customers.create(ownerSession, { name: 'To Delete' });
  core.reminders.add(salesSession, { customerId: 1, dueAt: '2026-11-01T09:00:00Z', note: 'Follow up on the tea order' });
  return { core, router, caller: (role) => ({ senderId: role }), userIds, recoveryKey: key, keychain, keychainService: serviceName, profileDir: path.join(base, 'profile') };
}

const cleanups: string[] = [];
function cleanupLater(dir: string): void {
  cleanups.push(dir);
}
process.on('exit', () => {
  for (const dir of cleanups) fs.rmSync(dir, { recursive: true, force: true });
});
