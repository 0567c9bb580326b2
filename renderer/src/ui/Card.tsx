import { useId, type HTMLAttributes, type ReactNode } from 'react';
import styles from './Card.module.css';
import { cx } from './cx';

export interface CardProps extends Omit<HTMLAttributes<HTMLElement>, 'title'> {
  title?: ReactNode | undefined;
  /** Buttons beside the title (a card's own commands). */
  actions?: ReactNode | undefined;
  /** The heading level of the title: a card on a page is usually a section under the page's h2. */
  level?: 2 | 3 | undefined;
  width?: 'narrow' | 'normal' | 'wide' | undefined;
}

/** A surface with an optional titled header; a section, so the title names it for screen readers. */
export function Card({ title, actions, level = 2, width = 'normal', className, children, ...rest }: CardProps) {
  const Heading = level === 2 ? 'h2' : 'h3';
  const headingId = useId();
  return (
    <section className={cx(styles.card, styles[width], className)} aria-labelledby={title ? headingId : undefined} {...rest}>
      {(title || actions) && (
        <header className={styles.header}>
          {title && (
            <Heading id={headingId} className={styles.title}>
              {title}
            </Heading>
          )}
          {actions && <div className={styles.actions}>{actions}</div>}
        </header>
      )}
      {children}
    </section>
  );
}
