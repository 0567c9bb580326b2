import type { ReactNode } from 'react';
import styles from './EmptyState.module.css';
import { cx } from './cx';

export interface EmptyStateProps {
  title: ReactNode;
  text?: ReactNode | undefined;
  /** What to do about it (usually one Button). */
  action?: ReactNode | undefined;
  className?: string | undefined;
  testId?: string | undefined;
}

/** Nothing to show yet: says so, and what would change that. */
export function EmptyState({ title, text, action, className, testId }: EmptyStateProps) {
  return (
    <div className={cx(styles.empty, className)} data-testid={testId}>
      <p className={styles.title}>{title}</p>
      {text && <p className={styles.text}>{text}</p>}
      {action && <div className={styles.action}>{action}</div>}
    </div>
  );
}
