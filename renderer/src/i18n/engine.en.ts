/** English text for the screen shown when the database module did not load (DATABASE_ENGINE_MISSING). */
export const engineEn = {
  'engine.title': 'The database engine for this version of Coffer is missing',
  'engine.what': 'Coffer could not load its database engine (the SQLCipher module), so it cannot open or create a database. The engine file is missing, incomplete, or was built for another version of Coffer.',
  'engine.untouched': 'Your data is untouched: nothing has been opened, changed or written. Do not restore a backup because of this message.',
  'engine.fixDev': 'If you run Coffer from its source folder, run this command there, then start Coffer again:',
  'engine.fixInstalled': 'If you installed Coffer, reinstall the same or a newer version, then start Coffer again.',
  'engine.code': 'Error code: {code}',
  'error.DATABASE_ENGINE_MISSING': 'The database engine for this version of Coffer is missing. Your data is untouched. Run "npm run native:electron" or reinstall Coffer, then start it again.',
} as const;
