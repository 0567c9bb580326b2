import type { StoreApi } from 'zustand';
import { forgetQueries } from '../query';
import { clearToasts } from '../ui';
import { useAppStore, type LoginNotice } from './app-store';
import { useBackupStore } from './backup-store';
import { useCrmStore } from './crm-store';
import { useCustomerDetailStore } from './customer-detail-store';
import { useCustomersStore } from './customers-store';
import { useImportStore } from './import-store';
import { useMergeStore } from './merge-store';
import { useNavStore } from './nav-store';
import { useQualityStore } from './quality-store';

function resetter<T>(store: StoreApi<T>): () => void {
  const start = store.getState();
  return () => store.setState(start, true);
}

/** The stores that hold customer data, revealed values, users or the audit log, each back to its state before any load. */
const RESETS = [resetter(useCustomersStore), resetter(useCustomerDetailStore), resetter(useCrmStore), resetter(useBackupStore), resetter(useImportStore), resetter(useMergeStore), resetter(useQualityStore), resetter(useNavStore)];

/** Forgets everything loaded: called when the signed-in view goes away (sign-out, lock). */
export function forgetSessionData(): void {
  for (const reset of RESETS) reset();
  forgetQueries();
  // Toasts carry interface wording only today; cleared anyway so nothing of one session shows in the next.
  clearToasts();
}

/**
 * After a restore the vault is another one and nobody is signed in: the sign-in screen comes up
 * with the notice, and nothing the old vault showed survives.
 */
export async function afterVaultReplaced(notice: LoginNotice): Promise<void> {
  useAppStore.getState().setNotice(notice);
  await useAppStore.getState().refresh();
  forgetSessionData();
}
