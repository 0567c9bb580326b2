import { describe, expect, it } from 'vitest';
import { parseMoney, toLocalInput } from '../../../renderer/src/features/customers/format';

describe('money and dates on the customer screens', () => {
  it.each([
    ['12', 1200],
    ['12.5', 1250],
    ['12.05', 1205],
    ['1,280.00', 128000],
    ['１2', null],
    ['12.345', null],
    ['-3', null],
    ['', null],
    ['abc', null],
  ])('parseMoney(%j) = %j minor units', (text, minor) => expect(parseMoney(text)).toBe(minor));

  it('writes a local date-time input value', () => {
    expect(toLocalInput(new Date(2026, 0, 5, 9, 7))).toBe('2026-01-05T09:07');
  });
});
