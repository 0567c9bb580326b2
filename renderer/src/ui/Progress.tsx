import styles from './Progress.module.css';
import { cx } from './cx';

export interface ProgressProps {
  /** Names the bar for screen readers ("Importing rows"). */
  label: string;
  /** Done so far, 0 to max; absent while the amount of work is not known (indeterminate). */
  value?: number | undefined;
  max?: number | undefined;
  /** Says the amount in words ("120 of 6,000 rows"), read instead of the bare percent. */
  valueText?: string | undefined;
  /** Shows the percent beside the bar. */
  showPercent?: boolean | undefined;
  className?: string | undefined;
  testId?: string | undefined;
}

/** A progress bar; its fill width is a React style prop (CSSOM), which the CSP allows. */
export function Progress({ label, value, max = 100, valueText, showPercent = true, className, testId }: ProgressProps) {
  const known = value !== undefined && Number.isFinite(value) && max > 0;
  const percent = known ? Math.round((Math.min(Math.max(value, 0), max) / max) * 100) : undefined;
  return (
    <div className={cx(styles.wrap, className)}>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={percent === undefined ? undefined : valueText}
        data-testid={testId}
        className={cx(styles.track, percent === undefined && styles.indeterminate)}
      >
        <div className={styles.fill} style={percent === undefined ? undefined : { width: `${percent}%` }} />
      </div>
      {showPercent && percent !== undefined && (
        <span className={styles.percent} aria-hidden="true">
          {percent}%
        </span>
      )}
    </div>
  );
}
