import type { HTMLAttributes } from 'react';
import styles from './Notice.module.css';
import { cx } from './cx';

export type NoticeTone = 'info' | 'success' | 'warning' | 'danger';

export interface NoticeProps extends HTMLAttributes<HTMLDivElement> {
  tone?: NoticeTone | undefined;
}

/**
 * A sentence the page says about itself (saved, a warning, a refusal). A warning or problem is an
 * alert, so a screen reader says it at once; the rest is a polite status. role can be overridden.
 */
export function Notice({ tone = 'info', className, role, ...rest }: NoticeProps) {
  return <div role={role ?? (tone === 'danger' || tone === 'warning' ? 'alert' : 'status')} className={cx(styles.notice, styles[tone], className)} {...rest} />;
}
