import { describe, expect, it } from 'vitest';
import { levelMatcher, rowValues, type MappedColumn } from '../../../electron/core/import/row-values';
import { BUILT_IN_LEVEL_WORDS } from '../../../electron/core/settings/levels';
import { unguard } from '../../../electron/core/import/cell-text';

const columns: MappedColumn[] = [
  { index: 0, letter: 'A', header: '姓名', target: 'name' },
  { index: 1, letter: 'B', header: '公司', target: 'company' },
  { index: 2, letter: 'C', header: '备注', target: 'notes' },
  { index: 3, letter: 'D', header: '等级', target: 'level' },
];
// The list a new vault starts with: the three built-in levels, not renamed.
const builtIn = (['vip', 'regular', 'prospect'] as const).map((value) => ({ value, names: [BUILT_IN_LEVEL_WORDS.en[value], BUILT_IN_LEVEL_WORDS['zh-CN'][value]] }));
const values = (cells: string[], levels: { value: string; names: string[] }[] = builtIn) => rowValues(2, cells, { columns, precisionLost: new Set(), formulaCells: new Set(), unguard, levelOf: levelMatcher(levels) });

describe('one file row as customer values', () => {
  it('keeps the line breaks of a note and joins the lines of every other field', () => {
    const row = values(['王\n伟', '乙\n公司', '第一行\n第二行', '']);
    expect(row.values).toMatchObject({ name: '王 伟', company: '乙 公司' });
    expect(row.notes).toEqual(['第一行\n第二行']);
  });

  it.each([
    ['VIP', 'vip'], ['Regular', 'regular'], ['Prospect', 'prospect'],
    ['普通', 'regular'], ['潜在客户', 'prospect'], ['重要客户', 'vip'], ['VIP客户', 'vip'],
  ])('reads the level word %s (as Coffer exports it, or as shops write it)', (word, level) => {
    expect(values(['王伟', '', '', word]).values.level).toBe(level);
  });

  it('an unknown level word is a warning on its column, not an error', () => {
    const row = values(['王伟', '', '', '金牌']);
    expect(row.values.level).toBeUndefined();
    expect(row.warnings).toEqual([{ code: 'invalid_level', column: 'D' }]);
    expect(row.errors).toEqual([]);
  });

  it("reads the owner's own level names as their keys, and no longer a retired level", () => {
    const owners = [
      { value: 'vip', names: ['金卡'] },
      { value: 'regular', names: ['Regular', '普通'] },
      { value: 'lv_0a1b2c3d', names: ['金牌'] },
    ];
    expect(values(['王伟', '', '', '金牌'], owners).values.level).toBe('lv_0a1b2c3d');
    expect(values(['王伟', '', '', '金卡'], owners).values.level).toBe('vip');
    expect(values(['王伟', '', '', 'VIP'], owners).values.level).toBe('vip'); // the key itself
    expect(values(['王伟', '', '', 'LV_0A1B2C3D'], owners).values.level).toBe('lv_0a1b2c3d');
    // 'prospect' was retired: neither its word nor its usual spelling maps to it any more.
    expect(values(['王伟', '', '', '潜在客户'], owners).warnings).toEqual([{ code: 'invalid_level', column: 'D' }]);
    expect(values(['王伟', '', '', 'prospect'], owners).values.level).toBeUndefined();
  });
});
