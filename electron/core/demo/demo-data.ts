import type { CustomerInput, CustomerLevel } from '../../../shared/customers';
import type { InteractionKind } from '../customers/timeline-repository';
import * as W from './demo-words';

/**
 * A realistic, made-up customer book for demos, screenshots and load tests. Pure and
 * deterministic: the same options (seed and `now` included) give the same customers, and nothing
 * here touches the clock, the disk or Math.random. Customers are streamed one at a time so a
 * 100,000-customer book never sits in memory at once.
 */

export interface DemoCustomer {
  customer: CustomerInput;
  /** Which of the `owners` users owns the customer; the caller maps it to a real user. */
  ownerIndex: number;
  createdAt: string;
  /** Oldest first, all after createdAt and not after `now`. */
  interactions: { kind: InteractionKind; at: string; summary: string }[];
  /** Oldest first; amounts in integer minor units (fen, cents), as purchases.add takes them. */
  purchases: { date: string; item: string; amountMinor: number; currency: string; note?: string }[];
  reminders: { dueAt: string; note: string }[];
}

export interface DemoOptions {
  count: number;
  seed?: number;
  now: Date;
  owners: number;
  /** Average per customer; each customer gets between 0 and twice this. */
  interactionsPerCustomer?: number;
  /** ID numbers and bank cards; off by default so a demo book holds nothing that looks like them. */
  sensitiveFields?: boolean;
}

export const DEFAULT_DEMO_SEED = 20_240_601;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Interactions and purchases fall within this long before `now`. */
const HISTORY_DAYS = 730;
const CHINESE_SHARE = 0.65;
/** Times are snapped to office hours in China (UTC+8), where the business keeping the book is. */
const OFFICE_UTC_OFFSET = 8 * HOUR;

const KIND_WEIGHTS: readonly (readonly [InteractionKind, number])[] = [
  ['call', 25], ['wechat', 25], ['email', 15], ['note', 12], ['visit', 8], ['service', 8], ['feedback', 7],
];
const LEVEL_WEIGHTS: readonly (readonly [CustomerLevel, number])[] = [['vip', 8], ['regular', 57], ['prospect', 35]];
const CHINESE_CITIES = W.CHINESE_PLACES.flatMap(([province, region, cities]) =>
  cities.map(([city, areaCode, idPrefix, weight]) => [{ province, region, city, areaCode, idPrefix }, weight] as const),
);
const FOREIGN_PLACES = W.FOREIGN_PLACES.map((place) => [place, place.weight] as const);

/** mulberry32: tiny, fast and good enough for made-up data; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

class Random {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** Inclusive of both ends. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)] as T;
  }
  /** Favours the front of a list ordered by frequency (surnames). */
  pickSkewed<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() ** 1.8 * list.length)] as T;
  }
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [item, weight] of items) if ((roll -= weight) < 0) return item;
    return (items[items.length - 1] as readonly [T, number])[0];
  }
  /** Up to `n` distinct items. */
  some<T>(list: readonly T[], n: number): T[] {
    const chosen = new Set<T>();
    while (chosen.size < Math.min(n, list.length)) chosen.add(this.pick(list));
    return [...chosen];
  }
  digits(n: number): string {
    let out = '';
    for (let i = 0; i < n; i++) out += String(this.int(0, 9));
    return out;
  }
}

/** Streams `count` customers. Bad options throw at the call, not at the first `next()`. */
export function generateDemoCustomers(options: DemoOptions): Generator<DemoCustomer> {
  const { count, owners, now } = options;
  const average = options.interactionsPerCustomer ?? 10;
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError('count must be a whole number, 0 or more');
  if (!Number.isSafeInteger(owners) || owners < 1) throw new RangeError('owners must be a whole number, 1 or more');
  if (!Number.isFinite(average) || average < 0) throw new RangeError('interactionsPerCustomer must be 0 or more');
  if (Number.isNaN(now.getTime())) throw new RangeError('now must be a valid date');
  return stream(new Random(options.seed ?? DEFAULT_DEMO_SEED), count, { now: now.getTime(), owners, average, sensitive: options.sensitiveFields ?? false });
}

interface Settings {
  now: number;
  owners: number;
  average: number;
  sensitive: boolean;
}

function* stream(random: Random, count: number, settings: Settings): Generator<DemoCustomer> {
  for (let i = 0; i < count; i++) yield demoCustomer(random, settings);
}

