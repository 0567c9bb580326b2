import type { MentionPlace } from '../../../shared/erasure';
import { REDACTED } from '../../../shared/erasure';
import { foldChinese } from '../customers/pinyin-keys';

/**
 * The values that identify one person in text, and how to find and cut them out of free text.
 * Kinds matter: a phone is matched by its digits whatever the spacing (138 0013 8000), an e-mail
 * without regard to case, a name as written and folded to simplified characters.
 */
export interface Term {
  kind: 'name' | 'phone' | 'email' | 'wechat';
  value: string;
}

const digitsOf = (value: string) => value.normalize('NFKC').replace(/\D/g, '');

/** Terms of a stored person; too-short values (a 1-character name, a 4-digit extension) are not terms. */
export function termsOf(person: { name?: string | null; mobile?: string | null; phone?: string | null; email?: string | null; wechat?: string | null }): Term[] {
  const terms: Term[] = [];
  const add = (term: Term) => {
    if (!terms.some((t) => t.kind === term.kind && t.value === term.value)) terms.push(term);
  };
  for (const name of [person.name?.trim(), person.name ? foldChinese(person.name.trim()) : undefined]) {
    if (name && [...name].length >= 2) add({ kind: 'name', value: name });
  }
  for (const phone of [person.mobile, person.phone]) {
    const digits = phone ? digitsOf(phone) : '';
    // A Chinese mobile also appears without its country code; +86 is dropped so both match.
    const local = digits.startsWith('86') && digits.length === 13 ? digits.slice(2) : digits;
    if (local.length >= 7) add({ kind: 'phone', value: local });
  }
  const email = person.email?.normalize('NFKC').trim().toLowerCase();
  if (email && email.includes('@')) add({ kind: 'email', value: email });
  const wechat = person.wechat?.trim();
  if (wechat && wechat.length >= 4) add({ kind: 'wechat', value: wechat });
  return terms;
}

/** What a lookup's typed text means: an e-mail, a phone number, or a name. */
export function termOfQuery(query: string): Term {
  const text = query.normalize('NFKC').trim();
  if (text.includes('@')) return { kind: 'email', value: text.toLowerCase() };
  if (/^[\d\s+()-]+$/.test(text) && digitsOf(text).length >= 7) return termsOf({ mobile: text })[0]!;
  return { kind: 'name', value: text };
}

/** How a phone is written in text: its digits run together, or in the 3-4-4 groups people type (138 0013 8000, 138-0013-8000). */
export function phoneSpellings(digits: string): string[] {
  if (digits.length !== 11) return [digits];
  const groups = [digits.slice(0, 3), digits.slice(3, 7), digits.slice(7)];
  return [digits, groups.join(' '), groups.join('-')];
}

const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * A SQL condition that is true when `column` contains any of the terms (parameters in order).
 * Plain instr() and LIKE only: a whole-vault check runs this on every text cell, and a chain of
 * replace() per cell cost seconds at 100,000 customers (npm run bench).
 */
export function sqlHit(column: string, terms: readonly Term[]): { sql: string; params: string[] } {
  const parts: string[] = [];
  const params: string[] = [];
  for (const term of terms) {
    if (term.kind === 'phone') {
      for (const spelling of phoneSpellings(term.value)) {
        parts.push(`instr(${column}, ?) > 0`);
        params.push(spelling);
      }
    } else if (term.kind === 'email') {
      // LIKE ignores ASCII case, which is what an e-mail address needs.
      parts.push(`${column} LIKE ? ESCAPE '\\'`);
      params.push(`%${likeEscape(term.value)}%`);
    } else {
      parts.push(`instr(${column}, ?) > 0`);
      params.push(term.value);
    }
  }
  return { sql: parts.length ? `(${parts.join(' OR ')})` : '0', params };
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A pattern for one term as it may be written in free text. */
function patternOf(term: Term): RegExp {
  if (term.kind === 'phone') return new RegExp(`(\\+?86[\\s-]?)?${[...term.value].map(escape).join('[\\s()-]*')}`, 'g');
  return new RegExp(escape(term.value), term.kind === 'email' ? 'gi' : 'g');
}

/** The text with every occurrence of every term replaced by the redaction marker. */
export function redact(text: string, terms: readonly Term[]): string {
  // Longest first: a name inside an e-mail address (wangwei@...) must not leave half an address.
  return [...terms].sort((a, b) => b.value.length - a.value.length).reduce((out, term) => out.replace(patternOf(term), REDACTED), text);
}

/** A few characters around the first hit, each hit passed through `show` (masking by role). */
export function contextOf(text: string, terms: readonly Term[], show: (term: Term, found: string) => string, around = 24): string {
  let first = -1;
  for (const term of terms) {
    const at = text.search(patternOf(term));
    if (at >= 0 && (first < 0 || at < first)) first = at;
  }
  const start = Math.max(0, first - around);
  const slice = text.slice(start, Math.max(first, 0) + around * 2);
  let shown = slice;
  for (const term of [...terms].sort((a, b) => b.value.length - a.value.length)) shown = shown.replace(patternOf(term), (found) => show(term, found));
  return `${start > 0 ? '…' : ''}${shown}${start + slice.length < text.length ? '…' : ''}`;
}

/** Free text where a person may be mentioned: table, column, the owning customer column. */
export interface FreeTextColumn {
  place: MentionPlace;
  table: string;
  column: string;
  customer: string | null;
}

export const FREE_TEXT: readonly FreeTextColumn[] = [
  { place: 'customer.notes', table: 'customers', column: 'notes', customer: 'id' },
  { place: 'interaction.summary', table: 'interactions', column: 'summary', customer: 'customer_id' },
  { place: 'purchase.item', table: 'purchases', column: 'item', customer: 'customer_id' },
  { place: 'purchase.note', table: 'purchases', column: 'note', customer: 'customer_id' },
  { place: 'reminder.note', table: 'reminders', column: 'note', customer: 'customer_id' },
  { place: 'import.fileName', table: 'import_batches', column: 'file_name', customer: null },
  { place: 'approval.reason', table: 'approvals', column: 'reason', customer: null },
  { place: 'alert.note', table: 'alerts', column: 'note', customer: null },
];
