import fs from 'node:fs';
import * as XLSX from '@e965/xlsx';
import { expect, it } from 'vitest';
import { describeKeychain } from '../support/keyring';
import { PASSWORD } from './access-helpers';
import { importWorld, letters, table } from './import-helpers';

describeKeychain('an open import file: its error rows, and its life with the session', () => {
  it('saves the error and warning rows with their original cells and a reason per row in the vault language, audited without data', async () => {
    const world = await importWorld();
    const id = await world.open('owner', table(['姓名', '手机', '邮箱'], [['好的', '13800138000', ''], ['坏邮箱', '13800138001', 'x@'], ['坏电话', '123', '']]));
    expect(await world.refused('owner', 'import.saveErrors', { importId: id })).toMatchObject({ code: 'CONFLICT' });
    await world.call('owner', 'import.dryRun', { importId: id, mapping: letters(['name', 'mobile', 'email']), choice: 'skip', rememberMapping: false });
    expect(await world.call('owner', 'import.saveErrors', { importId: id })).toEqual({ status: 'saved', rows: 2 });
    const read = (file: string) => XLSX.utils.sheet_to_json<string[]>(XLSX.read(fs.readFileSync(file)).Sheets['Errors']!, { header: 1 });
    expect(read(world.saved())).toEqual([
      ['错误原因 Reason', '姓名', '手机', '邮箱'],
      ['column C: invalid e-mail address', '坏邮箱', '13800138001', 'x@'],
      ['column B: invalid phone (the value was kept in the notes)', '坏电话', '123', ''],
    ]);
    await world.call('owner', 'app.setLocale', { locale: 'zh-CN' });
    await world.call('owner', 'import.saveErrors', { importId: id });
    expect(read(world.saved())[1]![0]).toBe('C列 邮箱地址无效');
    expect(world.audit('customer.import').map((a) => a.reason)).toEqual(['dry-run rows=3', 'errors-saved rows=2', 'errors-saved rows=2']);
    world.core.close();
  });

  it('the file is the session\'s own: another user cannot reach it, and signing out or locking lets it go', async () => {
    const world = await importWorld();
    const id = await world.open('sales', table(['姓名'], [['甲']]));
    expect(await world.refused('manager', 'import.preview', { importId: id })).toMatchObject({ code: 'NOT_FOUND' });
    // Locking drops it: after unlocking, the file must be chosen again.
    await world.call('sales', 'session.lock', {});
    await world.call('sales', 'session.unlock', { password: PASSWORD });
    expect(await world.refused('sales', 'import.preview', { importId: id })).toMatchObject({ code: 'NOT_FOUND' });
    const second = await world.open('sales', table(['姓名'], [['乙']]));
    await world.call('sales', 'session.logout', {});
    await world.call('sales', 'session.login', { username: 'sales1', password: PASSWORD });
    expect(await world.refused('sales', 'import.preview', { importId: second })).toMatchObject({ code: 'NOT_FOUND' });
    // Closing lets it go too; a cancelled dialog opens nothing.
    const third = await world.open('sales', table(['姓名'], [['丙']]));
    expect(await world.call('sales', 'import.close', { importId: third })).toEqual({ closed: true });
    expect(await world.refused('sales', 'import.dryRun', { importId: third, mapping: letters(['name']), choice: 'skip', rememberMapping: false })).toMatchObject({ code: 'NOT_FOUND' });
    world.core.close();
  });
});
