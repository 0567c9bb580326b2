import { create } from 'zustand';
import type { NewConsent } from '../../../shared/ledger';
import type { ErrorBody } from '../../../shared/errors';
import type { DuplicateChoice, ImportCounts, ImportPreview, ImportTarget, RowAction, TextEncoding } from '../../../shared/import';
import { call } from '../client';
import { importConsentInput } from '../features/privacy/import-consent-store';
import { invalidate } from '../query';

export type ImportStep = 'file' | 'map' | 'check' | 'commit';
export type RowFilter = RowAction | 'warning' | 'all';
export const ROWS_PAGE = 50;

interface ImportState {
  /** What the customers page shows instead of its list: the wizard, the history, or neither. */
  view: 'wizard' | 'history' | null;
  step: ImportStep;
  busy: boolean;
  error: ErrorBody | null;
  /** The file step's own outcome: refused (the error) or no file chosen. */
  fileError: ErrorBody | null;
  fileCancelled: boolean;
  preview: ImportPreview | null;
  /** Column letter -> target, in the file's column order. */
  mapping: { letter: string; target: ImportTarget }[];
  remember: boolean;
  /** Copy a vertically merged cell (a company over its contacts) into every row it covers. */
  fillMerged: boolean;
  choice: DuplicateChoice;
  overrides: Record<number, DuplicateChoice>;
  /** The owner's new consent for rows erased at their request (person_erased); null: none. */
  newConsent: NewConsent | null;
  counts: ImportCounts | null;
  total: number;
  /** Which of the dry run's rows are shown: the input of the import.rows query (RowsTable.tsx). */
  filter: RowFilter;
  offset: number;
  confirmRepeat: boolean;
  saved: { status: 'saved'; rows: number } | { status: 'cancelled' } | null;
  /** The person asked to stop the running import (main stops after its current batch). */
  stopping: boolean;

  openWizard(): void;
  /** Shows past imports (their list is the import.history query, ImportHistory.tsx). */
  openHistory(): Promise<void>;
  /** Leaves the wizard or history; main forgets the open file. */
  close(): Promise<void>;
  chooseFile(): Promise<void>;
  reparse(patch: { sheet?: string; encoding?: TextEncoding; headerRow?: number; fillMerged?: boolean }): Promise<void>;
  setTarget(letter: string, target: ImportTarget): void;
  setRemember(on: boolean): void;
  setFillMerged(on: boolean): Promise<void>;
  back(): void;
  dryRun(): Promise<void>;
  setChoice(choice: DuplicateChoice): Promise<void>;
  setNewConsent(consent: NewConsent | null): Promise<void>;
  setOverride(row: number, choice: DuplicateChoice | null): Promise<void>;
  showRows(filter: RowFilter, offset: number): void;
  setConfirmRepeat(on: boolean): void;
  saveErrors(): Promise<void>;
  /** Starts writing the rows; its progress is the import.progress query (use-import-progress.ts). */
  commit(): Promise<void>;
  cancel(): Promise<void>;
}

const fresh = {
  step: 'file' as ImportStep,
  busy: false,
  error: null,
  fileError: null,
  fileCancelled: false,
  preview: null,
  mapping: [],
  remember: true,
  fillMerged: false,
  choice: 'skip' as DuplicateChoice,
  overrides: {},
  newConsent: null,
  counts: null,
  total: 0,
  filter: 'all' as RowFilter,
  offset: 0,
  confirmRepeat: false,
  saved: null,
  stopping: false,
};

const suggested = (preview: ImportPreview) => preview.columns.map((c) => ({ letter: c.letter, target: c.suggested }));

/**
 * The import wizard. Main holds the file and every row; this keeps the opaque import id (inside
 * the preview), the mapping and choices the person made, and the page of row results on screen.
 * The commit's progress and the history of imports are queries (use-import-progress.ts,
 * ImportHistory.tsx), so they are not kept here.
 */
