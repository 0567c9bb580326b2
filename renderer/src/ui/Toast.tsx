import { create } from 'zustand';
import { useT } from '../i18n';
import styles from './Toast.module.css';
import { cx } from './cx';

export type ToastTone = 'info' | 'success' | 'warning' | 'danger';

export interface ToastItem {
  id: number;
  message: string;
  tone: ToastTone;
}

interface ToastState {
  toasts: ToastItem[];
  dismiss(id: number): void;
}

/** Long enough to read a sentence in either language; a warning or a problem waits to be dismissed. */
const DEFAULT_TIMEOUT_MS = 6000;
/** More at once is noise: the oldest goes first. */
const MAX_TOASTS = 4;

let nextId = 1;

export const useToastStore = create<ToastState>()((set) => ({
  toasts: [],
  dismiss: (id) => set((state) => ({ toasts: state.toasts.filter((item) => item.id !== id) })),
}));

export interface ToastOptions {
  tone?: ToastTone | undefined;
  /** Milliseconds before it goes by itself; 0 keeps it until dismissed. */
  timeout?: number | undefined;
}

/**
 * Says that something finished ("Saved", "12 customers exported"). Never the only place a
 * problem is said: an error that needs an answer belongs next to what caused it.
 * Messages are UI text only: never customer data (they stay on screen after a lock).
 */
export function toast(message: string, options: ToastOptions = {}): number {
  const tone = options.tone ?? 'info';
  const timeout = options.timeout ?? (tone === 'info' || tone === 'success' ? DEFAULT_TIMEOUT_MS : 0);
  const id = nextId++;
  useToastStore.setState((state) => ({ toasts: [...state.toasts, { id, message, tone }].slice(-MAX_TOASTS) }));
  if (timeout > 0) setTimeout(() => useToastStore.getState().dismiss(id), timeout);
  return id;
}

/** Forgets every toast (at sign-out and lock). */
export function clearToasts(): void {
  useToastStore.setState({ toasts: [] });
}

/** The live region: mounted once, always present, so screen readers announce what is added. */
export function Toaster() {
  const t = useT();
  const toasts = useToastStore((state) => state.toasts);
  const dismiss = useToastStore((state) => state.dismiss);
  return (
    <div role="status" aria-live="polite" aria-label={t('ui.notifications')} className={styles.region} data-testid="toaster">
      {toasts.map((item) => (
        <div key={item.id} className={cx(styles.toast, styles[item.tone])} data-testid="toast" data-tone={item.tone}>
          <span className={styles.message}>{item.message}</span>
          <button type="button" className={styles.dismiss} aria-label={t('ui.dismiss')} onClick={() => dismiss(item.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
