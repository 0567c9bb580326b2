import { forwardRef, type SelectHTMLAttributes } from 'react';
import styles from './Select.module.css';
import { cx } from './cx';

export type SelectProps = SelectHTMLAttributes<HTMLSelectElement>;

/** The native select, styled with the tokens: keyboard, type-ahead and screen readers for free. */
export const Select = forwardRef<HTMLSelectElement, SelectProps>(function Select({ className, ...rest }, ref) {
  return <select ref={ref} className={cx(styles.select, className)} {...rest} />;
});
