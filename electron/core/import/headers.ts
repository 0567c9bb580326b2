import { createHash } from 'node:crypto';
import type { ImportTarget } from '../../../shared/import';
import { Converter } from 'opencc-js/t2cn';

/**
 * Column headers people actually type, Chinese and English. For 2-4 character Chinese headers an
 * exact dictionary beats edit distance (手机 and 手机号 are one field, 电话 and 电邮 are not), so
 * nothing here is fuzzy. Traditional headers (手機, 身份證號) fold to these through OpenCC.
 */
const SYNONYMS: Record<Exclude<ImportTarget, 'ignore'>, string[]> = {
  name: ['姓名', '名字', '客户名称', '客户姓名', '联系人', '联络人', 'name', 'full name'],
  mobile: ['手机', '手机号', '手机号码', '移动电话', '联系电话', '联络电话', 'mobile', 'cell'],
  phone: ['电话', '座机', '固话', '办公电话', 'phone', 'tel'],
  email: ['邮箱', '电子邮件', '电子邮箱', 'e-mail', 'email'],
  company: ['公司', '单位', '公司名称', '企业名称', 'company'],
  addressDetail: ['地址', '联系地址', '详细地址', 'address'],
  province: ['省', '省份'],
  city: ['城市', '市'],
  industry: ['行业'],
  region: ['区域', '地区'],
  source: ['来源', '客户来源'],
  level: ['等级', '客户等级', '级别'],
  wechat: ['微信', '微信号', '微信号码', 'wechat', 'wechat id', 'weixin'],
  birthday: ['生日', '出生日期', '出生年月日', 'birthday', 'date of birth', 'dob'],
  notes: ['备注', '说明', 'notes', 'qq'],
  tags: ['标签', '客户标签', '分类', 'tags'],
  idNumber: ['身份证', '身份证号', '证件号码'],
  bankCard: ['银行卡', '银行卡号'],
};

// OpenCC's traditional -> simplified tables only (as search folds names, customers/pinyin-keys.ts),
// without pinyin-pro: the import worker loads this module on every file and needs no readings.
let toSimplified: ((text: string) => string) | undefined;
const foldChinese = (text: string) => (toSimplified ??= Converter({ from: 't', to: 'cn' }))(text.normalize('NFKC'));

/**
 * One spelling per header: NFKC (full-width letters, （）), traditional folded to simplified, lower
 * case, no spaces, dashes or underscores, no required-field star (悟空 templates write *姓名) and
 * no bracketed hint such as 手机(必填).
 */
export function normaliseHeader(header: string): string {
  return foldChinese(header)
    .toLowerCase()
    .replace(/\([^)]*\)|\[[^\]]*\]|【[^】]*】/g, '')
    .replace(/[\s\-_*:：.]/g, '');
}

const DICTIONARY = new Map<string, Exclude<ImportTarget, 'ignore'>>();
for (const [target, words] of Object.entries(SYNONYMS) as [Exclude<ImportTarget, 'ignore'>, string[]][]) {
  for (const word of words) DICTIONARY.set(normaliseHeader(word), target);
}

/** The target the dictionary gives one header, or null when it does not know it. */
export function dictionaryTarget(header: string): Exclude<ImportTarget, 'ignore'> | null {
  const key = normaliseHeader(header);
  return key === '' ? null : (DICTIONARY.get(key) ?? null);
}

export const isKnownHeader = (cell: string): boolean => dictionaryTarget(cell) !== null;

/** How many of a row's non-empty cells are known headers, and how many are non-empty. */
export function headerHits(cells: readonly string[]): { hits: number; filled: number } {
  let hits = 0;
  let filled = 0;
  for (const cell of cells) {
    if (cell.trim() === '') continue;
    filled += 1;
    if (isKnownHeader(cell)) hits += 1;
  }
  return { hits, filled };
}

/** Up to ten non-empty rows are looked at: a title row or two above the header is common. */
export const HEADER_SEARCH_ROWS = 10;

/**
 * The header row (index into `rows`): the first of the first ten non-empty rows whose non-empty
 * cells are at least half known headers (SuiteCRM's rule). Failing that, the row with the most
 * known headers if it has at least two (a wide sheet of custom columns under a title row), else
 * the first non-empty row. The person can always choose another.
 */
export function detectHeaderRow(rows: readonly (readonly string[])[]): number {
  let first = -1;
  let seen = 0;
  let most = { index: -1, hits: 1 };
  for (let i = 0; i < rows.length && seen < HEADER_SEARCH_ROWS; i++) {
    const { hits, filled } = headerHits(rows[i]!);
    if (filled === 0) continue;
    if (first < 0) first = i;
    seen += 1;
    if (hits * 2 >= filled) return i;
    if (hits > most.hits) most = { index: i, hits };
  }
  return most.index >= 0 ? most.index : Math.max(first, 0);
}

// A column without a known header is suggested only when every sample is plainly one kind.
const SAMPLE_KINDS: [Exclude<ImportTarget, 'ignore'>, RegExp][] = [
  ['email', /^[^\s@]+@[^\s@]+\.[^\s@]+$/],
  ['mobile', /^(\+?86)?1[3-9]\d{9}$/],
  ['idNumber', /^\d{17}[\dXx]$/],
];

/**
 * One suggested target per column, only where unambiguous: a target other than notes that two
 * columns would claim goes to neither (both 'ignore'), so the person chooses.
 */
export function suggestMapping(headers: readonly string[], samples?: readonly (readonly string[])[]): ImportTarget[] {
  const guesses = headers.map((header, i): ImportTarget => {
    const known = dictionaryTarget(header);
    if (known) return known;
    const values = (samples?.[i] ?? []).map((v) => v.replace(/[\s-]/g, '')).filter((v) => v !== '');
    if (values.length === 0) return 'ignore';
    return SAMPLE_KINDS.find(([, pattern]) => values.every((v) => pattern.test(v)))?.[0] ?? 'ignore';
  });
  const claims = new Map<ImportTarget, number>();
  for (const target of guesses) claims.set(target, (claims.get(target) ?? 0) + 1);
  return guesses.map((target) => (target !== 'notes' && (claims.get(target) ?? 0) > 1 ? 'ignore' : target));
}

/** Columns that hold identity or card numbers: a long number there ending in 000 lost its digits. */
export function isIdLikeHeader(header: string): boolean {
  const target = dictionaryTarget(header);
  if (target === 'idNumber' || target === 'bankCard') return true;
  return /号|证|卡|码|编号|id|no$|number/.test(normaliseHeader(header));
}

/**
 * The key a remembered mapping is stored under: the normalised headers in order, hashed, so the
 * same template exported again (or typed with full-width letters) maps itself.
 */
export function headerSignature(headers: readonly string[]): string {
  return createHash('sha256')
    .update(JSON.stringify(headers.map(normaliseHeader)))
    .digest('hex');
}
