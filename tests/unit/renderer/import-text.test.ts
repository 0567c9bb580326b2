import { describe, expect, it } from 'vitest';
import { IMPORT_REASONS, IMPORT_TARGETS, type ImportTarget } from '../../../shared/import';
import { translate, type Translate } from '../../../renderer/src/i18n';
import { en } from '../../../renderer/src/i18n/en';
import { checkMapping, formatWhen, mappingReady, reasonText, refusalText, REFUSAL_REASONS, rowReasonsText } from '../../../renderer/src/features/import/import-text';

const zh: Translate = (key, params) => translate('zh-CN', key, params);
const english: Translate = (key, params) => translate('en', key, params);

describe('import reasons, worded per code with the column letter', () => {
  it('says the column first, in each language', () => {
    expect(reasonText(zh, { code: 'invalid_phone', column: 'C' })).toBe('C 列：手机号码无效（原值已记入备注）');
    expect(reasonText(english, { code: 'invalid_phone', column: 'C' })).toBe('Column C: invalid mobile number (kept in the notes)');
    expect(reasonText(zh, { code: 'name_missing', column: 'A' })).toBe('A 列：姓名为空');
  });

  it('calls a bad landline a phone number, not a mobile number', () => {
    const targetOf = (letter: string): ImportTarget | undefined => ({ C: 'mobile', D: 'phone' } as Record<string, ImportTarget>)[letter];
    expect(reasonText(zh, { code: 'invalid_phone', column: 'D' }, targetOf)).toBe('D 列：电话号码无效（原值已记入备注）');
    expect(reasonText(zh, { code: 'invalid_phone', column: 'C' }, targetOf)).toBe('C 列：手机号码无效（原值已记入备注）');
  });

  it('names the earlier row a row repeats, and words reasons without a column plainly', () => {
    expect(reasonText(zh, { code: 'duplicate_in_file', row: 7 })).toBe('与本文件第 7 行重复');
    expect(reasonText(english, { code: 'duplicate_in_file', row: 7 })).toBe('repeats row 7 of this file');
  });

  it('has a sentence for every reason code in both languages, none left as a key or placeholder', () => {
    for (const code of IMPORT_REASONS) {
      for (const t of [zh, english]) {
        const text = reasonText(t, { code, column: 'B', row: 3 });
        expect(text, code).not.toContain('import.reason');
        expect(text, code).not.toMatch(/\{\w+\}/);
      }
    }
    expect(reasonText(zh, { code: 'not_a_code' as never })).toBe(zh('error.INTERNAL'));
  });

  it('joins a row’s errors before its warnings with the language’s separator', () => {
    const row = { errors: [{ code: 'invalid_email' as const, column: 'E' }], warnings: [{ code: 'formula_value' as const, column: 'F' }] };
    expect(rowReasonsText(zh, row)).toBe('E 列：邮箱地址无效；F 列：公式单元格，导入其计算结果');
    expect(rowReasonsText(english, row)).toBe('Column E: invalid e-mail address; Column F: a formula: its last computed value is imported');
  });
});

describe('the mapping check before the dry run', () => {
  const map = (...targets: ImportTarget[]) => targets.map((target, i) => ({ letter: String.fromCharCode(65 + i), target }));

  it('needs a name column', () => {
    const check = checkMapping(map('mobile', 'company'));
    expect(check.nameMissing).toBe(true);
    expect(mappingReady(check)).toBe(false);
    expect(mappingReady(checkMapping(map('name', 'mobile')))).toBe(true);
  });

  it('refuses a target used twice, naming the columns, but lets notes and ignore repeat', () => {
    const check = checkMapping(map('name', 'mobile', 'mobile', 'notes', 'notes', 'ignore', 'ignore'));
    expect(check.usedTwice).toEqual([{ target: 'mobile', letters: ['B', 'C'] }]);
    expect(mappingReady(check)).toBe(false);
    expect(mappingReady(checkMapping(map('name', 'notes', 'notes', 'ignore', 'ignore')))).toBe(true);
  });

  it('treats every single-use target the same way', () => {
    for (const target of IMPORT_TARGETS.filter((x) => !['notes', 'ignore', 'name'].includes(x))) {
      expect(checkMapping(map('name', target, target)).usedTwice.map((u) => u.target), target).toEqual([target]);
    }
  });
});

describe('a refused file, worded from the parser’s reason', () => {
  it('has advice for every reason in both languages', () => {
    for (const reason of REFUSAL_REASONS) {
      expect(`import.refused.${reason}` in en, reason).toBe(true);
      const text = refusalText(zh, { code: 'INVALID_INPUT', message: 'x', fields: { file: reason } });
      expect(text).toBe(zh(`import.refused.${reason}` as never));
    }
    expect(refusalText(zh, { code: 'INVALID_INPUT', message: 'x', fields: { file: 'password_protected' } })).toContain('密码');
    expect(refusalText(english, { code: 'INVALID_INPUT', message: 'x', fields: { file: 'too_many_rows' } })).toContain('Split');
  });

  it('falls back to a file sentence, then to the import’s own or the general error text', () => {
    expect(refusalText(english, { code: 'INVALID_INPUT', message: 'x', fields: { file: 'martian' } })).toBe(english('import.refused.other'));
    expect(refusalText(english, { code: 'NOT_FOUND', message: 'x' })).toBe(english('import.NOT_FOUND'));
    expect(refusalText(english, { code: 'LOCKED', message: 'x' })).toBe(english('error.LOCKED'));
    expect(refusalText(zh, { code: 'INVALID_INPUT', message: 'x', fields: { headerRow: 'out_of_range' } })).toBe(zh('import.map.headerRowOutOfRange'));
  });
});

describe('dates in the chosen language', () => {
  it('uses the 24-hour clock in Chinese', () => {
    const iso = new Date(2026, 2, 5, 14, 5).toISOString();
    expect(formatWhen('zh-CN', iso)).toMatch(/2026年3月5日.*14:05/);
    expect(formatWhen('en', iso)).toMatch(/Mar 5, 2026.*2:05/);
    expect(formatWhen('en', 'not a date')).toBe('not a date');
  });
});
