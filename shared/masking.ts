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
  const international = /^\s*\(?\s*(\+|00)/.test(foldDigits(value));
  if (international) digits = digits.replace(/^00/, '');
  // Only a number without a country code, or with +86, can be a Chinese mobile: +1 415 555 0199
  // also has 11 digits starting with 1 and must keep only its last 4.
  const chinese = international ? digits.startsWith('86') && digits.length === 13 : digits.length === 11;
  if (international && chinese) digits = digits.slice(2);
  if (chinese && /^1[3-9]\d{9}$/.test(digits)) return `${digits.slice(0, 3)}****${digits.slice(7)}`;
  if (digits.length < 7) return digits.length === 0 ? undefined : '*'.repeat(Math.max(digits.length, 4));
  return `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`;
}

/**
 * The field is free text, so what follows an @ is only shown when it is shaped like a domain
 * (dot-separated labels, a letter or punycode TLD): 'x@13812345678' or 'a@b.com, tel 138…' would otherwise
 * send the rest of the value in the clear.
 */
const DOMAIN = /^(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+(?:\p{L}{2,63}|xn--[a-z\d-]{1,59})$/iu;

/** zhang.san@example.com -> z***@example.com: the @ and the domain stay. */
export function maskEmail(value: string): string | undefined {
  const trimmed = value.trim();
  if (trimmed.length === 0) return undefined;
  const at = trimmed.lastIndexOf('@');
  const local = trimmed.slice(0, Math.max(at, 0));
  const domain = trimmed.slice(at + 1);
  if (at <= 0 || !DOMAIN.test(domain)) return '***';
  const first = [...local][0] ?? '';
  return `${[...local].length > 1 ? first : ''}***@${domain}`;
}

/**
 * wxid_k2j4h5g6 -> w******g6. Many people use their mobile number as their WeChat ID: then it is
 * masked as that number, so the ID never shows more digits than the phone field would.
 */
export function maskWechat(value: string): string | undefined {
  const id = foldDigits(value).trim();
  if (id.length === 0) return undefined;
  if (/^\+?[\d\s-]{7,}$/.test(id)) return maskPhone(id);
  const chars = [...id];
  if (chars.length <= 4) return '****';
  return `${chars[0]}${'*'.repeat(6)}${chars.slice(-2).join('')}`;
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
  wechat: maskWechat,
  addressDetail: maskAddressDetail,
  idNumber: maskIdNumber,
  bankCard: maskBankCard,
};

/**
 * Fails closed: no rule, a non-string, or a "masked" value equal to the original -> not sent.
 * Only the table's own keys count: 'constructor' would otherwise find Object and send the value.
 */
export function maskField(field: string, value: unknown): string | undefined {
  if (!Object.hasOwn(RULES, field) || typeof value !== 'string') return undefined;
  const masked = RULES[field as SensitiveCustomerField](value);
  return typeof masked === 'string' && masked !== value ? masked : undefined;
}
