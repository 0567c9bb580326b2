import { useChannelQuery, type Invalidation } from '../../query';
import { useImportStore } from '../../stores/import-store';

/** How often the page asks main how far the import is: often enough to move, rare enough to cost nothing. */
const POLL_MS = 300;

/** What a finished import (or a stopped one, which keeps the rows written so far) makes stale. */
export const IMPORT_CHANGES: readonly Invalidation[] = ['customers.', 'reminders.', 'dashboard.', 'import.history'];

export const working = (state: string | undefined) => state === undefined || state === 'running' || state === 'idle';

/**
 * The running import's progress (import.progress), one query shared by the wizard and its commit
 * step. Main writes the rows in batches on its own and tells nobody, so this is the one place
 * that polls: only while the job runs, and it stops by itself once main says done, cancelled or
 * failed (CommitStep then invalidates IMPORT_CHANGES).
 */
export function useImportProgress() {
  const importId = useImportStore((state) => state.preview?.importId ?? '');
  const step = useImportStore((state) => state.step);
  const query = useChannelQuery(
    'import.progress',
    { importId },
    { enabled: step === 'commit' && importId !== '', staleTime: 0, refetchInterval: (q) => (working(q.state.data?.state) && !q.state.error ? POLL_MS : false) },
  );
  return query;
}
