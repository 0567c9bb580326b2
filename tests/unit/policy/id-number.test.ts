import { describe, expect, it } from 'vitest';
import { contract } from '../../../shared/contract';
import { checkChineseIdNumber } from '../../../shared/validation';

/** Makes a valid number for a birth date by computing its MOD 11-2 check character. */
function withCheck(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((total, w, i) => total + w * Number(first17[i]), 0);
  return first17 + '10X98765432'[sum % 11]!;
}

describe('GB 11643 ID numbers', () => {
  it("accepts the standard's own example, born in 1880", () => {
    expect(checkChineseIdNumber('440524188001010014')).toBeNull();
  });

  it.each([
    ['1800-01-01, the earliest accepted', withCheck('11010518000101001'), null],
    ['1799-12-31, before the earliest', withCheck('11010517991231001'), 'invalid_id_number'],
    ['1899-12-31', withCheck('11010518991231001'), null],
    ['year 0000', withCheck('11010500000101001'), 'invalid_id_number'],
    ['29 February 1900 (not a leap year)', withCheck('11010519000229001'), 'invalid_id_number'],
  ])('%s', (_label, id, expected) => {
    expect(checkChineseIdNumber(id)).toBe(expected);
  });

  it('refuses a birth date in the future', () => {
    const next = new Date(Date.now() + 2 * 86_400_000);
    const ymd = `${next.getUTCFullYear()}${String(next.getUTCMonth() + 1).padStart(2, '0')}${String(next.getUTCDate()).padStart(2, '0')}`;
    expect(checkChineseIdNumber(withCheck(`110105${ymd}001`))).toBe('invalid_id_number');
  });

  it('accepts a lower-case x check character and stores it as X (create and update)', () => {
    expect(checkChineseIdNumber('11010519491231002x')).toBeNull();
    const created = contract['customers.create'].input.parse({ name: '王伟', idNumber: ' 11010519491231002x ' });
    expect(created.idNumber).toBe('11010519491231002X');
    const updated = contract['customers.update'].input.parse({ id: 1, changes: { idNumber: '11010519491231002x' } });
    expect(updated.changes.idNumber).toBe('11010519491231002X');
  });

  it('still refuses a wrong check character whatever its case', () => {
    expect(checkChineseIdNumber('110105194912310021')).toBe('invalid_id_number');
    expect(contract['customers.create'].input.safeParse({ name: '王伟', idNumber: '44052418800101001x' }).success).toBe(false);
  });
});
