import { describe, expect, it } from 'vitest';
import { REDACTED, maskName } from '../../shared/erasure';
import { contextOf, redact, termOfQuery, termsOf } from '../../electron/core/privacy/erasure-terms';

describe('erasure terms: what identifies a person in text, and how it is cut out', () => {
  const terms = termsOf({ name: '王偉', mobile: '+86 138 0013 8000', email: 'Wang.Wei@Example.com', wechat: 'ww_1988' });

  it('takes the name in both writings, the mobile without +86, the e-mail in lower case; too-short values are not terms', () => {
    expect(terms).toEqual([
      { kind: 'name', value: '王偉' },
      { kind: 'name', value: '王伟' },
      { kind: 'phone', value: '13800138000' },
      { kind: 'email', value: 'wang.wei@example.com' },
      { kind: 'wechat', value: 'ww_1988' },
    ]);
    expect(termsOf({ name: '王', mobile: '8000', wechat: 'ab' })).toEqual([]);
  });

  it('redacts every spelling: spaced and dashed phones, +86, any case of the e-mail, the folded name', () => {
    expect(redact('王伟说 138 0013 8000 或 +86-138-0013-8000，邮件 WANG.WEI@example.COM', terms)).toBe(`${REDACTED}说 ${REDACTED} 或 ${REDACTED}，邮件 ${REDACTED}`);
    expect(redact('nothing here', terms)).toBe('nothing here');
  });

  it('shows a hit in context through the caller’s mask, and reads a typed query as e-mail, phone or name', () => {
    expect(contextOf('很长的前文'.repeat(10) + '请回电 13800138000 谢谢', terms, () => '138****8000')).toMatch(/^….*请回电 138\*\*\*\*8000 谢谢$/);
    expect(termOfQuery(' 138 0013 8000 ')).toEqual({ kind: 'phone', value: '13800138000' });
    expect(termOfQuery('A@B.cn')).toEqual({ kind: 'email', value: 'a@b.cn' });
    expect(termOfQuery('王伟')).toEqual({ kind: 'name', value: '王伟' });
  });

  it('masks names as the privacy log keeps them', () => {
    expect(maskName('王伟')).toBe('王*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('Li Na')).toBe('L* N*');
  });
});
