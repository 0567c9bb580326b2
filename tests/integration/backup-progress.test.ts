import { expect, it } from 'vitest';
import type { ChannelOutput } from '../../shared/contract';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { accessWorld } from './access-helpers';

type Progress = ChannelOutput<'backup.progress'>;

describeKeychain('the running backup’s percentage through backup.progress', () => {
  it('rises through the snapshot and the encryption, step by step, and is null before and after', async () => {
    const folder = tempDir('coffer-backups-');
    const w = await accessWorld({ pickFolder: async () => folder });
    const o = w.caller('owner');
    expect(await w.router.dispatch(o, 'settings.chooseBackupFolder', {})).toMatchObject({ ok: true });
    // About 40 MB: 40 chunks to encrypt, and a snapshot long enough to be watched growing.
    const update = w.core.vault.db().prepare('UPDATE customers SET notes = ? WHERE id = ?');
    for (let id = 1; id <= 3; id += 1) update.run(`笔记 ${id} ${'x'.repeat(13_000_000)}`, id);
    expect(await w.router.dispatch(o, 'backup.progress', {})).toEqual({ ok: true, value: null });
    expect(await w.router.dispatch(w.caller('sales'), 'backup.progress', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const seen: NonNullable<Progress>[] = [];
    let done = false;
    const run = w.router.dispatch(o, 'backup.run', {}).finally(() => (done = true));
    while (!done) {
      const answer = await w.router.dispatch(o, 'backup.progress', {});
      if (answer.ok && answer.value) seen.push(answer.value as NonNullable<Progress>);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    expect(await run).toMatchObject({ ok: true });
    expect(await w.router.dispatch(o, 'backup.progress', {})).toEqual({ ok: true, value: null });

    expect(seen.every((p) => p.task === 'backup')).toBe(true);
    const percents = (step: string) => seen.filter((p) => p.step === step).map((p) => p.percent);
    const encrypt = percents('encrypt');
    // Seen partway, never going back, and each a whole percent.
    expect(encrypt.some((p) => p !== null && p > 0 && p < 100)).toBe(true);
    expect(encrypt).toEqual([...encrypt].sort((a, b) => (a ?? 0) - (b ?? 0)));
    expect(encrypt.every((p) => Number.isInteger(p) && p! >= 0 && p! <= 100)).toBe(true);
    const snapshot = percents('snapshot');
    expect(snapshot.length).toBeGreaterThan(0);
    expect(snapshot.every((p) => Number.isInteger(p) && p! >= 0 && p! < 100)).toBe(true);
    // The order of the steps is the job's: snapshot, then encryption, then the read-back.
    const order = [...new Set(seen.map((p) => p.step))];
    expect(order.filter((s) => s !== 'start')).toEqual(expect.arrayContaining(['snapshot', 'encrypt']));
    expect(order.indexOf('snapshot')).toBeLessThan(order.indexOf('encrypt'));
    // The read-back has no percentage to give.
    expect(percents('verify').every((p) => p === null)).toBe(true);
  }, 180_000);
});
