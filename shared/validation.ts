import { isValidPhoneNumber } from 'libphonenumber-js/min';

/**
 * Field checks shared by the router (the authority) and the forms (instant feedback). Each
 * returns a reason code or null; the UI words the reason in the user's language.
 */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 11643-1999 allows births from the 19th century on: its own example is 440524188001010014. */
const EARLIEST_BIRTH = Date.UTC(1800, 0, 1);

/**
 * GB 11643-1999: 17 digits, a valid birth date (1800-01-01 up to today), and the ISO 7064
 * MOD 11-2 check character. A lower-case x is accepted here; the schema stores it as X
 * (normalizeChineseIdNumber), so one number never exists in two spellings.
 */
export function checkChineseIdNumber(value: string): 'invalid_id_number' | null {
  const id = normalizeChineseIdNumber(value);
  if (!/^\d{17}[\dX]$/.test(id)) return 'invalid_id_number';
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getTime() < EARLIEST_BIRTH || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || date.getTime() > Date.now()) return 'invalid_id_number';
  const sum = ID_WEIGHTS.reduce((total, weight, index) => total + weight * Number(id[index]), 0);
  return ID_CHECK[sum % 11] === id[17] ? null : 'invalid_id_number';
}

export function normalizeChineseIdNumber(value: string): string {
  return value.trim().toUpperCase();
}

/** Numbers without a country code are read as Chinese (the default market); +CC for others. */
export function checkPhone(value: string): 'invalid_phone' | null {
  const text = value.trim();
  if (text.length > 32) return 'invalid_phone';
  // A national number starting with 1 is a Chinese mobile, and those have exactly 11 digits;
  // libphonenumber's small metadata checks lengths per country only.
  const national = text.replace(/[\s()-]/g, '').replace(/^\+86|^0086/, '');
  if (/^1\d*$/.test(national) && !/^1[3-9]\d{9}$/.test(national)) return 'invalid_phone';
  try {
    return isValidPhoneNumber(text, 'CN') ? null : 'invalid_phone';
  } catch {
    return 'invalid_phone';
  }
}

// Deliberately plain: one @, something before it, a dotted domain, no spaces. Unicode allowed
// (王伟@例子.中国 is a real address form).
const EMAIL = /^[^\s@]{1,64}@[^\s@.]+(\.[^\s@.]+)+$/u;

export function checkEmail(value: string): 'invalid_email' | null {
  const text = value.trim();
  return text.length <= 254 && EMAIL.test(text) ? null : 'invalid_email';
}

/** Luhn is not required of every Chinese card; 12-19 digits is what banks issue. */
export function checkBankCard(value: string): 'invalid_bank_card' | null {
  return /^\d{12,19}$/.test(value.replace(/[\s-]/g, '')) ? null : 'invalid_bank_card';
}
