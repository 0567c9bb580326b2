import type { SensitiveCustomerField } from './customers';

/**
 * Masked display in the GB/T 35273 style. A masked value is a different string built in main;
 * the renderer never receives the original. Every rule keeps at most the stated characters and
 * returns undefined (field not sent) for anything it cannot mask safely.
 */

/** Full-width digits (１３８…) are common in Chinese input; fold them before looking at digits. */
function foldDigits(value: string): string {
  return value.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 48));
}

function digitsOf(value: string): string {
  return foldDigits(value).replace(/\D/g, '');
}

/** Chinese mobile 13812345678 -> 138****5678; any other number keeps only its last 4 digits. */
export function maskPhone(value: string): string | undefined {
  let digits = digitsOf(value);
  const international = /^\s*(\+|00)/.test(foldDigits(value));
  if (international) digits = digits.replace(/^00/, '');
  // Only a number without a country code, or with +86, can be a Chinese mobile: +1 415 555 0199
  // also has 11 digits starting with 1 and must keep only its last 4.
  const chinese = international ? digits.startsWith('86') && digits.length === 13 : digits.length === 11;
  if (international && chinese) digits = digits.slice(2);
  if (chinese && /^1[3-9]\d{9}$/.test(digits)) return `${digits.slice(0, 3)}****${digits.slice(7)}`;
  if (digits.length < 7) return digits.length === 0 ? undefined : '*'.repeat(Math.max(digits.length, 4));
  return `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`;
}

/** zhang.san@example.com -> z***@example.com: the @ and the domain stay. */
export function maskEmail(value: string): string | undefined {
  const at = value.lastIndexOf('@');
  if (at <= 0 || at === value.length - 1) return value.length === 0 ? undefined : '***';
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  const first = [...local][0] ?? '';
  return `${[...local].length > 1 ? first : ''}***@${domain}`;
}

/** 110101199003074514 -> 110***********4514; other lengths keep only the last 4. */
export function maskIdNumber(value: string): string | undefined {
  const id = foldDigits(value).replace(/\s/g, '').toUpperCase();
  if (/^\d{17}[\dX]$/.test(id)) return `${id.slice(0, 3)}${'*'.repeat(11)}${id.slice(-4)}`;
  if (id.length <= 4) return id.length === 0 ? undefined : '****';
  return `${'*'.repeat(id.length - 4)}${id.slice(-4)}`;
}

/** 6222020200112233445 -> **** **** **** 3445. */
export function maskBankCard(value: string): string | undefined {
  const digits = digitsOf(value);
  if (digits.length < 8) return digits.length === 0 ? undefined : '**** **** **** ****';
  return `**** **** **** ${digits.slice(-4)}`;
}

/**
 * The street detail is dropped entirely: province and city (separate fields) are what a masked
 * address shows. A fixed marker says there is something to reveal.
 */
export function maskAddressDetail(value: string): string | undefined {
  return value.trim().length === 0 ? undefined : '***';
}

const RULES: Readonly<Record<SensitiveCustomerField, (value: string) => string | undefined>> = {
  mobile: maskPhone,
  phone: maskPhone,
  email: maskEmail,
  addressDetail: maskAddressDetail,
  idNumber: maskIdNumber,
  bankCard: maskBankCard,
};

/** Fails closed: no rule, a non-string, or a "masked" value equal to the original -> not sent. */
export function maskField(field: string, value: unknown): string | undefined {
  const rule = (RULES as Record<string, ((v: string) => string | undefined) | undefined>)[field];
  if (!rule || typeof value !== 'string') return undefined;
  const masked = rule(value);
  return masked === value ? undefined : masked;
}
