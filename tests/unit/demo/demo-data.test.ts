import { describe, expect, it } from 'vitest';
import { customerInputSchema } from '../../../shared/customers';
import { checkBankCard, checkChineseIdNumber } from '../../../shared/validation';
import { INTERACTION_KINDS } from '../../../electron/core/customers/timeline-repository';
import { generateDemoCustomers, type DemoCustomer, type DemoOptions } from '../../../electron/core/demo/demo-data';

const NOW = new Date('2025-03-15T08:30:00.000Z');
const HAN = /^\p{Script=Han}+$/u;

function take(options: Partial<DemoOptions> & { count: number }): DemoCustomer[] {
  return [...generateDemoCustomers({ now: NOW, owners: 3, ...options })];
}

describe('demo data', () => {
  // One shared book for the shape checks; 2,000 is enough to hit every branch many times.
  const book = take({ count: 2_000, seed: 7 });

  it('every customer passes the same schema customers.create uses', () => {
    for (const { customer } of book) {
      const result = customerInputSchema.safeParse(customer);
      // The customer in the message makes a failure readable without a debugger.
      expect(result.success, JSON.stringify({ customer, issues: result.error?.issues })).toBe(true);
    }
  });

  it('is deterministic per seed and `now`', () => {
    expect(take({ count: 200, seed: 7 })).toEqual(book.slice(0, 200));
    expect(take({ count: 200, seed: 8 })).not.toEqual(book.slice(0, 200));
    // The default seed is fixed too, so a demo book looks the same on every machine.
    expect(take({ count: 50 })).toEqual(take({ count: 50 }));
  });

  it('is about two thirds Chinese, with plenty of two-character names', () => {
    const chinese = book.filter(({ customer }) => HAN.test(customer.name));
    expect(chinese.length / book.length).toBeGreaterThanOrEqual(0.55);
    expect(chinese.length / book.length).toBeLessThanOrEqual(0.75);
    const twoChar = chinese.filter(({ customer }) => [...customer.name].length === 2);
    const threeChar = chinese.filter(({ customer }) => [...customer.name].length === 3);
    // Two-character names are the ones that trip up search and sorting, so the demo needs many.
    expect(twoChar.length).toBeGreaterThan(chinese.length * 0.2);
    expect(threeChar.length).toBeGreaterThan(chinese.length * 0.4);
    // English customers are written in English, Chinese ones in Chinese.
    for (const { customer, interactions } of book) {
      const isChinese = HAN.test(customer.name);
      for (const { summary } of interactions) expect(/\p{Script=Han}/u.test(summary)).toBe(isChinese);
    }
  });

  it('spreads interactions around the requested average, after creation and not after now', () => {
    for (const average of [10, 4]) {
      const customers = average === 10 ? book : take({ count: 2_000, seed: 3, interactionsPerCustomer: average });
      const total = customers.reduce((sum, c) => sum + c.interactions.length, 0);
      expect(total / customers.length).toBeGreaterThanOrEqual(average * 0.8);
      expect(total / customers.length).toBeLessThanOrEqual(average * 1.2);
    }
    // Checked in plain code and counted, so 20,000 interactions cost 20,000 comparisons, not expects.
    const twoYearsAgo = NOW.getTime() - 731 * 86_400_000;
    const bad = book.filter(({ createdAt, interactions, ownerIndex }) => {
      const created = Date.parse(createdAt);
      const times = interactions.map(({ at }) => Date.parse(at));
      return (
        !Number.isInteger(ownerIndex) || ownerIndex < 0 || ownerIndex >= 3 || !(created < NOW.getTime()) ||
        times.some((time, index) => time < created || time < twoYearsAgo || time > NOW.getTime() || time < (times[index - 1] ?? -Infinity)) ||
        interactions.some(({ kind, at, summary }) => !INTERACTION_KINDS.includes(kind) || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(at) || summary === '')
      );
    });
    expect(bad.slice(0, 3)).toEqual([]);
  });

  it('records money as non-negative integer minor units in a real currency code', () => {
    const purchases = book.flatMap((c) => c.purchases.map((p) => ({ ...p, createdAt: c.createdAt, chinese: HAN.test(c.customer.name) })));
    expect(purchases.length).toBeGreaterThan(book.length);
    for (const { amountMinor, currency, date, createdAt, chinese, item } of purchases) {
      expect(Number.isInteger(amountMinor)).toBe(true);
      expect(amountMinor).toBeGreaterThanOrEqual(0);
      expect(currency).toMatch(/^[A-Z]{3}$/);
      if (chinese) expect(currency).toBe('CNY');
      expect(date).toMatch(/^\d{4}-\d\d-\d\d$/);
      expect(date >= createdAt.slice(0, 10) && date <= NOW.toISOString().slice(0, 10)).toBe(true);
      expect(item.length).toBeGreaterThan(0);
    }
    const foreign = purchases.filter((p) => !p.chinese).map((p) => p.currency);
    expect(foreign.filter((c) => ['USD', 'GBP', 'EUR', 'AUD'].includes(c)).length / foreign.length).toBeGreaterThan(0.5);
  });

  it('sets reminders from two weeks ago to a month ahead', () => {
    const reminders = book.flatMap((c) => c.reminders);
    expect(reminders.length).toBeGreaterThan(0);
    for (const { dueAt, note } of reminders) {
      expect(Date.parse(dueAt)).toBeGreaterThanOrEqual(NOW.getTime() - 14 * 86_400_000);
      expect(Date.parse(dueAt)).toBeLessThanOrEqual(NOW.getTime() + 30 * 86_400_000);
      expect(note.length).toBeGreaterThan(0);
    }
  });

  it('leaves out ID numbers and bank cards unless asked, and makes them valid when asked', () => {
    expect(book.some(({ customer }) => customer.idNumber !== undefined || customer.bankCard !== undefined)).toBe(false);
    const sensitive = take({ count: 500, seed: 7, sensitiveFields: true });
    const ids = sensitive.flatMap(({ customer }) => (customer.idNumber ? [customer.idNumber] : []));
    const cards = sensitive.flatMap(({ customer }) => (customer.bankCard ? [customer.bankCard] : []));
    expect(ids.length).toBeGreaterThan(50);
    expect(cards.length).toBeGreaterThan(50);
    for (const id of ids) expect(checkChineseIdNumber(id)).toBeNull();
    for (const card of cards) {
      expect(checkBankCard(card)).toBeNull();
      expect(luhnValid(card)).toBe(true);
    }
  });

  it('streams: five customers out of ten million come back at once', () => {
    const started = performance.now();
    const first: DemoCustomer[] = [];
    for (const customer of generateDemoCustomers({ count: 10_000_000, now: NOW, owners: 1 })) {
      first.push(customer);
      if (first.length === 5) break;
    }
    expect(first).toHaveLength(5);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('rejects options it cannot honour when called, not on first use', () => {
    expect(() => generateDemoCustomers({ count: -1, now: NOW, owners: 1 })).toThrow(RangeError);
    expect(() => generateDemoCustomers({ count: 1, now: NOW, owners: 0 })).toThrow(RangeError);
    expect(() => generateDemoCustomers({ count: 1, now: new Date('nope'), owners: 1 })).toThrow(RangeError);
    expect(take({ count: 0 })).toEqual([]);
  });
});

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return sum % 10 === 0;
}
