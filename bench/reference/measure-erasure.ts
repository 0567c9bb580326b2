import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { Core } from '../../electron/core';
import { eraseCustomer, eraseThenCheck } from '../../electron/core/privacy/erasure';
import { checkErased } from '../../electron/core/privacy/erasure-check';
import type { Db } from '../../electron/core/db/open-database';
import type { Row } from './measure';
import { summarize, timeEach } from './stats';

/**
 * Issue 16: what secure_delete costs, and an erasure at full size. Runs last (it deletes
 * customers). The purge rows go through eraseCustomer, the product's one path for a purge
 * (mentions, rows, indexes, the after-check over every text column, the privacy log, audit);
 * the "rows only" rows time just the DELETEs of a customer and its related rows, where
 * secure_delete's zeroing is the whole difference. Same vault, same kind of customer, the pragma
 * switched for the run and restored.
 */
export async function measureErasure(input: { core: Core; vault: Db; ids: number[]; random: () => number; rows: Row[]; notes: string[]; say: (line: string) => void }): Promise<void> {
  const { vault, random, rows, notes, say } = input;
  // Distinct customers (a draw may repeat one, and each is deleted once): a seeded shuffle.
  const pool = [...input.ids];
  for (let i = pool.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  let at = 0;
  const take = (count: number) => pool.slice(at, (at += count));
  const binned = (ids: number[]) => {
    vault.prepare(`UPDATE customers SET deleted_at = '2020-01-01T00:00:00.000Z' WHERE id IN (${ids.map(() => '?').join(',')})`).run(...ids);
    return ids;
  };
  const withSecureDelete = async <T>(on: boolean, run: () => Promise<T>): Promise<T> => {
    vault.pragma(`secure_delete=${on ? 'ON' : 'OFF'}`);
    try {
      return await run();
    } finally {
      vault.pragma('secure_delete=ON');
    }
  };

  for (const on of [true, false]) {
    const label = on ? 'secure_delete on' : 'secure_delete off';
    say(`purge of 10 customers from the recycle bin, ${label}`);
    // One untimed purge first: the first whole-vault check reads the file into the page cache,
    // and would otherwise count against whichever setting runs first.
    const purge = summarize(await withSecureDelete(on, () => timeEach(binned(take(11)), 1, (id) => eraseCustomer(vault, id, 'delete', { trigger: 'purge' }))));
    rows.push({ operation: `purge one customer from the bin (eraseCustomer: rows, indexes, after-check, log), ${label}`, coffer: purge, plain: null, unit: 'ms' });
    say(`delete rows of 300 customers, ${label}`);
    const deleteRows = (id: number) =>
      vault.transaction(() => {
        for (const table of ['interactions', 'purchases', 'reminders', 'customer_tags', 'customer_keys', 'customer_pinyin', 'customer_grams', 'import_effects']) vault.prepare(`DELETE FROM ${table} WHERE customer_id = ?`).run(id);
        vault.prepare('DELETE FROM customer_search WHERE rowid = ?').run(id);
        vault.prepare('DELETE FROM customer_merges WHERE survivor_id = ?').run(id);
        vault.prepare('DELETE FROM customers WHERE id = ?').run(id);
      })();
    const raw = summarize(await withSecureDelete(on, () => timeEach(take(300), 0, deleteRows)));
    rows.push({ operation: `delete one customer and its related rows (rows only), ${label}`, coffer: raw, plain: null, unit: 'ms' });
  }

  // The app's path since the check moved to the worker: the erasure commits on main, the check
  // runs on out/main/erasure-worker.js. "Stall": the longest delay of main's event loop while the
  // check runs (perf_hooks, 5 ms resolution), what an IPC call arriving then would wait.
  const stalled = async <T>(run: () => Promise<T>): Promise<{ value: T; ms: number; stallMs: number }> => {
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const started = performance.now();
    const value = await run();
    const ms = performance.now() - started;
    delay.disable();
    return { value, ms, stallMs: delay.max / 1e6 };
  };
  say('after-check on the worker thread, 4 customers (+1 warm-up), and the same check in place for comparison');
  const onMain: number[] = [];
  const inWorker: number[] = [];
  const stalls: number[] = [];
  const inPlace: number[] = [];
  let workerPassed = 0;
  for (const [i, id] of take(5).entries()) {
    const started = performance.now();
    const erased = eraseThenCheck(vault, id, 'anonymise', { trigger: 'manual' })!;
    const txMs = performance.now() - started;
    const run = await stalled(() => input.core.erasureChecks.runErasureChecks([erased.job]));
    if (run.value.get(erased.result.logId)?.passed) workerPassed += 1;
    const placeStarted = performance.now();
    if (i > 0 && i <= 2) checkErased(vault, erased.job.subjectIds, erased.job.terms, erased.job.person);
    const placeMs = performance.now() - placeStarted;
    if (i === 0) continue;
    onMain.push(txMs);
    inWorker.push(run.ms);
    stalls.push(run.stallMs);
    if (i <= 2) inPlace.push(placeMs);
  }
  rows.push({ operation: 'anonymise one customer on main, after-check deferred (eraseThenCheck: mentions, rows, indexes, log, audit)', coffer: summarize(onMain), plain: null, unit: 'ms' });
  rows.push({ operation: 'its after-check on the worker thread (wall time: thread start, read-only open, every text column)', coffer: summarize(inWorker), plain: null, unit: 'ms' });
  rows.push({ operation: "longest stall of main's event loop during that worker check", coffer: summarize(stalls), plain: null, unit: 'ms' });
  rows.push({ operation: 'the same after-check in place on main (what held main before; checkErased)', coffer: summarize(inPlace), plain: null, unit: 'ms' });

  say('automatic purge of 12 items over 30 days (no cap)');
  const purgeIds = binned(take(12));
  const purge = await stalled(() => input.core.purgeRecycleBin());
  if (purge.value !== purgeIds.length) throw new Error(`auto-purge took ${purge.value} of ${purgeIds.length}`);
  const purgeChecks = (vault.prepare(`SELECT count(*) AS n FROM privacy_log WHERE trigger = 'auto-purge' AND check_passed = 1 AND customer_id IN (${purgeIds.join(',')})`).get() as { n: number }).n;
  rows.push({ operation: 'automatic purge of 12 bin items (one transaction each, event loop let go between; 12 checks as one worker batch), whole run', coffer: summarize([purge.ms]), plain: null, unit: 'ms' });
  rows.push({ operation: "longest stall of main's event loop during that purge (the longest single purge transaction)", coffer: summarize([purge.stallMs]), plain: null, unit: 'ms' });
  notes.push(
    `Erasure after-check on the worker: passed for ${workerPassed} of 5 anonymisations and ${purgeChecks} of 12 automatic purges. Main is held only by the erasure's own transaction (finding and redacting mentions, the rows, the indexes); the whole-vault read runs on the worker's own read-only connection, one read transaction per batch. The purge's checks are sequential per person in one thread, so a batch costs about one check per person.`,
  );

  // One customer with many rows: 2,000 contacts, 500 purchases, 200 reminders, all mentioning them.
  say('erasure of one customer with 2,700 related rows');
  const big = take(3);
  const owner = (vault.prepare('SELECT id FROM users ORDER BY id LIMIT 1').get() as { id: number }).id;
  for (const id of big) {
    const person = vault.prepare('SELECT name, mobile FROM customers WHERE id = ?').get(id) as { name: string; mobile: string | null };
    const mention = `${person.name} ${person.mobile ?? ''}`;
    vault.transaction(() => {
      const contact = vault.prepare("INSERT INTO interactions (customer_id, kind, at, summary, user_id, created_at) VALUES (?, 'call', '2026-01-01T09:00:00Z', ?, ?, '2026-01-01T09:00:00Z')");
      for (let i = 0; i < 2000; i += 1) contact.run(id, `回电 ${mention} #${i}`, owner);
      const purchase = vault.prepare("INSERT INTO purchases (customer_id, date, item, amount_minor, currency, note, user_id, created_at) VALUES (?, '2026-01-01', 'tea', 1000, 'CNY', ?, ?, '2026-01-01T09:00:00Z')");
      for (let i = 0; i < 500; i += 1) purchase.run(id, `paid by ${mention}`, owner);
      const reminder = vault.prepare("INSERT INTO reminders (customer_id, owner_id, due_at, note, created_by, created_at) VALUES (?, ?, '2027-01-01T09:00:00Z', ?, ?, '2026-01-01T09:00:00Z')");
      for (let i = 0; i < 200; i += 1) reminder.run(id, owner, `call ${mention}`, owner);
    })();
  }
  let passed = 0;
  const anonymise = summarize(
    await timeEach(big, 0, (id) => {
      if (eraseCustomer(vault, id, 'anonymise', { trigger: 'manual' })?.check.passed) passed += 1;
    }),
  );
  rows.push({ operation: 'anonymise one customer with 2,700 related rows (one transaction, after-check included)', coffer: anonymise, plain: null, unit: 'ms' });
  const columns = (vault.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number }).n;
  notes.push(
    `Erasure: the after-check searches every text column of every table (${columns} tables) for the person's name, phone, e-mail and WeChat, so its cost grows with the whole vault, not with the person; it passed for ${passed} of ${big.length} large erasures. secure_delete is measured by switching the pragma on the same connection (the product always runs with it on).`,
  );
}
