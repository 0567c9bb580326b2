import type { HTMLAttributes } from 'react';
import styles from './Actions.module.css';
import { cx } from './cx';

export interface ActionsProps extends HTMLAttributes<HTMLDivElement> {
  /** Flush: no space above (beside a heading, inside a table tool bar). */
  flush?: boolean | undefined;
}

/** A row of buttons under a form or a notice, the first one the main action. */
export function Actions({ flush, className, ...rest }: ActionsProps) {
  return <div className={cx(styles.actions, flush && styles.flush, className)} {...rest} />;
}
