import { useCallback, useRef, useState, type ReactNode } from 'react';
import type { ErrorBody } from '../../../shared/errors';
import { fieldText, useT } from '../i18n';
import { Dialog } from '../ui';
import { Field, PasswordAgainField } from './Field';

/** What a confirmation says. `run` does the work; its error stays in the dialog, which stays open. */
export interface ConfirmRequest {
  title: string;
  message?: string;
  confirmLabel: string;
  danger?: boolean;
  run?(): Promise<ErrorBody | null>;
}

/** A confirmation that also takes a password: the user's own ("current") or one they set ("new"). */
export interface PasswordRequest extends Omit<ConfirmRequest, 'run'> {
  label: string;
  kind: 'current' | 'new';
  run(password: string): Promise<ErrorBody | null>;
}

type Asked = { password: false; request: ConfirmRequest } | { password: true; request: PasswordRequest };
type Open = Asked & { resolve(done: boolean): void };

/**
 * The state behind both hooks: one request at a time, answered by a promise that says whether
 * the action was done (true) or the user cancelled (false), so a call site reads top to bottom.
 */
function useAsk(): [ReactNode, (asked: Asked) => Promise<boolean>] {
  const [open, setOpen] = useState<Open | null>(null);
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);
  const current = useRef<Open | null>(null);

  const finish = (done: boolean) => {
    current.current?.resolve(done);
    current.current = null;
    setOpen(null);
    setValue('');
    setBusy(false);
    setError(null);
  };
  const confirm = async () => {
    const asked = current.current;
    if (!asked) return;
    setBusy(true);
    const problem = asked.password ? await asked.request.run(value) : ((await asked.request.run?.()) ?? null);
    if (current.current !== asked) return;
    if (problem) {
      // Said in the dialog, which stays open; a refused password is not left there to resubmit.
      setBusy(false);
      setError(problem);
      if (asked.password) setValue('');
      return;
    }
    finish(true);
  };
  const ask = useCallback(
    (asked: Asked) =>
      new Promise<boolean>((resolve) => {
        current.current?.resolve(false);
        const next = { ...asked, resolve };
        current.current = next;
        setValue('');
        setError(null);
        setBusy(false);
        setOpen(next);
      }),
    [],
  );

  const element = open ? <AskDialog open={open} value={value} setValue={setValue} busy={busy} error={error} onConfirm={() => void confirm()} onCancel={() => finish(false)} /> : null;
  return [element, ask];
}

function AskDialog(props: { open: Open; value: string; setValue(v: string): void; busy: boolean; error: ErrorBody | null; onConfirm(): void; onCancel(): void }) {
  const t = useT();
  const { request, password } = props.open;
  const fieldProblem = props.error?.fields ? Object.values(props.error.fields)[0] : undefined;
  const asked = props.open.password ? props.open.request : null;
  const problem = fieldProblem ? fieldText(t, fieldProblem) : undefined;
  return (
    <Dialog
      title={request.title}
      message={request.message}
      confirmLabel={request.confirmLabel}
      danger={request.danger}
      busy={props.busy}
      error={fieldProblem && password ? null : props.error}
      onConfirm={props.onConfirm}
      onCancel={props.onCancel}
      testId={password ? 'password-dialog' : 'confirm-dialog'}
    >
      {asked?.kind === 'current' && (
        <PasswordAgainField label={asked.label} value={props.value} onChange={(e) => props.setValue(e.target.value)} problem={problem} />
      )}
      {asked?.kind === 'new' && (
        // A password being set: the browser may offer a strong one, but never checks its spelling.
        <Field label={asked.label} type="password" autoComplete="new-password" spellCheck={false} autoCapitalize="off" autoCorrect="off" maxLength={256} value={props.value} onChange={(e) => props.setValue(e.target.value)} problem={problem} />
      )}
    </Dialog>
  );
}

/** `const [dialog, confirm] = useConfirm()`: render `dialog`, then `await confirm({...})`. */
export function useConfirm(): [ReactNode, (request: ConfirmRequest) => Promise<boolean>] {
  const [element, ask] = useAsk();
  return [element, useCallback((request: ConfirmRequest) => ask({ password: false, request }), [ask])];
}

/** `const [dialog, askPassword] = usePasswordPrompt()`: the "your password, again" step. */
export function usePasswordPrompt(): [ReactNode, (request: PasswordRequest) => Promise<boolean>] {
  const [element, ask] = useAsk();
  return [element, useCallback((request: PasswordRequest) => ask({ password: true, request }), [ask])];
}
