/** English text for the shell's navigation, the Account page and Settings > About. */
export const navEn = {
  'nav.account': 'My account',
  'nav.menu': 'Main menu',
  'shell.back': 'Back',
  'shell.backHint': 'Back (Alt+Left)',
  'shell.forward': 'Forward',
  'shell.forwardHint': 'Forward (Alt+Right)',
  'shell.accountHint': 'My account: password, two-step sign-in, sign out',
  'account.title': 'My account',
  'account.who': '{name} · {role} · username {username}',
  'account.session.title': 'Sign out or lock',
  'account.session.body': 'Lock keeps you signed in and asks for your password when you come back (Ctrl+L). Sign out ends your session on this computer.',
  'about.title': 'About Coffer',
  'about.app': 'Coffer version',
  'about.schema': 'Database schema',
  'about.sqlite': 'SQLite version',
  'about.licences': 'Coffer is built with open-source software (Electron, React, SQLite with SQLCipher and others), each used under its own licence (MIT, BSD or public domain).',
} as const;
