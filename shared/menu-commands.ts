/**
 * Menu items that open a screen rather than run a job in main (Backups > Restore from backup
 * needs the password typed in the window). Main sends the command name; the preload passes a
 * known name on as a DOM event the page listens for. Only a name crosses, never data, and a page
 * that fakes the event only opens a screen: the restore itself still goes through the router.
 */
export const MENU_EVENT = 'coffer:menu';
// history.*: Windows sends the mouse's side buttons and keyboard Back/Forward keys to the window
// as app-commands, which main passes on so Back works there as in the page.
// alerts.open: a click on the "new security alert" desktop notification opens the inbox.
export const MENU_COMMANDS = ['backups.restore', 'history.back', 'history.forward', 'alerts.open'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}
