import { describe, expect, it } from 'vitest';
import { contract } from '../../../shared/contract';
import { checkBankCard, checkChineseIdNumber, checkEmail, checkPhone } from '../../../shared/validation';
import { createRouter, type HandlerMap } from '../../../electron/ipc/router';

describe('field validation', () => {
  it.each([
    ['11010519491231002X', null],
    ['110105194912310021', 'invalid_id_number'], // wrong check character
    ['110105194913310029', 'invalid_id_number'], // month 13
    ['11010519490230002X', 'invalid_id_number'], // 30 February
    ['1101051949123100', 'invalid_id_number'],
    ['abcdefghijklmnopqr', 'invalid_id_number'],
  ])('ID number %s -> %s', (value, expected) => {
    expect(checkChineseIdNumber(value)).toBe(expected);
  });

  it.each([
    ['13812345678', null],
    ['+86 138 1234 5678', null],
    ['021-5550-1234', null],
    ['+1 415 555 0199', null],
    ['12345', 'invalid_phone'],
    ['138123456789', 'invalid_phone'],
    ['call me', 'invalid_phone'],
  ])('phone %s -> %s', (value, expected) => {
    expect(checkPhone(value)).toBe(expected);
  });

  it.each([
    ['zhang.san@example.com', null],
    ['王伟@例子.中国', null],
    ['no-at.example.com', 'invalid_email'],
    ['a@b', 'invalid_email'],
    ['a b@example.com', 'invalid_email'],
  ])('e-mail %s -> %s', (value, expected) => {
    expect(checkEmail(value)).toBe(expected);
  });

  it('bank cards are 12 to 19 digits', () => {
    expect(checkBankCard('6222 0202 0011 2233 445')).toBeNull();
    expect(checkBankCard('1234')).toBe('invalid_bank_card');
  });

  it('the router answers a bad customer with one reason code per field, and runs nothing', async () => {
    let ran = false;
    const handlers = new Proxy({}, { get: () => () => ((ran = true), {}) }) as HandlerMap;
    const router = createRouter({ handlers, authorize: () => ({ userId: 1, username: 'u', displayName: 'U', role: 'owner', startedAt: 0, lastActiveAt: 0, locked: false, mustEnroll2fa: false }) });
    const result = await router.dispatch({ senderId: 't' }, 'customers.create', { name: '王伟', mobile: '12345', email: 'nope', idNumber: '110105194912310021' });
    expect(result).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.any(String), fields: { mobile: 'invalid_phone', email: 'invalid_email', idNumber: 'invalid_id_number' } },
    });
    expect(ran).toBe(false);
    expect(contract['customers.update'].input.safeParse({ id: 1, changes: { mobile: '13812345678' } }).success).toBe(true);
    expect(contract['customers.update'].input.safeParse({ id: 1, changes: { mobile: '1' } }).success).toBe(false);
  });
});
