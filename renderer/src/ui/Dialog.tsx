import { useEffect, useId, useRef, type FormEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import type { ErrorBody } from '../../../shared/errors';
import { ErrorNotice } from '../components/ErrorNotice';
import { useT } from '../i18n';
import { Button } from './Button';
import styles from './Dialog.module.css';

export interface DialogProps {
  title: string;
  message?: string | undefined;
  confirmLabel: string;
  /** A destructive or high-risk action: the confirm button is drawn as danger. */
  danger?: boolean | undefined;
  busy?: boolean | undefined;
  /** The confirm button waits for the dialog's field to be valid (e.g. a reason long enough). */
  confirmDisabled?: boolean | undefined;
  /** A problem the call reported that is not tied to the dialog's field. */
  error?: ErrorBody | null | undefined;
  onConfirm(): void;
  onCancel(): void;
  children?: ReactNode;
  testId?: string | undefined;
}

/**
 * The one in-app modal. Electron has no window.prompt/confirm (its renderer throws), so every
 * "are you sure" and "your password, again" goes through this. It is the native <dialog> opened
 * with showModal(): the browser makes the rest of the page inert (focus stays inside) and turns
 * Esc into a cancel event; Enter submits the form. Focus goes back to whatever opened it.
 * Mounted only while open, so each opening starts clean.
 */
export function Dialog({ title, message, confirmLabel, danger, busy, confirmDisabled, error, onConfirm, onCancel, children, testId }: DialogProps) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const messageId = useId();
  const cancelRef = useRef(onCancel);
  cancelRef.current = onCancel;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    // Esc: the browser would close the dialog behind React's back; let the owner decide instead.
    const onNativeCancel = (event: Event) => {
      event.preventDefault();
      cancelRef.current();
    };
    dialog.addEventListener('cancel', onNativeCancel);
    return () => {
      dialog.removeEventListener('cancel', onNativeCancel);
      if (dialog.open) dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // React bubbles events through portals to the tree that rendered the dialog: a dialog opened
    // from inside a form (the customer form's duplicate hint) must not submit that form too.
    event.stopPropagation();
    if (!busy && !confirmDisabled) onConfirm();
  };

  // In document.body, not where it was opened: a <form> inside another <form> is invalid HTML.
  return createPortal(
    // Esc belongs to the dialog: a panel around it that closes on Esc must not close too.
    <dialog
      ref={ref}
      className={styles.dialog}
      role={danger ? 'alertdialog' : undefined}
      onKeyDown={(e) => e.key === 'Escape' && e.stopPropagation()}
      aria-labelledby={titleId}
      aria-describedby={message ? messageId : undefined}
      data-testid={testId ?? 'dialog'}
    >
      <form onSubmit={submit} noValidate>
        <h3 id={titleId} className={styles.title}>
          {title}
        </h3>
        {message && (
          <p id={messageId} className={styles.message}>
            {message}
          </p>
        )}
        {children}
        <ErrorNotice error={error ?? null} />
        <div className={styles.actions}>
          {/* showModal() focuses the first control: the field if there is one, else this button, so Enter confirms. */}
          <Button type="submit" variant={danger ? 'danger' : 'primary'} disabled={busy || confirmDisabled}>
            {busy ? t('common.working') : confirmLabel}
          </Button>
          <Button variant="secondary" onClick={onCancel}>
            {t('dialog.cancel')}
          </Button>
        </div>
      </form>
    </dialog>,
    document.body,
  );
}
