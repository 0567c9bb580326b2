import type { MenuCommand } from '../../shared/menu-commands';

/**
 * Windows delivers the mouse's side buttons and the keyboard's Back/Forward keys to the window as
 * app-commands (not to the page), so without this Back would work on Linux and macOS only. They
 * reach the page as the same history commands the page's own keys and buttons use.
 */
export function historyCommandFor(appCommand: string): MenuCommand | null {
  if (appCommand === 'browser-backward') return 'history.back';
  if (appCommand === 'browser-forward') return 'history.forward';
  return null;
}
