import { afterAll, describe, expect, it } from 'vitest';
import { formatCount, formatDate, formatDateTime, formatDuration, formatFileSize, formatFor, formatMoney, formatMonthDay, formatNumber, formatRelative, formatTime } from '../../renderer/src/i18n/format';

// Shanghai has no daylight saving; New York is behind UTC, where a date-only value read as UTC
// midnight would show the day before.
const SH = { timeZone: 'Asia/Shanghai' };
const NY = { timeZone: 'America/New_York' };
const afternoon = '2026-12-01T06:05:00.000Z'; // 14:05 in Shanghai

describe('dates and times in the chosen language', () => {
  it('writes a date and time: Chinese on the 24-hour clock, English as English readers expect', () => {
    expect(formatDateTime('zh-CN', afternoon, SH)).toBe('2026年12月1日 14:05');
    expect(formatDateTime('en', afternoon, SH)).toBe('Dec 1, 2026, 2:05 PM');
    expect(formatDateTime('zh-CN', '2026-12-01T16:07:59Z', SH)).toBe('2026年12月2日 00:07');
    expect(formatDateTime('en', '2026-12-01T16:07:59Z', SH)).toBe('Dec 2, 2026, 12:07 AM');
  });

  it('writes the time alone', () => {
    expect(formatTime('zh-CN', afternoon, SH)).toBe('14:05');
    expect(formatTime('en', afternoon, SH)).toBe('2:05 PM');
    expect(formatTime('zh-CN', '2026-12-01T01:09:00Z', SH)).toBe('09:09');
  });

  it('writes a date alone from an instant, in the reader’s zone', () => {
    expect(formatDate('zh-CN', afternoon, SH)).toBe('2026年12月1日');
    expect(formatDate('en', afternoon, SH)).toBe('Dec 1, 2026');
    expect(formatDate('zh-CN', afternoon, NY)).toBe('2026年12月1日');
    expect(formatDate('zh-CN', '2026-12-01T02:00:00Z', NY)).toBe('2026年11月30日');
  });

  it('writes a short day for chart axes, without the year', () => {
    expect(formatMonthDay('zh-CN', afternoon, SH)).toBe('12月1日');
    expect(formatMonthDay('en', afternoon, SH)).toBe('Dec 1');
    expect(formatMonthDay('zh-CN', '2026-12-01T02:00:00Z', NY)).toBe('11月30日');
    expect(formatMonthDay('en', '2026-12-01', NY)).toBe('Dec 1');
  });

  it('never moves a date-only value to another day, whatever the zone', () => {
    for (const zone of [NY, SH, { timeZone: 'Pacific/Honolulu' }, { timeZone: 'Pacific/Kiritimati' }, {}]) {
      expect(formatDate('zh-CN', '2026-12-01', zone)).toBe('2026年12月1日');
      expect(formatDate('en', '2026-12-01', zone)).toBe('Dec 1, 2026');
      // A purchase day has no time: asking for a date-time still gives the day, never midnight.
      expect(formatDateTime('zh-CN', '2026-01-05', zone)).toBe('2026年1月5日');
      expect(formatTime('en', '2026-01-05', zone)).toBe('');
    }
  });

  describe('in a process whose own zone is behind UTC', () => {
    const saved = process.env.TZ;
    process.env.TZ = 'America/Los_Angeles';
    afterAll(() => {
      process.env.TZ = saved;
    });
    it('keeps date-only values on their day with the default zone', () => {
      expect(new Date('2026-12-01').getDate()).toBe(30); // what the old ad-hoc formatting showed
      expect(formatDate('zh-CN', '2026-12-01')).toBe('2026年12月1日');
      expect(formatFor('en').date('2026-12-01')).toBe('Dec 1, 2026');
    });
  });

  it('shows an unreadable value as it is and an absent one as nothing', () => {
    expect(formatDateTime('en', 'not a date')).toBe('not a date');
    expect(formatDate('zh-CN', null)).toBe('');
    expect(formatDateTime('zh-CN', undefined)).toBe('');
  });
});

