import { expect, it } from 'vitest';
import { BEFORE_ERASE } from '../../electron/core/privacy/erasure-hooks';
import type { ChannelOutput } from '../../shared/contract';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { accessWorld, type AccessWorld } from './access-helpers';
import { approvalsOff } from './vault-helpers';

type Report = ChannelOutput<'backup.drill'>;
const PERSON = { name: '赵敏', mobile: '13655554444' };

async function backUp(w: AccessWorld): Promise<string> {
  const run = await w.router.dispatch(w.caller('owner'), 'backup.run', {});
  if (!run.ok) throw new Error(run.error.code);
  return (run.value as { fileName: string }).fileName;
}

async function drill(w: AccessWorld, fileName: string): Promise<Report> {
  const result = await w.router.dispatch(w.caller('owner'), 'backup.drill', { fileName });
  if (!result.ok) throw new Error(result.error.code);
  return result.value as Report;
}

describeKeychain('restore drill: an erased person present after restore is a failed check', () => {
  it('a backup from before an erasure fails erased-absent while no erase function is wired to re-apply it; a backup from after passes', async () => {
    const folder = tempDir('coffer-backups-');
    const w = await accessWorld({ pickFolder: async () => folder });
    approvalsOff(w.core, w.core.sessions.current('owner')!);
    await w.router.dispatch(w.caller('owner'), 'settings.chooseBackupFolder', {});
    const { id } = w.core.customers.create(w.core.sessions.current('owner')!, PERSON);
    const before = await backUp(w);

    // The erasure as the erasure stream will run it (hooks in its transaction, then the rows).
    const db = w.core.vault.db();
    db.transaction(() => {
      for (const hook of BEFORE_ERASE) hook(db, { customerId: id, ...PERSON, email: null, mode: 'anonymise' }, new Date());
      db.prepare("UPDATE customers SET name = '已注销客户#654321', mobile = NULL WHERE id = ?").run(id);
    })();
    // Drilled before the next backup: retention keeps one backup a day, so the next one replaces it.
    const old = await drill(w, before);
    expect(old).toMatchObject({ passed: false, firstFailure: 'erased-absent' });
    expect(old.checks.find((c) => c.name === 'erased-absent')).toEqual({ name: 'erased-absent', ok: false, detail: '1 erased person(s) present after restore' });
    // Every other check of that backup passed: it is sound, only the person would come back.
    expect(old.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual(['erased-absent']);

    const fresh = await drill(w, await backUp(w));
    expect(fresh.passed, JSON.stringify(fresh.checks)).toBe(true);
    expect(fresh.checks.at(-1)).toEqual({ name: 'erased-absent', ok: true, detail: '1 erasure(s) checked; 0 decision(s) re-applied' });
    w.core.close();
  }, 120_000);
});
