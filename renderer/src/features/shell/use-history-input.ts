import { useEffect } from 'react';
import { isMenuCommand, MENU_EVENT } from '../../../../shared/menu-commands';
import { useNavStore } from '../../stores/nav-store';

/** The mouse's side buttons, as MouseEvent.button reports them. */
export const MOUSE_BACK = 3;
export const MOUSE_FORWARD = 4;

/**
 * Back and Forward the way a browser does them: Alt+Left/Right, the mouse's side buttons, and on
 * Windows the app-command main forwards as a menu command. Chromium would otherwise treat the
 * side buttons as its own history navigation, which in the app would reload the page: every
 * event for those buttons is cancelled, and only mouseup moves, so one press moves once.
 */
export function useHistoryInput(): void {
  useEffect(() => {
    const { back, forward } = useNavStore.getState();
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || event.defaultPrevented) return;
      if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
      event.preventDefault();
      if (event.key === 'ArrowLeft') back();
      else forward();
    };
    const swallow = (event: MouseEvent) => {
      if (event.button === MOUSE_BACK || event.button === MOUSE_FORWARD) event.preventDefault();
    };
    const onMouseUp = (event: MouseEvent) => {
      if (event.button !== MOUSE_BACK && event.button !== MOUSE_FORWARD) return;
      event.preventDefault();
      if (event.button === MOUSE_BACK) back();
      else forward();
    };
    const onMenu = (event: Event) => {
      const command = (event as CustomEvent<unknown>).detail;
      if (!isMenuCommand(command)) return;
      if (command === 'history.back') back();
      if (command === 'history.forward') forward();
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('mousedown', swallow);
    window.addEventListener('auxclick', swallow);
    window.addEventListener('mouseup', onMouseUp);
    window.addEventListener(MENU_EVENT, onMenu);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('mousedown', swallow);
      window.removeEventListener('auxclick', swallow);
      window.removeEventListener('mouseup', onMouseUp);
      window.removeEventListener(MENU_EVENT, onMenu);
    };
  }, []);
}
