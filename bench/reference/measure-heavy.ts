import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3-multiple-ciphers';
import type { Core } from '../../electron/core';
import { openDatabase, type Db } from '../../electron/core/db/open-database';
import type { Router } from '../../electron/ipc/router';
import { call, MANAGER, mb, openPlain, OWNER, PAGE, seconds } from './common';
import type { Row } from './measure';
import type { BenchState, benchPaths } from './state';
import { draw, sampleRss, summarize } from './stats';

export interface WholeFileContext {
  core: Core;
  router: Router;
  vault: Db;
  plain: Db;
  state: BenchState;
  paths: ReturnType<typeof benchPaths>;
  heavyRuns: number;
  samples: number;
  cursors: { value: string; id: number }[];
  random: () => number;
  rows: Row[];
  notes: string[];
  say: (line: string) => void;
}

/**
 * The whole-file operations: VACUUM INTO and a plain copy (the yardsticks), backups, restore
 * drills, and page latency while a backup runs. Each a few times only: seconds, not milliseconds.
 */
export async function measureWholeFile(ctx: WholeFileContext): Promise<{ vaultBytes: number; plainBytes: number }> {
  const { core, router, vault, plain, state, paths, rows, notes, say, cursors, random, samples } = ctx;
  const options = { heavyRuns: ctx.heavyRuns };
  // ---- Whole-file work: VACUUM INTO, file copy, backup, restore drill. ---------------------
  // Checkpoint first so the vault file holds everything and its size is what a backup reads.
  vault.pragma('wal_checkpoint(TRUNCATE)');
  plain.pragma('wal_checkpoint(TRUNCATE)');
  const vaultBytes = fs.statSync(state.dbFile).size;
  const plainBytes = fs.statSync(paths.plain).size;
  fs.mkdirSync(paths.scratch, { recursive: true });
  const scratchFile = path.join(paths.scratch, 'copy.db');
  const clearScratch = () => {
    for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(scratchFile + suffix, { force: true });
  };
  const timeRuns = async (run: () => unknown) => {
    const times: number[] = [];
    for (let i = 0; i < options.heavyRuns; i++) {
      const started = performance.now();
      await run();
      times.push(performance.now() - started);
      clearScratch();
      sampleRss();
    }
    return summarize(times);
  };

  // Each on a new connection, as the backup worker does: a connection whose page cache already
  // holds the file would skip most of the decryption.
  say('VACUUM INTO');
  const material = core.vault.backupMaterial();
  const vacuumVault = await timeRuns(() => {
    const db = openDatabase(state.dbFile, material.key);
    db.prepare('VACUUM INTO ?').run(scratchFile);
    db.close();
  });
  material.key.fill(0);
  const vacuumPlain = await timeRuns(() => {
    const db = openPlain(paths.plain);
    db.prepare('VACUUM INTO ?').run(scratchFile);
    db.close();
  });
  rows.push({ operation: 'VACUUM INTO, new connection (vault vs plain)', coffer: vacuumVault, plain: vacuumPlain, unit: 'ms' });

  say('file copies');
  const copyVault = await timeRuns(() => fs.copyFileSync(state.dbFile, scratchFile));

  say('backups');
  const steps: Record<string, number[]> = {};
  const backupTimes: number[] = [];
  for (let i = 0; i < options.heavyRuns; i++) {
    const watch = watchSteps(core, 'backup', steps);
    const started = performance.now();
    await call(router, OWNER, 'backup.run', {});
    backupTimes.push(performance.now() - started);
    watch.stop();
    sampleRss();
  }
  const backup = summarize(backupTimes);
  const backupTarget = 1.5 * vacuumVault.median;
  rows.push({ operation: 'backup (backup.run) vs plain copy of the vault file', coffer: backup, plain: copyVault, unit: 'ms', target: { text: `≤ 1.5 × VACUUM INTO (${seconds(backupTarget)})`, met: backup.median <= backupTarget } });
  notes.push(`Backup throughput: ${(mb(vaultBytes) / (backup.median / 1000)).toFixed(0)} MB/s of vault file (${mb(vaultBytes).toFixed(0)} MB); plain file copy ${(mb(vaultBytes) / (copyVault.median / 1000)).toFixed(0)} MB/s.`);
  notes.push(`Backup steps (median of ${options.heavyRuns}): ${formatSteps(steps)}.`);

  say('restore drills');
  const drillSteps: Record<string, number[]> = {};
  const drillTimes: number[] = [];
  const drillReported: number[] = [];
  for (let i = 0; i < options.heavyRuns; i++) {
    const watch = watchSteps(core, 'drill', drillSteps);
    const started = performance.now();
    const report = await call<{ passed: boolean; restoreMs: number; firstFailure: string | null }>(router, OWNER, 'backup.drill', {});
    drillTimes.push(performance.now() - started);
    watch.stop();
    if (!report.passed) throw new Error(`the restore drill failed at ${report.firstFailure}`);
    drillReported.push(report.restoreMs);
    sampleRss();
  }
  const drill = summarize(drillTimes);
  const plainDrill = await timeRuns(() => {
    fs.copyFileSync(paths.plain, scratchFile);
    const db = new Database(scratchFile, { readonly: true });
    db.pragma('integrity_check');
    db.pragma('foreign_key_check');
    db.close();
  });
  rows.push({ operation: 'restore drill (backup.drill) vs plain copy + integrity/FK checks', coffer: drill, plain: plainDrill, unit: 'ms', target: { text: `≤ 3 × backup (${seconds(3 * backup.median)})`, met: drill.median <= 3 * backup.median } });
  notes.push(`Drill steps (median of ${options.heavyRuns}): ${formatSteps(drillSteps)}; the drill's own restoreMs: ${seconds(summarize(drillReported).median)}.`);

  // ---- Responsiveness: page requests while a backup runs, against the same loop idle. -----
  // A request every 5 ms (faster than anyone scrolls), each timed from dispatch to answer.
  say('router latency while a backup runs');
  const pagesWhile = async (until: () => boolean, max: number, step: () => string) => {
    const times: number[] = [];
    const stepOf: string[] = [];
    for (const after of draw(cursors, max, random)) {
      if (until()) break;
      const started = performance.now();
      await call(router, MANAGER, 'customers.list', { sort: 'name', dir: 'asc', after, limit: PAGE });
      times.push(performance.now() - started);
      stepOf.push(step());
      sampleRss();
      await sleep(5);
    }
    return { times, stepOf };
  };
  const duringBackup = async () => {
    let finished = false;
    let step = 'start';
    const poll = setInterval(() => (step = core.backups.status().running?.step ?? 'after'), 100);
    const running = call(router, OWNER, 'backup.run', {}).finally(() => (finished = true));
    try {
      return await pagesWhile(() => finished, 1_000_000, () => step);
    } finally {
      await running;
      clearInterval(poll);
    }
  };
  const idle = await pagesWhile(() => false, samples, () => 'idle');
  const busy = await duringBackup();
  const during = summarize(busy.times);
  rows.push({ operation: 'page of 50 via router while a backup runs vs idle', coffer: during, plain: summarize(idle.times), unit: 'ms', target: { text: 'p95 ≤ 50 ms', met: during.p95 <= 50 } });
  const byStep = new Map<string, number[]>();
  busy.stepOf.forEach((step, i) => byStep.set(step, [...(byStep.get(step) ?? []), busy.times[i]!]));
  notes.push(`Router page latency during the backup, by backup step (n, median, p95, max ms): ${[...byStep].map(([step, times]) => { const s = summarize(times); return `${step} ${s.n}/${s.median.toFixed(1)}/${s.p95.toFixed(1)}/${s.max.toFixed(0)}`; }).join('; ')}.`);
  // What-if: the same with the audit rows committed without fsync, which otherwise waits for
  // the worker's snapshot writes to reach the disk.
  vault.pragma('synchronous=NORMAL');
  let busyNoFsync: { times: number[] };
  try {
    busyNoFsync = await duringBackup();
  } finally {
    vault.pragma('synchronous=FULL');
  }
  const noFsyncStats = summarize(busyNoFsync.times);
  notes.push(`Router page latency during a backup with the audit commit not waiting for fsync (what-if synchronous=NORMAL), n / median / p95 / max: ${noFsyncStats.n} / ${noFsyncStats.median.toFixed(1)} / ${noFsyncStats.p95.toFixed(1)} / ${noFsyncStats.max.toFixed(0)} ms (with FULL, as measured above: max ${during.max.toFixed(0)} ms).`);
  return { vaultBytes, plainBytes };
}

/** Records how long each step of the running backup or drill lasts, by polling its status. */
function watchSteps(core: Core, task: 'backup' | 'drill', into: Record<string, number[]>): { stop(): void } {
  let step: string | null = null;
  let since = performance.now();
  const record = (next: string | null) => {
    const at = performance.now();
    if (step !== null) (into[step] ??= []).push(at - since);
    step = next;
    since = at;
  };
  const timer = setInterval(() => {
    const running = core.backups.status().running;
    const next = running?.task === task ? running.step : null;
    if (next !== step) record(next);
  }, 20);
  return {
    stop() {
      clearInterval(timer);
      record(null);
    },
  };
}

function formatSteps(steps: Record<string, number[]>): string {
  return Object.entries(steps)
    .map(([step, times]) => `${step} ${seconds(summarize(times).median)}`)
    .join(', ');
}

