/** English text for screen protection (Settings) and the second backup folder (Backups). */
export const shieldEn = {
  'screen.title': 'Screen protection',
  'screen.intro': 'Windows of the roles you tick are kept out of screenshots, screen recordings and screen sharing (remote meetings, remote support). A screenshot of a protected window shows it black.',
  'screen.platforms': 'Windows and macOS honour this. Linux does not: there, screenshots and screen sharing still show the window.',
  'screen.roles': 'Protect the windows of',
  'screen.save': 'Save screen protection',
  'screen.saved': 'Saved. It takes effect at once.',
};
