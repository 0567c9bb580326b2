import type { StoreApi } from 'zustand';
import { useBackupStore } from './backup-store';
import { useCrmStore } from './crm-store';
import { useCustomerDetailStore } from './customer-detail-store';
import { useCustomersStore } from './customers-store';

function resetter<T>(store: StoreApi<T>): () => void {
  const start = store.getState();
  return () => store.setState(start, true);
}

/** The stores that hold customer data or revealed values, each back to its state before any load. */
const RESETS = [resetter(useCustomersStore), resetter(useCustomerDetailStore), resetter(useCrmStore), resetter(useBackupStore)];

/** Forgets everything loaded: called when the signed-in view goes away (sign-out, lock). */
export function forgetSessionData(): void {
  for (const reset of RESETS) reset();
}
