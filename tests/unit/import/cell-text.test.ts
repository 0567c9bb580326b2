import { describe, expect, it } from 'vitest';
import { cleanCell, numberText, significantDigits, unguard } from '../../../electron/core/import/cell-text';
import { guardFormula } from '../../../electron/core/export/formula-guard';
import { HOSTILE } from '../export/hostile-payloads';

// An 18-digit ID typed into a number cell: a double keeps only about 17 significant digits.
const TYPED_ID = Number('110101199003071234');

describe('unguard: Coffer exports read back exactly', () => {
  it.each(HOSTILE)('guardFormula then unguard gives back %j', (payload) => {
    expect(guardFormula(payload)).not.toBe(payload);
    expect(unguard(guardFormula(payload))).toBe(payload);
  });

  it.each(['王伟', "'already", "'", "'王", "''=1", '-12.5', 'a=b'])('leaves %j as it is (no trigger after the apostrophe)', (text) => {
    expect(unguard(guardFormula(text))).toBe(text);
  });

  it('strips the apostrophe once only', () => {
    expect(unguard("''=1")).toBe("''=1");
    expect(unguard("'=1")).toBe('=1');
  });
});

describe('clean cells', () => {
  it('NFKC, one space for any run of whitespace, trimmed, guard removed', () => {
    expect(cleanCell('  １３８ ００１３\t８０００ ')).toBe('138 0013 8000');
    expect(cleanCell('北京（朝阳）\r\n建国路\u3000１号')).toBe('北京(朝阳)\n建国路 1号');
    // Lines are kept (one blank line at most); each line's spaces are collapsed.
    expect(cleanCell('  first  line \n\n\n second\tline\r\n')).toBe('first line\n\nsecond line');
    expect(cleanCell("'=HYPERLINK(1)")).toBe('=HYPERLINK(1)');
    expect(cleanCell('')).toBe('');
    expect(cleanCell("'-1+2")).toBe('-1+2');
    expect(cleanCell('a  b ')).toBe('a b');
    expect(cleanCell('a@example.com')).toBe('a@example.com');
    expect(cleanCell('ＡＢ１')).toBe('AB1');
  });
});

describe('numbers as text', () => {
  it.each([
    [TYPED_ID, '110101199003071230'],
    [110101199003071000, '110101199003071000'],
    [13800138000, '13800138000'],
    [1e21, '1000000000000000000000'],
    [1.5e22, '15000000000000000000000'],
    [1e-7, '0.0000001'],
    [0.1 + 0.2, '0.3'],
    [-12.5, '-12.5'],
    [0, '0'],
  ])('%d -> %s', (value, text) => {
    expect(numberText(value)).toBe(text);
  });

  it('counts the significant digits a float kept', () => {
    expect(significantDigits(TYPED_ID)).toBe(17);
    expect(significantDigits(110101199003071000)).toBe(15);
    expect(significantDigits(1000)).toBe(1);
  });
});
