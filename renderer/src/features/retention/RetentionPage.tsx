import { can } from '../../../../shared/permissions';
import { ErrorNotice } from '../../components/ErrorNotice';
import { errorBody, useChannelQuery } from '../../query';
import { useAppStore } from '../../stores/app-store';
import { RetentionBatches } from './RetentionBatches';
import { RetentionDryRun } from './RetentionDryRun';
import { DormantCustomers, RunReports } from './RetentionHistory';
import { RetentionRules } from './RetentionRules';
import styles from './retention.module.css';

/** The Retention page (issue 17), owner and manager; only the owner changes, runs and confirms. */
export function RetentionPage() {
  const role = useAppStore((state) => state.status?.session?.role ?? 'auditor');
  const overview = useChannelQuery('retention.overview', {});
  const mayManage = can(role, 'retention.manage');
  const data = overview.data;
  return (
    <div className={styles.page} data-testid="retention-page">
      <ErrorNotice error={errorBody(overview.error)} />
      {data && (
        <>
          <RetentionRules key={JSON.stringify(data.settings)} overview={data} mayManage={mayManage} />
          <RetentionDryRun rules={data.rules} enabled={data.settings.enabled} mayManage={mayManage} />
          <RetentionBatches batches={data.batches} noticeDays={data.settings.noticeDays} mayManage={mayManage} />
          <DormantCustomers count={data.dormant} />
          <RunReports />
        </>
      )}
    </div>
  );
}
