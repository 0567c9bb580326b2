import { describe, expect, it } from 'vitest';
import { cityKey, companyKey, emailKey, keysOf, nameKey, phoneKey } from '../../../electron/core/customers/duplicate-keys';

describe('duplicate keys: one key for every spelling of the same contact detail', () => {
  it('writes a Chinese mobile in E.164 whatever the spacing, prefix or digit width', () => {
    for (const typed of ['+86 138 0013 8000', '13800138000', '１３８００１３８０００', '138-0013-8000', '+86１３８ ００１３ ８０００', '0086 138 0013 8000']) {
      expect(phoneKey(typed), typed).toBe('+8613800138000');
    }
  });

  it('writes a landline with its area code, and keeps other countries apart', () => {
    expect(phoneKey('010-12345678')).toBe('+861012345678');
    expect(phoneKey('(010) 1234 5678')).toBe('+861012345678');
    expect(phoneKey('+1 650 253 0000')).toBe('+16502530000');
    expect(phoneKey('+852 2123 4567')).not.toBe(phoneKey('21234567'));
  });

  it('gives no key for text without a number', () => {
    expect(phoneKey('')).toBeNull();
    expect(phoneKey(null)).toBeNull();
    expect(phoneKey('无')).toBeNull();
  });

  it('lower-cases and trims e-mails, full-width letters folded', () => {
    expect(emailKey('  Wang.Wei@Example.COM ')).toBe('wang.wei@example.com');
    expect(emailKey('ｗａｎｇ@ｅｘａｍｐｌｅ.com')).toBe('wang@example.com');
    expect(emailKey('not an address')).toBeNull();
  });

  it('folds whitespace and width in names', () => {
    expect(nameKey(' 王　伟 ')).toBe('王伟');
    expect(nameKey('Wang  Wei')).toBe(nameKey('wang wei'));
    expect(nameKey('   ')).toBeNull();
  });

  it('drops company legal-form suffixes and bracketed parts', () => {
    const acme = companyKey('上海顶点');
    expect(acme).toBe('上海顶点');
    for (const typed of ['上海顶点有限公司', '上海顶点有限责任公司', '上海顶点股份有限公司', '上海顶点公司', '上海顶点（集团）有限公司', ' 上海顶点 有限公司 ']) {
      expect(companyKey(typed), typed).toBe(acme);
    }
    for (const typed of ['Acme Co., Ltd.', 'ACME Inc.', 'Acme Ltd', 'acme']) expect(companyKey(typed), typed).toBe('acme');
    // A suffix alone never drops down to no key at all.
    expect(companyKey('有限公司')).not.toBeNull();
    expect(companyKey('北京顶点有限公司')).not.toBe(acme);
  });

  it('folds a city with or without 市', () => {
    expect(cityKey('上海市')).toBe(cityKey('上海'));
  });

  it('keeps both phones of a customer and skips empty fields', () => {
    expect(keysOf({ name: '王伟', mobile: '13800138000', phone: '010-12345678', email: null, company: null })).toEqual([
      { kind: 'phone', value: '+8613800138000' },
      { kind: 'phone', value: '+861012345678' },
      { kind: 'name', value: '王伟' },
    ]);
  });
});
