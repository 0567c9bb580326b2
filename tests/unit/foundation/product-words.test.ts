import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../../renderer/src/i18n/en';
import { zhCN } from '../../../renderer/src/i18n/zh-CN';

// Words the product said that its code did not back (issue 12, section 7). Each claim stays out of
// the UI text and the README until the behaviour that would make it true exists.
const README = fs.readFileSync(path.resolve(__dirname, '../../../README.md'), 'utf8');

describe('the product says only what the code does', () => {
  it.each([
    ['nobody is alerted on too many reveals', /alerted|已通知/i],
    ['an older backup brings erased ID numbers back', /cannot be undone|无法撤销|不可撤销/i],
    ['only a drill proves a backup restores', /proven to restore/i],
  ])('no UI text claims otherwise: %s', (_why, claim) => {
    expect(Object.values(en).filter((text) => claim.test(text))).toEqual([]);
    expect(Object.values(zhCN).filter((text) => claim.test(text))).toEqual([]);
  });

  it('backups are promised only while Coffer runs with the database open', () => {
    expect(en['setup.backup.body']).toMatch(/While Coffer is running with the database open/);
    expect(zhCN['setup.backup.body']).toMatch(/在运行且数据库已打开时/);
    expect(README).toMatch(/only while it is running with the vault open/);
  });

  it('the README does not promise every access on record, or a proof of restore without a drill', () => {
    expect(README).not.toMatch(/every access on record|proven to restore|每一次访问都有记录|证明能够恢复/);
    expect(README).toMatch(/reads of customer data, changes and reveals of masked values on record/);
  });

  it('the search hint for roles that cannot search phone and e-mail does not mention them', () => {
    expect(en['customers.searchHintBasic']).not.toMatch(/phone|mail/i);
    expect(zhCN['customers.searchHintBasic']).not.toMatch(/电话|邮箱/);
  });
});