function demoCustomer(r: Random, s: Settings): DemoCustomer {
  const chinese = r.chance(CHINESE_SHARE);
  const customer = chinese ? chineseCustomer(r, s) : englishCustomer(r, s);
  const level = r.weighted(LEVEL_WEIGHTS);
  customer.customer.level = level;
  customer.customer.source = r.pick(chinese ? W.CN_SOURCES : W.EN_SOURCES);
  const tags = r.some(W.TAGS, r.weighted([[0, 45], [1, 30], [2, 17], [3, 8]]));
  if (tags.length > 0) customer.customer.tags = tags;
  if (r.chance(0.25)) customer.customer.notes = r.some(chinese ? W.CN_NOTES : W.EN_NOTES, r.int(1, 2)).join(chinese ? '；' : '. ');

  // Some customers predate the two years of history; interactions start after creation either way.
  const created = s.now - r.int(3 * DAY, 1000 * DAY);
  const from = Math.max(created + 10 * MINUTE, s.now - HISTORY_DAYS * DAY);
  const language = chinese ? W.CN_SUMMARIES : W.EN_SUMMARIES;
  const interactions = times(r, r.int(0, Math.round(2 * s.average)), from, s.now).map((at) => {
    const kind = r.weighted(KIND_WEIGHTS);
    return { kind, at: new Date(at).toISOString(), summary: r.pick(language[kind]) };
  });

  const purchaseCount = level === 'vip' ? r.int(2, 6) : level === 'regular' ? r.int(0, 4) : r.chance(0.3) ? 1 : 0;
  const purchases = times(r, purchaseCount, from, s.now).map((at) => {
    const [item, low, high] = r.pick(chinese ? W.CN_ITEMS : W.EN_ITEMS);
    // Skewed towards the low end; big orders are whole tens, small ones may carry cents.
    const major = low + (high - low) * r.float() ** 2;
    const amountMinor = major > 1000 ? Math.round(major / 10) * 1000 : Math.round(major) * 100 + (r.chance(0.3) ? 50 : 0);
    const purchase: DemoCustomer['purchases'][number] = { date: new Date(at).toISOString().slice(0, 10), item, amountMinor, currency: customer.currency };
    if (r.chance(0.2)) purchase.note = r.pick(chinese ? W.CN_PURCHASE_NOTES : W.EN_PURCHASE_NOTES);
    return purchase;
  });

  const reminders = times(r, r.weighted([[0, 55], [1, 35], [2, 10]]), s.now - 14 * DAY, s.now + 30 * DAY).map((at) => ({
    dueAt: new Date(at).toISOString(),
    note: r.pick(chinese ? W.CN_REMINDERS : W.EN_REMINDERS),
  }));

  return { customer: customer.customer, ownerIndex: r.int(0, s.owners - 1), createdAt: new Date(created).toISOString(), interactions, purchases, reminders };
}

/** `n` sorted times in (from, to], mostly in office hours, to the minute. */
function times(r: Random, n: number, from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const raw = from + 1 + r.float() * (to - from - 1);
    const localDay = Math.floor((raw + OFFICE_UTC_OFFSET) / DAY) * DAY - OFFICE_UTC_OFFSET;
    const office = localDay + 9 * HOUR + Math.floor(r.float() * 9 * 60) * MINUTE;
    // Near the ends of the range the office-hours time may fall outside it; keep the raw one then.
    out.push(office > from && office <= to ? office : Math.min(to, Math.ceil(raw / MINUTE) * MINUTE));
  }
  return out.sort((a, b) => a - b);
}

interface Draft {
  customer: CustomerInput;
  currency: string;
}

function chineseCustomer(r: Random, s: Settings): Draft {
  const [surname, surnamePinyin] = r.pickSkewed(W.SURNAMES);
  // About a third have a one-character given name (王伟), the rest two (张晓明).
  const given = Array.from({ length: r.chance(0.35) ? 1 : 2 }, () => r.pick(W.GIVEN_CHARS));
  const name = surname + given.map(([hanzi]) => hanzi).join('');
  const givenPinyin = given.map(([, pinyin]) => pinyin).join('');
  const place = r.weighted(CHINESE_CITIES);
  const customer: CustomerInput = { name, province: place.province, city: place.city, region: place.region };

  let domain: string | undefined;
  if (r.chance(0.6)) {
    const [stem, stemPinyin] = r.pick(W.CN_COMPANY_STEMS);
    const [suffix, industry, hint] = r.pick(W.CN_COMPANY_KINDS);
    customer.company = (r.chance(0.5) ? place.city : '') + stem + suffix;
    customer.industry = industry;
    domain = `${stemPinyin}${r.chance(0.5) ? hint : ''}.${r.pick(['com', 'cn', 'com.cn'])}`;
  } else if (r.chance(0.3)) {
    customer.industry = r.pick(W.CN_COMPANY_KINDS)[1];
  }

  if (r.chance(0.93)) customer.mobile = chineseMobile(r);
  // 3-digit area codes (big cities) have 8-digit local numbers; the 4-digit ones mostly do too.
  if (r.chance(0.25)) customer.phone = `${place.areaCode}-${r.int(2, 8)}${r.digits(place.areaCode.length === 3 || r.chance(0.8) ? 7 : 6)}`;
  if (r.chance(0.55)) {
    const local = r.weighted<() => string>([
      [() => surnamePinyin + givenPinyin + (r.chance(0.5) ? r.digits(r.int(2, 4)) : ''), 5],
      [() => `${givenPinyin}.${surnamePinyin}`, 2],
      [() => surnamePinyin + given.map(([, pinyin]) => pinyin[0]).join(''), 2],
      [() => String(r.int(10_000, 3_999_999_999)), 3],
    ])();
    // QQ numbers only make sense at qq.com; company mail uses the company's own domain.
    customer.email = /^\d+$/.test(local) ? `${local}@qq.com` : `${local}@${domain && r.chance(0.5) ? domain : r.pick(W.CN_MAIL_DOMAINS)}`;
  }
  if (r.chance(0.7)) customer.addressDetail = `${r.pick(W.CN_STREETS)}${r.int(1, 999)}号${r.chance(0.6) ? `${r.int(1, 20)}栋${r.int(1, 30)}0${r.int(1, 8)}室` : ''}`;
  if (s.sensitive && r.chance(0.6)) customer.idNumber = chineseIdNumber(r, r.chance(0.7) ? place.idPrefix : r.weighted(CHINESE_CITIES).idPrefix, s.now);
  if (s.sensitive && r.chance(0.4)) customer.bankCard = luhnCard(r, '62', r.chance(0.6) ? 19 : 16);
  return { customer, currency: 'CNY' };
}

