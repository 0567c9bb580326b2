import { can } from '../../../../shared/permissions';
import { errorTextIn, useT } from '../../i18n';
import { errorBody, invalidate, useChannelMutation } from '../../query';
import { useAppStore } from '../../stores/app-store';
import { QUALITY_CHANNELS } from '../../stores/quality-store';
import { Actions, Button, Notice } from '../../ui';
import { useDashboard } from '../dashboard/use-dashboard';
import { DuplicatesSection, MissingSection, StaleSection, useDay } from './QualityLists';
import styles from './quality.module.css';

/**
 * The data-quality review of the book: likely duplicates (for those who may merge), customers
 * nobody can reach, and records untouched for a year, each paged by main inside this user's
 * scope (each a query, DuplicatesSection and the others). Owner and manager mark the quarterly
 * review done here (a mutation that makes the dashboard's review line stale).
 */
export function DataQuality() {
  const t = useT();
  const day = useDay();
  const role = useAppStore((state) => state.status?.session?.role ?? 'auditor');
  const markReviewed = useChannelMutation('customers.qualityReviewed', ['dashboard.']);
  const reviewError = errorBody(markReviewed.error);
  const mayMerge = can(role, 'customers.write');
  const mayMarkReviewed = can(role, 'customers.assign');
  // The review line comes with the dashboard (the query cache shares it with the Home screen).
  const review = useDashboard(mayMarkReviewed).data?.qualityReview ?? null;

  // Someone may have changed customers on another device or window since: read the lists again.
  const refresh = () => void invalidate(Object.values(QUALITY_CHANNELS));

  return (
    <section aria-labelledby="quality-title" data-testid="quality-page">
      <div className={styles.head}>
        <h2 id="quality-title">{t('quality.title')}</h2>
        <Actions flush>
          <Button variant="secondary" onClick={refresh}>
            {t('quality.refresh')}
          </Button>
          {mayMarkReviewed && (
            <Button onClick={() => markReviewed.mutate({})} data-testid="quality-mark-reviewed">
              {t('quality.markReviewed')}
            </Button>
          )}
        </Actions>
      </div>
      <p className={styles.hint}>{t('quality.intro')}</p>
      {review && (
        <p className={styles.hint} data-testid="quality-review-status">
          {review.lastReviewedAt ? t('quality.reviewedAt', { when: day(review.lastReviewedAt), next: day(review.nextDueAt) }) : t('quality.neverReviewed', { next: day(review.nextDueAt) })}
        </p>
      )}
      {markReviewed.isSuccess && (
        <Notice tone="success" data-testid="quality-reviewed">
          {t('quality.reviewDone')}
        </Notice>
      )}
      {reviewError && (
        <Notice tone="danger" data-testid="error" data-code={reviewError.code}>
          {errorTextIn(t, 'quality', reviewError.code)}
        </Notice>
      )}
      {mayMerge && <DuplicatesSection />}
      <MissingSection />
      <StaleSection />
    </section>
  );
}
