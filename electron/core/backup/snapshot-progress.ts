import fs from 'node:fs';
import path from 'node:path';

/**
 * How far the snapshot is. VACUUM INTO is one SQLite statement that holds the job's thread until
 * it is done, so the job cannot count; this side watches the scratch file grow against the vault
 * (database plus write-ahead log: the snapshot holds both). The snapshot leaves out free pages,
 * so it can end below the vault's size: the watcher never says 100, the next step does.
 * Returns the function that stops watching.
 */
export function watchSnapshot(scratchDir: string, dbFile: string, report: (percent: number) => void, everyMs = 200): () => void {
  const sizeOf = (file: string) => {
    try {
      return fs.statSync(file).size;
    } catch {
      return 0;
    }
  };
  const total = sizeOf(dbFile) + sizeOf(`${dbFile}-wal`);
  let last = 0;
  const timer = setInterval(() => {
    let newest = 0;
    try {
      // One job at a time, and leftovers are removed before each: the only snapshot is this one.
      for (const name of fs.readdirSync(scratchDir)) if (name.startsWith('snapshot-') && name.endsWith('.db')) newest = Math.max(newest, sizeOf(path.join(scratchDir, name)));
    } catch {
      return;
    }
    const percent = total > 0 ? Math.min(99, Math.floor((newest * 100) / total)) : 0;
    if (percent > last) report((last = percent));
  }, everyMs);
  timer.unref?.();
  return () => clearInterval(timer);
}