function englishCustomer(r: Random, s: Settings): Draft {
  const first = r.pick(W.ENGLISH_FIRST);
  const last = r.pick(W.ENGLISH_LAST);
  const customer: CustomerInput = { name: `${first} ${last}` };
  // Most live abroad; the rest are expats or foreign buyers with an office in China.
  const abroad = r.chance(0.8) ? r.weighted(FOREIGN_PLACES) : undefined;
  let currency: string;
  if (abroad) {
    Object.assign(customer, { province: abroad.province, city: abroad.city, region: abroad.region });
    if (r.chance(0.85)) customer.mobile = abroad.phone((n) => r.digits(n));
    currency = abroad.currency;
  } else {
    const place = r.weighted(CHINESE_CITIES);
    Object.assign(customer, { province: place.province, city: place.city, region: place.region });
    if (r.chance(0.9)) customer.mobile = chineseMobile(r);
    currency = r.chance(0.5) ? 'CNY' : 'USD';
  }

  let domain: string | undefined;
  if (r.chance(0.7)) {
    const stem = r.pick(W.EN_COMPANY_STEMS);
    const [kind, industry] = r.pick(W.EN_COMPANY_KINDS);
    customer.company = `${stem} ${kind} ${abroad?.companySuffix ?? 'Ltd'}`;
    customer.industry = industry;
    domain = `${stem}${kind}.${abroad?.tld ?? 'com'}`.toLowerCase();
  }
  if (r.chance(0.9)) {
    const local = r.pick([`${first}.${last}`, `${first[0]}${last}`, `${first}${last}${r.digits(2)}`, first]).toLowerCase();
    customer.email = `${local}@${domain && r.chance(0.6) ? domain : r.pick(W.EN_MAIL_DOMAINS)}`;
  }
  if (r.chance(0.6)) customer.addressDetail = `${r.int(1, 240)} ${r.pick(W.EN_STREETS)}`;
  if (s.sensitive && r.chance(0.15)) customer.bankCard = luhnCard(r, '4', 16);
  return { customer, currency };
}

function chineseMobile(r: Random): string {
  const digits = r.pick(W.MOBILE_PREFIXES) + r.digits(8);
  const style = r.float();
  if (style < 0.85) return digits;
  const spaced = `${digits.slice(0, 3)} ${digits.slice(3, 7)} ${digits.slice(7)}`;
  return style < 0.95 ? spaced : `+86 ${spaced}`;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 11643: district, birth date (aged 20 to 65 at `now`), sequence, MOD 11-2 check character. */
function chineseIdNumber(r: Random, district: string, now: number): string {
  const year = new Date(now).getUTCFullYear() - r.int(20, 65);
  const birth = new Date(Date.UTC(year, 0, 1) + r.int(0, 364) * DAY).toISOString().slice(0, 10).replaceAll('-', '');
  const body = `${district}${birth}${String(r.int(1, 999)).padStart(3, '0')}`;
  const sum = [...body].reduce((total, digit, index) => total + Number(digit) * (ID_WEIGHTS[index] ?? 0), 0);
  return body + ID_CHECK[sum % 11];
}

/** A card number with a valid Luhn check digit (the checker needs none, real cards have one). */
function luhnCard(r: Random, prefix: string, length: number): string {
  const body = prefix + r.digits(length - prefix.length - 1);
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    // Doubling starts at the digit next to the (yet missing) check digit.
    let digit = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return body + String((10 - (sum % 10)) % 10);
}
