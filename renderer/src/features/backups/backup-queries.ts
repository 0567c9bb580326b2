import type { ChannelInput } from '../../../../shared/contract';
import { errorBody, invalidate, useChannelMutation, useChannelQuery } from '../../query';
import { useAppStore } from '../../stores/app-store';
import { useBackupStore, type BackupFile } from '../../stores/backup-store';

const newestFirst = (a: BackupFile, b: BackupFile) => (b.at ?? '').localeCompare(a.at ?? '') || b.name.localeCompare(a.name);

/** Server data of the Backups page. No interval: main's 'backup.' hint re-reads it when a job starts or ends anywhere. */
export function useBackupData(enabled = true) {
  const status = useChannelQuery('backup.status', {}, { enabled });
  const reports = useChannelQuery('backup.reports', { limit: 20 }, { enabled });
  // Without a folder there is nothing to list, and the page already says so.
  const folder = Boolean(status.data?.folder);
  const files = useChannelQuery('backup.files', {}, { enabled: enabled && folder, select: (list) => [...list].sort(newestFirst) });
  return { status: status.data ?? null, statusError: errorBody(status.error), reports: reports.data ?? [], files: folder ? (files.data ?? []) : [] };
}

// A failed job is news too (the status shows the failure): re-read whatever the outcome.
const rereadBackups = () => void invalidate(['backup.']);

/**
 * This window's jobs. `busy` is the one it waits on; a job started elsewhere (the schedule, the
 * menu) shows through the status instead.
 */
export function useBackupJobs() {
  const set = useBackupStore((state) => state.set);
  const run = useChannelMutation('backup.run', ['backup.']);
  const drill = useChannelMutation('backup.drill', ['backup.']);
  const choose = useChannelMutation('settings.chooseBackupFolder', ['backup.']);
  const restoring = useChannelMutation('backup.restore', []);
  const busy = run.isPending ? 'backup' : drill.isPending ? 'drill' : restoring.isPending ? 'restore' : null;

  const backUpNow = async (): Promise<void> => {
    await run.mutateAsync({}, { onError: rereadBackups }).catch(() => undefined);
    set({ firstRun: false });
  };
  return {
    busy,
    error: errorBody(run.error ?? drill.error ?? choose.error),
    backUpNow,
    async runDrill(): Promise<void> {
      const report = await drill.mutateAsync({}, { onError: rereadBackups }).catch(() => null);
      if (report) set({ shown: report });
    },
    /** Choose (or change) the folder; a new folder gets its first backup at once. */
    async chooseFolder(before: string | null): Promise<void> {
      const chosen = await choose.mutateAsync({}).catch(() => null);
      // Until a first backup exists the data is on this computer only; cancelling keeps the old folder.
      if (chosen?.folder && chosen.folder !== before && busy === null) {
        set({ firstRun: true });
        await backUpNow();
      }
    },
    /** The restore: success ends every session (the caller shows the sign-in screen); on failure the app status decides. */
    async restore(input: ChannelInput<'backup.restore'>) {
      try {
        return { ok: true as const, value: await restoring.mutateAsync(input) };
      } catch (error) {
        // A failure after the swap began can still have ended the session.
        await useAppStore.getState().refresh();
        if (useAppStore.getState().status?.session) rereadBackups();
        return { ok: false as const, error: errorBody(error)! };
      }
    },
  };
}

export type BackupJobs = ReturnType<typeof useBackupJobs>;
