import { create } from 'zustand';
import type { ConsentPurpose, EvidenceSource, ImportConsent } from '../../../../shared/consent';
import { localToday } from './consent-words';

interface ImportConsentState {
  grantOn: boolean;
  grantPurpose: ConsentPurpose;
  basis: string;
  separate: boolean;
  grantSource: EvidenceSource;
  grantDate: string;
  withdrawOn: boolean;
  withdrawPurpose: ConsentPurpose;
  withdrawSource: EvidenceSource;
  withdrawDate: string;
  set(patch: Partial<Omit<ImportConsentState, 'set' | 'reset'>>): void;
  reset(): void;
}

const initial = () => ({
  grantOn: false,
  grantPurpose: 'marketing-sms' as ConsentPurpose,
  basis: 'consent',
  separate: false,
  grantSource: 'import' as EvidenceSource,
  grantDate: localToday(),
  withdrawOn: false,
  withdrawPurpose: 'marketing-sms' as ConsentPurpose,
  withdrawSource: 'paper-form' as EvidenceSource,
  withdrawDate: localToday(),
});

/** The import's batch-wide consent choices (check step), read once by the commit. */
export const useImportConsentStore = create<ImportConsentState>()((set) => ({
  ...initial(),
  set: (patch) => set(patch),
  reset: () => set(initial()),
}));

/** What import.commit gets: nothing when neither box is ticked. */
export function importConsentInput(): { consent?: ImportConsent } {
  const s = useImportConsentStore.getState();
  if (!s.grantOn && !s.withdrawOn) return {};
  return {
    consent: {
      ...(s.grantOn ? { grant: { purpose: s.grantPurpose, basis: s.basis as never, separate: s.separate, evidenceSource: s.grantSource, evidenceDate: s.grantDate } } : {}),
      ...(s.withdrawOn ? { withdraw: { purpose: s.withdrawPurpose, evidenceSource: s.withdrawSource, evidenceDate: s.withdrawDate } } : {}),
    },
  };
}
