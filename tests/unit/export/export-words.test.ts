import { afterEach, describe, expect, it } from 'vitest';
import { LEVEL_WORDS, localDateTime, utcOffset } from '../../../electron/core/export/export-words';
import { CUSTOMER_LEVELS } from '../../../shared/customers';
import { en } from '../../../renderer/src/i18n/en';
import { zhCN } from '../../../renderer/src/i18n/zh-CN';

const savedTz = process.env.TZ;
afterEach(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

describe('export words', () => {
  it('level words are the ones the customer list shows, in both languages', () => {
    for (const level of CUSTOMER_LEVELS) {
      expect(LEVEL_WORDS.en[level]).toBe(en[`level.${level}`]);
      expect(LEVEL_WORDS['zh-CN'][level]).toBe(zhCN[`level.${level}`]);
    }
  });

  it('dates are local, 24-hour, minutes, no T or Z', () => {
    process.env.TZ = 'Asia/Shanghai';
    expect(localDateTime('2026-12-01T06:05:59.000Z')).toBe('2026-12-01 14:05');
    expect(localDateTime('2026-12-31T16:30:00.000Z')).toBe('2027-01-01 00:30');
    expect(utcOffset(new Date('2026-12-01T06:05:00Z'))).toBe('UTC+08:00');
    process.env.TZ = 'America/New_York';
    expect(localDateTime('2026-12-01T06:05:00.000Z')).toBe('2026-12-01 01:05');
    expect(utcOffset(new Date('2026-12-01T06:05:00Z'))).toBe('UTC-05:00');
    expect(localDateTime('not a date')).toBe('not a date');
  });
});
