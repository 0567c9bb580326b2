export const en = {
  'app.name': 'Coffer',
  'app.tagline': 'Your customers, encrypted on this computer.',
  'app.loading': 'Opening Coffer…',
  'app.language': 'Language',
  'app.version': 'Version {app} · database schema {schema} · SQLite {sqlite}',
  'vault.needsSetup.title': 'Welcome to Coffer',
  'vault.needsSetup.body': 'No vault exists on this computer yet. Setting one up creates the encrypted database, your owner account and a recovery key.',
  'vault.locked.title': 'Coffer is locked',
  'vault.locked.body': 'Unlock the vault to continue.',
  'vault.unlocked.title': 'Vault open',
  'keychain.unavailable': 'This computer has no working keychain. Coffer will ask for your recovery key at every start.',
  'error.bridge': 'Coffer could not reach its background process. Close and reopen the app; if this persists, reinstall it. Your data is unchanged.',
  'error.retry': 'Try again',
} as const;

export type MessageKey = keyof typeof en;
