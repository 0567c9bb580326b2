import { expect, it } from 'vitest';
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
  it('a backup from before an erasure passes erased-absent only because the live ledger erases the person again in the scratch copy; a backup from after passes', async () => {
    const folder = tempDir('coffer-backups-');
    const w = await accessWorld({ pickFolder: async () => folder });
    approvalsOff(w.core, w.core.sessions.current('owner')!);
    await w.router.dispatch(w.caller('owner'), 'settings.chooseBackupFolder', {});
    const { id } = w.core.customers.create(w.core.sessions.current('owner')!, PERSON);
    const before = await backUp(w);

    // The real erasure, after the backup: the ledger hook writes its entry in the same transaction.
    expect(await w.router.dispatch(w.caller('owner'), 'privacy.erase', { customerId: id, mode: 'anonymise' })).toMatchObject({ ok: true });
    // Drilled before the next backup: retention keeps one backup a day, so the next one replaces it.
    // The drill restores the way a restore does (live ledger re-applied), so the person is erased
    // again in the scratch copy and the check passes, saying so.
    const old = await drill(w, before);
    expect(old.passed, JSON.stringify(old.checks)).toBe(true);
    expect(old.checks.find((c) => c.name === 'erased-absent')).toEqual({ name: 'erased-absent', ok: true, detail: '1 erasure(s) checked; 1 decision(s) re-applied' });

    const fresh = await drill(w, await backUp(w));
    expect(fresh.passed, JSON.stringify(fresh.checks)).toBe(true);
    expect(fresh.checks.at(-1)).toEqual({ name: 'erased-absent', ok: true, detail: '1 erasure(s) checked; 0 decision(s) re-applied' });
    w.core.close();
  }, 120_000);
});
