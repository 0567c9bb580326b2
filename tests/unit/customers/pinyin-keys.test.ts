import { describe, expect, it } from 'vitest';
import { foldChinese, normalisePinyinQuery, pinyinKeys, PinyinKind } from '../../../electron/core/customers/pinyin-keys';

const keysOf = (name: string) => new Map(pinyinKeys(name).map((k) => [k.key, k.kind]));

describe('pinyin keys', () => {
  it('gives full pinyin, initials and mixes for 王伟', () => {
    const keys = keysOf('王伟');
    expect(keys.get('wangwei')).toBe(PinyinKind.Full);
    expect(keys.get('ww')).toBe(PinyinKind.Initials);
    expect(keys.get('wangw')).toBe(PinyinKind.Mixed);
    expect(keys.get('wwei')).toBe(PinyinKind.Mixed);
  });

  it('reads surnames as surnames and keeps the other readings of polyphonic characters', () => {
    expect(pinyinKeys('曾乐')[0]).toEqual({ key: 'zengle', kind: PinyinKind.Full });
    expect(keysOf('曾乐').get('zengyue')).toBe(PinyinKind.Full);
    expect(pinyinKeys('单伟')[0]).toEqual({ key: 'shanwei', kind: PinyinKind.Full });
    expect(keysOf('单伟').get('danwei')).toBe(PinyinKind.Full);
  });

  it('treats compound surnames as two syllables', () => {
    const keys = keysOf('欧阳娜娜');
    expect(keys.get('ouyangnana')).toBe(PinyinKind.Full);
    expect(keys.get('oynn')).toBe(PinyinKind.Initials);
  });

  it('folds traditional characters before reading them', () => {
    expect(foldChinese('王偉')).toBe('王伟');
    expect(foldChinese('陳靜')).toBe('陈静');
    expect(keysOf('陳靜').get('chenjing')).toBe(PinyinKind.Full);
  });

  it('keeps Latin runs as one syllable and gives nothing for names without Chinese', () => {
    expect(keysOf('Tom王').get('tomwang')).toBe(PinyinKind.Full);
    expect(pinyinKeys('Tom Smith')).toEqual([]);
  });

  it('caps the keys of a long name', () => {
    expect(pinyinKeys('中华人民共和国北京市朝阳区').length).toBeLessThanOrEqual(64);
  });

  it('normalises what the user types', () => {
    expect(normalisePinyinQuery(' Wang Wei ')).toBe('wangwei');
    expect(normalisePinyinQuery('lü')).toBe('lv');
    expect(normalisePinyinQuery("xi'an")).toBe('xian');
  });
});
