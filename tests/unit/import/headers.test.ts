import { describe, expect, it } from 'vitest';
import type { ImportTarget } from '../../../shared/import';
import { detectHeaderRow, dictionaryTarget, headerSignature, isIdLikeHeader, suggestMapping } from '../../../electron/core/import/headers';

const SYNONYMS: [ImportTarget, string[]][] = [
  ['name', ['姓名', '名字', '客户名称', '客户姓名', '联系人', 'name', 'full name']],
  ['mobile', ['手机', '手机号', '手机号码', '移动电话', '联系电话', 'mobile', 'cell']],
  ['phone', ['电话', '座机', '固话', '办公电话', 'phone', 'tel']],
  ['email', ['邮箱', '电子邮件', 'E-mail', 'email']],
  ['company', ['公司', '单位', '公司名称', '企业名称', 'company']],
  ['addressDetail', ['地址', '联系地址', '详细地址', 'address']],
  ['province', ['省', '省份']],
  ['city', ['城市', '市']],
  ['industry', ['行业']],
  ['region', ['区域', '地区']],
  ['source', ['来源', '客户来源']],
  ['level', ['等级', '客户等级', '级别']],
  ['wechat', ['微信', '微信号', 'WeChat', 'WeChat ID']],
  ['birthday', ['生日', '出生日期', 'birthday', 'Date of birth']],
  ['notes', ['备注', '说明', 'notes', 'QQ']],
  ['tags', ['标签', '客户标签', '分类', 'tags']],
  ['idNumber', ['身份证', '身份证号', '证件号码']],
  ['bankCard', ['银行卡', '银行卡号']],
];

describe('the header dictionary', () => {
  it.each(SYNONYMS.flatMap(([target, words]) => words.map((word) => [word, target] as const)))('%s -> %s', (word, target) => {
    expect(dictionaryTarget(word)).toBe(target);
  });

  it('ignores case, full width, spaces, dashes, a required star, a bracketed hint and traditional script', () => {
    expect(dictionaryTarget('ＦＵＬＬ　ＮＡＭＥ')).toBe('name');
    expect(dictionaryTarget('  Full   Name ')).toBe('name');
    expect(dictionaryTarget('E_MAIL')).toBe('email');
    expect(dictionaryTarget('*姓名')).toBe('name');
    expect(dictionaryTarget('手机号码（必填）')).toBe('mobile');
    expect(dictionaryTarget('手機')).toBe('mobile');
    expect(dictionaryTarget('身份證號')).toBe('idNumber');
    expect(dictionaryTarget('電子郵件')).toBe('email');
  });

  it('knows nothing it was not told: no fuzzy guesses', () => {
    for (const header of ['电邮地址', '名', '手', '', '金额', 'nam']) expect(dictionaryTarget(header)).toBeNull();
  });

  it('ID-like headers are the identity and card columns and anything named a number', () => {
    expect(isIdLikeHeader('身份证号')).toBe(true);
    expect(isIdLikeHeader('银行卡')).toBe(true);
    expect(isIdLikeHeader('会员编号')).toBe(true);
    expect(isIdLikeHeader('ID')).toBe(true);
    expect(isIdLikeHeader('金额')).toBe(false);
    expect(isIdLikeHeader('姓名')).toBe(false);
  });
});

describe('suggested mapping', () => {
  it('maps each known header, and unknown ones to ignore', () => {
    expect(suggestMapping(['姓名', '手机', '公司', '身份证号', '金额'])).toEqual(['name', 'mobile', 'company', 'idNumber', 'ignore']);
  });

  it('a target claimed twice goes to neither; notes may take several columns', () => {
    expect(suggestMapping(['姓名', '手机', '联系电话', '说明', 'QQ', '备注'])).toEqual(['name', 'ignore', 'ignore', 'notes', 'notes', 'notes']);
    // WeChat and birthday columns have their own fields now (they went to the notes before).
    expect(suggestMapping(['姓名', '微信号', '生日'])).toEqual(['name', 'wechat', 'birthday']);
  });

  it('an unknown header is suggested from its samples only when every sample is plainly one kind', () => {
    const samples = [['a@example.com', 'b@example.cn'], ['138 0013 8000', '13912345678'], ['13800138000', '张三'], []];
    expect(suggestMapping(['联络方式', '号码', '其他', '空'], samples)).toEqual(['email', 'mobile', 'ignore', 'ignore']);
    // ...and never over a header that claims the same target.
    expect(suggestMapping(['手机', '号码'], [[], ['13912345678']])).toEqual(['ignore', 'ignore']);
  });
});

describe('header row', () => {
  it('skips a title row and blank rows above the header', () => {
    expect(detectHeaderRow([['2024年客户名单'], [], ['姓名', '手机', '公司', '身份证号'], ['王镕', '01012345678', '甲', '1']])).toBe(2);
  });

  it('takes a row half of whose filled cells are known headers', () => {
    expect(detectHeaderRow([['客户', '', ''], ['姓名', '爱好', '', ''], ['王', '跑步']])).toBe(1);
  });

  it('falls back to the first non-empty row when no row looks like a header', () => {
    expect(detectHeaderRow([[], ['王镕', '01012345678'], ['李堃', '13800138000']])).toBe(1);
  });

  it('a wide header of mostly custom columns under a title: the row with the most known headers (two or more)', () => {
    const wide = ['姓名', '手机', '意向', '预算', '跟进人', '到店日期'];
    expect(detectHeaderRow([['2024年客户名单'], wide, ['王', '138', '高', '10万', '李', '3月']])).toBe(1);
    expect(detectHeaderRow([['2024年客户名单'], ['姓名', '意向', '预算', '跟进人'], ['王', '高', '10万', '李']])).toBe(0);
  });

  it('looks only at the first ten non-empty rows', () => {
    const rows = [...Array.from({ length: 10 }, (_, i) => [`标题${i}`]), ['姓名', '手机']];
    expect(detectHeaderRow(rows)).toBe(0);
  });
});

describe('header signature', () => {
  it('is the SHA-256 of the normalised headers in order', () => {
    const signature = headerSignature(['姓名', '手机', 'E-mail']);
    expect(signature).toMatch(/^[0-9a-f]{64}$/);
    expect(headerSignature([' 姓名 ', '手機', 'ＥＭＡＩＬ'])).toBe(signature);
    expect(headerSignature(['手机', '姓名', 'E-mail'])).not.toBe(signature);
    expect(headerSignature(['姓名', '手机'])).not.toBe(signature);
  });
});
