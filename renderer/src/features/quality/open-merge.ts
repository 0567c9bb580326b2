import { useMergeStore } from '../../stores/merge-store';

/** Merges take at most three records (main refuses more): a larger group is merged three at a time. */
export const MERGE_AT_MOST = 3;

/** "Merge…" on a duplicate group: the merge screen on the customers page, with the group's first three. */
export function openMerge(ids: readonly number[]): void {
  if (ids.length < 2) return;
  void useMergeStore.getState().open(ids.slice(0, MERGE_AT_MOST));
}
