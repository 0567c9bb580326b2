import type { EraseCheck } from '../../../../shared/erasure';
import { useT } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { useChannelQuery } from '../../query';
import { Badge, Progress } from '../../ui';

/**
 * Pieces the erasure page, the privacy log and the recycle bin share (issue 16): how a check's
 * state reads, the touched tables as one line, and the progress of the after-checks that run on
 * main's worker thread while an erase or an "empty" waits for them.
 */
export type CheckState = 'passed' | 'failed' | 'running' | 'interrupted';

export const checkState = (check: EraseCheck): CheckState => check.status ?? (check.passed ? 'passed' : 'failed');

export function touchedList(touched: Record<string, number>, number: (n: number) => string): string {
  return Object.entries(touched)
    .map(([table, n]) => `${table} ${number(n)}`)
    .join(', ');
}

const TONE = { passed: 'success', failed: 'danger', running: 'neutral', interrupted: 'danger' } as const;

export function CheckBadge({ check }: { check: EraseCheck }) {
  const t = useT();
  const state = checkState(check);
  return (
    <Badge tone={TONE[state]} data-testid="privacy-log-check">
      {t(`privacyLog.${state}`)}
    </Badge>
  );
}

/** How often the page asks how far the checks are: they take seconds, the answer is three numbers. */
const POLL_MS = 250;

/** "Checking every table…" with a bar, asked of main only while `active` (an erase or empty is waiting). */
export function CheckingProgress({ active }: { active: boolean }) {
  const t = useT();
  const fmt = useFormat();
  const progress = useChannelQuery('privacy.checkProgress', {}, { enabled: active, staleTime: 0, refetchInterval: active ? POLL_MS : false });
  if (!active) return null;
  const p = progress.data;
  const known = p !== undefined && p.total > 0;
  const text = known ? t('erasure.checking.count', { done: fmt.number(p.done), total: fmt.number(p.total) }) : t('erasure.checking');
  return (
    <div data-testid="erasure-checking">
      <Progress label={t('erasure.checking')} value={known ? p.done : undefined} max={known ? p.total : 100} valueText={text} testId="erasure-checking-bar" />
      <p role="status">{text}</p>
    </div>
  );
}
