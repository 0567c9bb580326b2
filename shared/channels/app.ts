import { z } from 'zod';
import { ledgerRestoreSchema } from '../ledger';
import { appStatusSchema, appVersionSchema, channel, empty, localeSchema, password, recoveryKeyText, sessionUserSchema, username, vaultStateSchema } from './common';

/** Start-up, first run, unlock and sign-in: most work before a session exists. */
export const appChannels = {
  'app.status': channel({ input: empty, output: appStatusSchema, permission: 'public' }),
  'app.version': channel({ input: empty, output: appVersionSchema, permission: 'public' }),
  'app.setLocale': channel({
    input: z.object({ locale: localeSchema }).strict(),
    output: z.object({ locale: localeSchema }),
    permission: 'public',
  }),
  'setup.begin': channel({
    input: z.object({ owner: z.object({ username, displayName: z.string().trim().min(1).max(100), password }).strict() }).strict(),
    // The one secret that ever crosses the bridge, once, because the owner must write it down.
    output: z.object({ recoveryKey: z.string(), keychain: z.enum(['available', 'unavailable', 'unknown']) }),
    permission: 'public',
  }),
  'setup.complete': channel({
    input: z.object({ recoveryKeyEnding: z.string().min(1).max(20), confirmedStored: z.literal(true) }).strict(),
    output: z.object({ user: sessionUserSchema }),
    permission: 'public',
  }),
  'vault.unlockWithRecoveryKey': channel({
    input: z.object({ recoveryKey: recoveryKeyText }).strict(),
    output: z.object({ vault: vaultStateSchema }),
    permission: 'public',
  }),
  // A new (or wiped) computer: restore from a backup file and the recovery key instead of setting
  // up an empty vault. Only while this profile has no vault. Main keeps the picked file's path;
  // the page sees its name.
  'setup.pickBackupFile': channel({
    input: empty,
    output: z.object({ file: z.object({ name: z.string(), size: z.number().int(), at: z.string().nullable() }).nullable() }),
    permission: 'public',
  }),
  'setup.restoreFromBackup': channel({
    input: z.object({ recoveryKey: recoveryKeyText,
      // The decision ledger's side file failed authentication: restore anyway, knowing later decisions are not re-applied.
      acknowledgeLedgerProblem: z.literal(true).optional(),
    }).strict(),
    output: z.object({ restored: z.literal(true), backupCreatedAt: z.string().nullable(), customers: z.number().int(),
      ledger: ledgerRestoreSchema,
    }),
    permission: 'public',
  }),
  'vault.retryKeychain': channel({ input: empty, output: z.object({ vault: vaultStateSchema }), permission: 'public' }),
  'session.login': channel({
    // code: a 6-digit authenticator code or a recovery code, when the account has 2FA.
    input: z.object({ username, password, code: z.string().trim().min(1).max(20).optional() }).strict(),
    output: z.object({ user: sessionUserSchema }),
    permission: 'public',
  }),
  'session.logout': channel({ input: empty, output: z.object({ ended: z.boolean() }), permission: 'public' }),
  'session.lock': channel({ input: empty, output: z.object({ locked: z.boolean() }), permission: 'public' }),
  'session.unlock': channel({ input: z.object({ password }).strict(), output: z.object({ user: sessionUserSchema }), permission: 'public' }),
  'vault.rotateKey': channel({
    // Re-authentication: a high-risk change needs the password again, not just an open session.
    input: z.object({ password }).strict(),
    output: z.object({ rotated: z.literal(true) }),
    permission: 'vault.rotateKey',
  }),
  'settings.chooseBackupFolder': channel({
    input: empty,
    // The folder path is shown to the owner who chose it; it names a place, not a person.
    output: z.object({ folder: z.string().nullable() }),
    permission: 'backup.configure',
  }),
} as const;