describe('relative time', () => {
  const now = '2026-12-04T06:00:00Z'; // 14:00 in Shanghai
  const rel = (locale: 'zh-CN' | 'en', iso: string) => formatRelative(locale, iso, now, SH);

  it.each([
    ['2026-12-04T06:00:00Z', '刚刚', 'just now'],
    ['2026-12-04T05:59:01Z', '刚刚', 'just now'],
    ['2026-12-04T05:59:00Z', '1分钟前', '1 minute ago'],
    ['2026-12-04T05:01:00Z', '59分钟前', '59 minutes ago'],
    ['2026-12-04T05:00:00Z', '1小时前', '1 hour ago'],
    ['2026-12-03T16:00:00Z', '14小时前', '14 hours ago'], // 00:00 today in Shanghai
    ['2026-12-03T15:59:00Z', '昨天', 'yesterday'], // 23:59 last night
    ['2026-12-02T06:00:00Z', '前天', '2 days ago'],
    ['2026-12-01T06:00:00Z', '3天前', '3 days ago'],
    ['2026-11-04T06:00:00Z', '30天前', '30 days ago'],
    ['2026-11-03T06:00:00Z', '上个月', 'last month'],
    ['2026-09-01T06:00:00Z', '3个月前', '3 months ago'],
    ['2025-12-01T06:00:00Z', '去年', 'last year'],
    ['2023-11-01T06:00:00Z', '3年前', '3 years ago'],
    ['2026-12-04T06:00:30Z', '1分钟后', 'in 1 minute'],
    ['2026-12-04T08:00:00Z', '2小时后', 'in 2 hours'],
    ['2026-12-04T16:00:00Z', '明天', 'tomorrow'], // 00:00 tomorrow in Shanghai
    ['2026-12-07T06:00:00Z', '3天后', 'in 3 days'],
  ])('%s is %s / %s', (iso, zh, english) => {
    expect(rel('zh-CN', iso)).toBe(zh);
    expect(rel('en', iso)).toBe(english);
  });

  it('counts calendar days for date-only values', () => {
    expect(formatRelative('zh-CN', '2026-12-04', now, SH)).toBe('今天');
    expect(formatRelative('zh-CN', '2026-12-03', now, SH)).toBe('昨天');
    expect(formatRelative('en', '2026-12-01', now, NY)).toBe('3 days ago');
  });
});

describe('numbers and money', () => {
  it('groups digits', () => {
    expect(formatNumber('zh-CN', 1234567)).toBe('1,234,567');
    expect(formatNumber('en', 100000)).toBe('100,000');
  });

  it('writes honest counts: a capped list says so', () => {
    expect(formatCount('en', 2000)).toBe('2,000');
    expect(formatCount('zh-CN', 200, 200)).toBe('200');
    expect(formatCount('zh-CN', 201, 200)).toBe('200+');
    expect(formatCount('en', 1001, 1000)).toBe('1,000+');
  });

  it.each([
    ['zh-CN', 123450, 'CNY', '¥1,234.50'],
    ['zh-CN', 5, 'CNY', '¥0.05'],
    ['zh-CN', -123450, 'CNY', '-¥1,234.50'],
    ['zh-CN', 123450, 'USD', 'US$1,234.50'],
    ['en', 123450, 'USD', '$1,234.50'],
    ['en', 123450, 'CNY', 'CN¥1,234.50'],
    ['en', 999_999_999_999_999, 'CNY', 'CN¥9,999,999,999,999.99'],
    ['zh-CN', 123400, 'JPY', 'JP¥1,234'],
    ['zh-CN', 123450, '', '1,234.50'],
    ['en', 123450, 'usd', '$1,234.50'],
  ] as const)('%s: %d minor units of %j is %s', (locale, minor, currency, text) => {
    expect(formatMoney(locale, minor, currency)).toBe(text);
  });

  it('binds every formatter to one language', () => {
    const zh = formatFor('zh-CN', SH);
    expect(zh.dateTime(afternoon)).toBe('2026年12月1日 14:05');
    expect(zh.money(100, 'CNY')).toBe('¥1.00');
    expect(zh.relative('2026-12-01T06:00:00Z', '2026-12-04T06:00:00Z')).toBe('3天前');
  });
});

describe('sizes and durations', () => {
  it('writes file sizes in kB below a megabyte, never 0 kB for a file with bytes', () => {
    expect(formatFileSize('en', 10)).toBe('1 kB');
    expect(formatFileSize('zh-CN', 12 * 1024)).toBe('12 kB');
    expect(formatFileSize('en', 1.5 * 1024 * 1024)).toBe('1.5 MB');
  });

  it('writes a duration in the unit that reads best, in the chosen language', () => {
    expect(formatDuration('zh-CN', 2300)).toBe('2.3秒');
    expect(formatDuration('en', 2300)).toBe('2.3 sec');
    expect(formatDuration('zh-CN', 12 * 60_000)).toBe('12分钟');
    expect(formatDuration('zh-CN', 5_400_000)).toBe('1.5小时');
    expect(formatDuration('en', 5_400_000)).toBe('1.5 hr');
  });
});
