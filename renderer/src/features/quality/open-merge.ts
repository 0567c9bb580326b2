import { useCustomerDetailStore } from '../../stores/customer-detail-store';
import { useNavStore } from '../../stores/nav-store';

/**
 * "Merge…" on a duplicate group. The merge screen's store (renderer/src/stores/merge-store.ts)
 * is being written on branch i13-merge; when the branches meet, the body becomes
 * `useMergeStore.getState().open(ids)`. Until then it does the nearest useful thing: goes to
 * Customers and opens the group's first record, so the person can compare and fix it by hand.
 */
export function openMerge(ids: readonly number[]): void {
  const first = ids[0];
  if (first === undefined) return;
  useNavStore.getState().go('customers');
  void useCustomerDetailStore.getState().open(first);
}
