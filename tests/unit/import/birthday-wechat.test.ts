import { describe, expect, it } from 'vitest';
import { birthdayOf, rowValues, type MappedColumn } from '../../../electron/core/import/row-values';
import { unguard } from '../../../electron/core/import/cell-text';

const columns: MappedColumn[] = [
  { index: 0, letter: 'A', header: '姓名', target: 'name' },
  { index: 1, letter: 'B', header: '微信号', target: 'wechat' },
  { index: 2, letter: 'C', header: '生日', target: 'birthday' },
];
const values = (cells: string[]) => rowValues(2, cells, { columns, precisionLost: new Set(), formulaCells: new Set(), unguard, levelOf: () => undefined });

describe('WeChat and birthday columns in an import', () => {
  it.each([
    ['1990-03-07', '1990-03-07'], ['1990/3/7', '1990-03-07'], ['1990.3.7', '1990-03-07'], ['1990年3月7日', '1990-03-07'],
    ['１９９０年３月７日', '1990-03-07'], ['19900307', '1990-03-07'], ['2000-02-29', '2000-02-29'],
  ])('reads the birthday %s as %s', (text, date) => {
    expect(birthdayOf(text)).toBe(date);
  });

  it.each(['07/03/1990', '1990-02-30', '1990-13-01', '1899-01-01', '三月七日', '1990-03-07 08:00'])('does not guess the birthday %s', (text) => {
    expect(birthdayOf(text)).toBeNull();
  });

  it('puts the WeChat ID and the birthday in their fields; an unreadable birthday is kept in the notes with a warning', () => {
    expect(values(['王伟', 'wxid_wang01', '1990年3月7日']).values).toMatchObject({ name: '王伟', wechat: 'wxid_wang01', birthday: '1990-03-07' });
    const odd = values(['王伟', '', '07/03/1990']);
    expect(odd.values.birthday).toBeUndefined();
    expect(odd.warnings).toEqual([{ code: 'invalid_birthday', column: 'C' }]);
    expect(odd.extraNotes).toEqual(['生日: 07/03/1990']);
    expect(odd.errors).toEqual([]);
  });
});
