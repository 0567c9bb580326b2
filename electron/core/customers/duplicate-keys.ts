import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import type { Db } from '../db/open-database';
import type { CustomerRow } from './customer-repository';

/**
 * Normalised keys for duplicate detection, kept in customer_keys (migration 015) with every
 * customer write. Two spellings of the same phone, e-mail, name or company must give the same
 * key: "+86 138 0013 8000", "13800138000" and full-width "１３８００１３８０００" are one mobile.
 */
export type KeyKind = 'phone' | 'email' | 'name' | 'company';

// NFKC folds full-width digits, letters, brackets and the ideographic space to their ASCII forms.
const fold = (value: string) => value.normalize('NFKC');

/** E.164, CN by default; null when the text cannot be a phone number at all. */
export function phoneKey(value: string | null | undefined): string | null {
  if (!value) return null;
  const text = fold(value).trim();
  if (!/\d/.test(text)) return null;
  const parsed = parsePhoneNumberFromString(text, 'CN');
  if (parsed?.isPossible()) return parsed.number;
  // Not a number libphonenumber accepts (an extension, a short code): the digits still compare.
  const digits = text.replace(/\D/g, '');
  return digits.length >= 5 ? digits : null;
}

export function emailKey(value: string | null | undefined): string | null {
  const text = value ? fold(value).trim().toLowerCase() : '';
  return text.includes('@') ? text : null;
}

export function nameKey(value: string | null | undefined): string | null {
  const text = value ? fold(value).replace(/[\s·•.]+/g, '').toLowerCase() : '';
  return text || null;
}

const CJK_SUFFIXES = ['股份有限公司', '有限责任公司', '有限公司', '分公司', '集团', '公司'];
const LATIN_SUFFIXES = new Set(['co', 'ltd', 'inc', 'llc', 'corp', 'corporation', 'company', 'limited', 'gmbh', 'plc']);

/** The company's own name: legal-form suffixes and bracketed parts (城市, 分部) dropped. */
export function companyKey(value: string | null | undefined): string | null {
  if (!value) return null;
  let text = fold(value)
    .toLowerCase()
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[\s.,&'"_-]+/g, ' ')
    .trim();
  for (let changed = true; changed && text; ) {
    changed = false;
    const cjk = CJK_SUFFIXES.find((suffix) => text.endsWith(suffix) && text.length > suffix.length);
    if (cjk) {
      text = text.slice(0, -cjk.length).trim();
      changed = true;
      continue;
    }
    const words = text.split(' ');
    if (words.length > 1 && LATIN_SUFFIXES.has(words[words.length - 1]!)) {
      text = words.slice(0, -1).join(' ');
      changed = true;
    }
  }
  const key = text.replace(/\s+/g, '');
  return key || null;
}

export function cityKey(value: string | null | undefined): string | null {
  const text = value ? fold(value).replace(/\s+/g, '').replace(/[市县区]$/, '').toLowerCase() : '';
  return text || null;
}

type KeySource = Pick<CustomerRow, 'name' | 'mobile' | 'phone' | 'email' | 'company'>;

export function keysOf(row: Partial<KeySource>): { kind: KeyKind; value: string }[] {
  const keys: { kind: KeyKind; value: string | null }[] = [
    { kind: 'phone', value: phoneKey(row.mobile) },
    { kind: 'phone', value: phoneKey(row.phone) },
    { kind: 'email', value: emailKey(row.email) },
    { kind: 'name', value: nameKey(row.name) },
    { kind: 'company', value: companyKey(row.company) },
  ];
  return keys.filter((k): k is { kind: KeyKind; value: string } => k.value !== null);
}

/**
 * Replaces one customer's keys; called in the same transaction as every customer write (a
 * missing row, e.g. after a delete, just clears them).
 */
export function keyCustomer(db: Db, row: KeySource | undefined, id: number): void {
  db.prepare('DELETE FROM customer_keys WHERE customer_id = ?').run(id);
  if (!row) return;
  const insert = db.prepare('INSERT OR IGNORE INTO customer_keys (kind, value, customer_id) VALUES (?, ?, ?)');
  for (const key of keysOf(row)) insert.run(key.kind, key.value, id);
}