export const useImportStore = create<ImportState>()((set, get) => {
  const importId = () => get().preview?.importId ?? '';
  // The dry run and the re-parse answer for the choices made when they were asked: a newer
  // choice (three quick changes of the duplicate choice) starts a newer run, and only the newest
  // run's answer is shown, and the rows are read again only after it.
  let dryRuns = 0;
  let parses = 0;
  return {
    view: null,
    ...fresh,
    openWizard: () => set({ view: 'wizard', ...fresh }),
    async openHistory() {
      set({ view: 'history', error: null });
    },
    async close() {
      const id = get().preview?.importId;
      set({ view: null, ...fresh });
      if (id) await call('import.close', { importId: id });
    },
    async chooseFile() {
      const previous = get().preview?.importId;
      set({ busy: true, fileError: null, fileCancelled: false, error: null });
      if (previous) await call('import.close', { importId: previous });
      const result = await call('import.open', {});
      if (!result.ok) return set({ busy: false, fileError: result.error, preview: null });
      if (result.value.status === 'cancelled') return set({ busy: false, fileCancelled: true });
      const preview = result.value.preview;
      set({ ...fresh, preview, mapping: suggested(preview), step: 'map' });
    },
    async reparse(patch) {
      const { preview } = get();
      if (!preview) return;
      set({ busy: true, error: null });
      const input = { importId: preview.importId, ...(preview.sheet ? { sheet: preview.sheet } : {}), ...(preview.encoding ? { encoding: preview.encoding } : {}), fillMerged: get().fillMerged, ...patch };
      const run = ++parses;
      const result = await call('import.preview', input);
      if (run !== parses || get().preview?.importId !== preview.importId) return;
      if (!result.ok) return set({ busy: false, error: result.error });
      set({ busy: false, preview: result.value, mapping: suggested(result.value) });
    },
    setTarget: (letter, target) => set({ mapping: get().mapping.map((m) => (m.letter === letter ? { letter, target } : m)) }),
    setRemember: (remember) => set({ remember }),
    async setFillMerged(fillMerged) {
      set({ fillMerged });
      await get().reparse({ fillMerged });
    },
    back() {
      const { step } = get();
      set({ step: step === 'check' ? 'map' : 'file', error: null, saved: null });
    },
    async dryRun() {
      const { mapping, choice, overrides, remember, newConsent } = get();
      set({ busy: true, error: null, saved: null });
      const list = Object.entries(overrides).map(([row, c]) => ({ row: Number(row), choice: c }));
      const id = importId();
      const run = ++dryRuns;
      const result = await call('import.dryRun', { importId: id, mapping, choice, overrides: list, rememberMapping: remember, ...(newConsent ? { newConsent } : {}) });
      if (run !== dryRuns || importId() !== id) return;
      if (!result.ok) return set({ busy: false, error: result.error });
      // The rows main holds are this dry run's now: any page read before is stale.
      await invalidate(['import.rows']);
      set({ busy: false, step: 'check', counts: result.value.counts, total: result.value.total });
    },
    async setChoice(choice) {
      set({ choice });
      await get().dryRun();
    },
    async setNewConsent(newConsent) {
      set({ newConsent });
      await get().dryRun();
    },
    async setOverride(row, choice) {
      const overrides = { ...get().overrides };
      if (choice) overrides[row] = choice;
      else delete overrides[row];
      set({ overrides });
      await get().dryRun();
    },
    showRows: (filter, offset) => set({ filter, offset }),
    setConfirmRepeat: (confirmRepeat) => set({ confirmRepeat }),
    async saveErrors() {
      set({ busy: true, error: null, saved: null });
      const result = await call('import.saveErrors', { importId: importId() });
      if (!result.ok) return set({ busy: false, error: result.error });
      set({ busy: false, saved: result.value });
    },
    async commit() {
      set({ busy: true, error: null });
      const result = await call('import.commit', { importId: importId(), confirmRepeat: get().confirmRepeat, ...importConsentInput() });
      if (!result.ok) return set({ busy: false, error: result.error });
      set({ busy: false, step: 'commit', stopping: false });
    },
    async cancel() {
      set({ stopping: true });
      const result = await call('import.cancel', { importId: importId() });
      if (!result.ok) return set({ error: result.error, stopping: false });
      // Ask at once rather than at the next tick of the poll: the stop shows sooner.
      await invalidate(['import.progress']);
    },
  };
});
