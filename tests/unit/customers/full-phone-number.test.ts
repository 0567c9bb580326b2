import { describe, expect, it } from 'vitest';
import { fullPhoneNumber } from '../../../electron/core/customers/record-service';

describe('the lookup takes whole numbers only', () => {
  it('reads the common spellings of one number as the same E.164', () => {
    for (const spelling of ['+86 138 0013 8000', '138-0013-8000', '0086 13800138000', '(+86) 138 0013 8000', '13800138000', '１３８００１３８０００', '+86.138.0013.8000']) {
      expect(fullPhoneNumber(spelling), spelling).toBe('+8613800138000');
    }
    expect(fullPhoneNumber('010 1234 5678')).toBe('+861012345678');
    expect(fullPhoneNumber('+1 415 555 0132')).toBe('+14155550132');
  });

  it('finds nothing for fragments, short landlines without an area code, or words', () => {
    for (const fragment of ['1380013', '13800138', '0013 8000', '8000', '+86 138', '1391234', '12345678', '138001380001', 'wxid_abc', '138 0013 800O']) {
      expect(fullPhoneNumber(fragment), fragment).toBeNull();
    }
  });
});
