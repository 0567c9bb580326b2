import type { InputHTMLAttributes } from 'react';
import { Field as LabelledField, Input } from '../ui';

export interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  label: string;
  hint?: string | undefined;
  problem?: string | undefined;
}

/** A labelled text input (the ui Field around an Input), the shape most forms need. */
export function Field({ label, hint, problem, ...input }: FieldProps) {
  return (
    <LabelledField label={label} hint={hint} error={problem}>
      {(control) => <Input {...control} {...input} />}
    </LabelledField>
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
