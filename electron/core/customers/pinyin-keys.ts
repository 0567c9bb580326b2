import { pinyin } from 'pinyin-pro';
import { Converter } from 'opencc-js/t2cn';

/**
 * Bump when the keys below change shape, or when pinyin-pro is upgraded (its readings change):
 * a vault whose stored version differs is re-indexed in the background after unlock. sort-1: the
 * rebuild also writes customers.sort_name (migration 19).
 */
export const PINYIN_INDEX_VERSION = 'keys-1;sort-1;pinyin-pro-3.29.4;opencc-js-1.4.2';

/** What a key was made from; lower ranks first when a query matches it exactly. */
export const enum PinyinKind {
  Full = 0,
  Initials = 1,
  Mixed = 2,
}

export interface PinyinKey {
  key: string;
  kind: PinyinKind;
}

// Only the traditional -> simplified dictionaries: the reverse ones would double the load for
// nothing, search folds everything one way. Built on first use, not while the app starts.
let toSimplified: ((text: string) => string) | undefined;

/** Traditional characters (王偉, 陳靜) folded to simplified, after NFKC (full-width letters). */
export function foldChinese(text: string): string {
  toSimplified ??= Converter({ from: 't', to: 'cn' });
  return toSimplified(text.normalize('NFKC'));
}

const HAN = /\p{Script=Han}/u;
export const hasHan = (text: string): boolean => HAN.test(text);

// Per character, at most this many readings; all full keys of a name at most this many. A name is
// short, but a polyphonic character may offer five readings and combinations multiply.
const READINGS_PER_CHAR = 3;
const MAX_FULL_VARIANTS = 8;
const MAX_MIXED_SYLLABLES = 4;
const MAX_KEYS = 64;

/** Letters a user types for pinyin: lower case, no spaces or apostrophes, ü as v. */
export function normalisePinyinQuery(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/u:/g, 'v').replace(/ü/g, 'v').replace(/[\s'’]/g, '');
}

/** Syllable readings per position: the surname-aware reading first, then the other readings. */
function readingsOf(name: string): string[][] {
  const chars = [...name];
  // `surname: 'head'` reads only the surname in surname mode (曾 zeng, 单 shan, 欧阳 ouyang) and
  // keeps ordinary readings for the given name (曾乐 zeng le, not zeng yue).
  const primary = pinyin(name, { toneType: 'none', mode: 'surname', surname: 'head', v: true, type: 'array' });
  const segments: string[][] = [];
  let latin = '';
  const flush = () => {
    if (latin) segments.push([latin]);
    latin = '';
  };
  chars.forEach((char, i) => {
    if (!HAN.test(char)) {
      if (/[\p{L}\p{N}]/u.test(char)) latin += char.toLowerCase();
      else flush();
      return;
    }
    flush();
    const others = pinyin(char, { toneType: 'none', multiple: true, v: true, type: 'array' });
    const readings = [...new Set([primary[i] ?? '', ...others].map((r) => r.toLowerCase()).filter((r) => /^[a-z]+$/.test(r)))];
    if (readings.length > 0) segments.push(readings.slice(0, READINGS_PER_CHAR));
  });
  flush();
  return segments;
}

function cartesian(segments: string[][], cap: number): string[][] {
  let out: string[][] = [[]];
  for (const options of segments) {
    const next: string[][] = [];
    for (const prefix of out) for (const option of options) if (next.length < cap) next.push([...prefix, option]);
    out = next;
  }
  return out;
}

/**
 * Search keys for one name: full pinyin (wangwei), initials (ww) and, for names of up to four
 * syllables, every mix of full syllables and initials (wangw, wwei). Variant 0 is the reading
 * pinyin-pro gives in surname mode; other readings of polyphonic characters follow.
 */
export function pinyinKeys(name: string): PinyinKey[] {
  const folded = foldChinese(name).trim();
  if (!hasHan(folded)) return [];
  const variants = cartesian(readingsOf(folded), MAX_FULL_VARIANTS);
  const keys = new Map<string, PinyinKind>();
  const add = (key: string, kind: PinyinKind) => {
    if (!key || keys.size >= MAX_KEYS) return;
    const had = keys.get(key);
    if (had === undefined || kind < had) keys.set(key, kind);
  };
  for (const syllables of variants) add(syllables.join(''), PinyinKind.Full);
  for (const syllables of variants) add(syllables.map((s) => s[0]).join(''), PinyinKind.Initials);
  for (const syllables of variants) {
    const n = syllables.length;
    if (n < 2 || n > MAX_MIXED_SYLLABLES) continue;
    // Bit i set: syllable i typed in full. All-full and all-initial are the keys above.
    for (let mask = 1; mask < (1 << n) - 1; mask += 1) add(syllables.map((s, i) => (mask & (1 << i) ? s : s[0])).join(''), PinyinKind.Mixed);
  }
  return [...keys].map(([key, kind]) => ({ key, kind }));
}

/** Separates the sort key from the name it came from; below every printable character, so 王 before 王伟. */
export const SORT_NAME_SEPARATOR = '\u0001';

/**
 * The key the list sorts names by, in both languages: Chinese characters as toneless pinyin (the
 * surname-aware reading, one syllable per character, space-separated), Latin letters lower-cased,
 * then the name itself as a tiebreak. So 王伟 is 'wang wei\u0001王伟' and sorts under W between
 * Walter and Zoe, where code-point order put every Chinese name after every Latin one. Kept with
 * the row (customers.sort_name), never computed per query.
 */
export function sortNameOf(name: string): string {
  const folded = foldChinese(name).trim();
  if (!hasHan(folded)) return `${folded.toLowerCase()}${SORT_NAME_SEPARATOR}${name}`;
  const readings = pinyin(folded, { toneType: 'none', mode: 'surname', surname: 'head', v: true, type: 'array' });
  const words: string[] = [];
  let latin = '';
  [...folded].forEach((char, i) => {
    if (HAN.test(char)) {
      if (latin) words.push(latin);
      latin = '';
      words.push((readings[i] ?? char).toLowerCase());
    } else if (/\s/u.test(char)) {
      if (latin) words.push(latin);
      latin = '';
    } else latin += char.toLowerCase();
  });
  if (latin) words.push(latin);
  return `${words.join(' ')}${SORT_NAME_SEPARATOR}${name}`;
}
