import { useId, type InputHTMLAttributes } from 'react';

export interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  label: string;
  hint?: string | undefined;
  problem?: string | undefined;
}

/** A labelled input whose hint and problem are announced to screen readers. */
export function Field({ label, hint, problem, ...input }: FieldProps) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : '', problem ? `${id}-problem` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} aria-invalid={problem ? true : undefined} aria-describedby={describedBy} {...input} />
      {hint && (
        <small id={`${id}-hint`} className="hint">
          {hint}
        </small>
      )}
      {problem && (
        <small id={`${id}-problem`} className="problem" role="alert">
          {problem}
        </small>
      )}
    </div>
  );
}

/**
 * The whole recovery key, typed back from paper: never offered to autofill or the spell checker
 * (both would keep a copy), bounded like the contract's recoveryKeyText.
 */
export function RecoveryKeyField(props: Omit<FieldProps, 'autoComplete' | 'spellCheck' | 'maxLength' | 'placeholder'>) {
  return <Field {...props} autoComplete="off" spellCheck={false} maxLength={200} placeholder="XXXX-XXXX-XXXX-…" />;
}

/**
 * Your own password, typed again to confirm a sensitive step: a real password input that is never
 * offered to autofill or the spell checker (either would keep or suggest a copy).
 */
export function PasswordAgainField(props: Omit<FieldProps, 'type' | 'autoComplete' | 'spellCheck' | 'autoCapitalize' | 'autoCorrect' | 'maxLength'>) {
  return <Field {...props} type="password" autoComplete="off" spellCheck={false} autoCapitalize="off" autoCorrect="off" maxLength={256} />;
}
