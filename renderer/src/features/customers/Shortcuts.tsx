import { useEffect, useState } from 'react';
import { Dialog } from '../../ui';
import { useT, type MessageKey } from '../../i18n';
import styles from './list.module.css';

/** Every keyboard shortcut of the app, as the "?" list shows it (keys, then what they do). */
export const SHORTCUTS: readonly { keys: string; what: MessageKey }[] = [
  { keys: 'Ctrl+K', what: 'keys.search' },
  { keys: 'Ctrl+N', what: 'keys.new' },
  { keys: 'Ctrl+L', what: 'keys.lock' },
  { keys: 'Alt+←', what: 'keys.back' },
  { keys: 'Alt+→', what: 'keys.forward' },
  { keys: '↑ ↓', what: 'keys.move' },
  { keys: 'Page Up / Page Down', what: 'keys.page' },
  { keys: 'Home / End', what: 'keys.ends' },
  { keys: 'Enter', what: 'keys.open' },
  { keys: 'Space', what: 'keys.tick' },
  { keys: 'Esc', what: 'keys.escape' },
  { keys: '?', what: 'keys.help' },
];

/** Typing in a field is text, not a shortcut. */
function typing(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

/**
 * The app's window shortcuts, on every page: Ctrl/Cmd+N starts a new customer (from anywhere, for
 * those who may write), "?" lists every shortcut. Ignored while a dialog is open (it owns the
 * keyboard) or, for "?", while typing.
 */
export function AppShortcuts({ onNew }: { onNew: (() => void) | null }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (document.querySelector('dialog[open]')) return;
      if (onNew && (event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'n') {
        event.preventDefault();
        onNew();
      } else if (event.key === '?' && !event.ctrlKey && !event.metaKey && !typing(event.target)) {
        event.preventDefault();
        setOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onNew]);

  if (!open) return null;
  return (
    <Dialog title={t('keys.title')} confirmLabel={t('keys.close')} onConfirm={() => setOpen(false)} onCancel={() => setOpen(false)} testId="shortcuts-dialog">
      <table className={styles.keys}>
        <tbody>
          {SHORTCUTS.map(({ keys, what }) => (
            <tr key={keys}>
              <th scope="row">
                <kbd>{keys}</kbd>
              </th>
              <td>{t(what)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
