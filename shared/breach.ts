import { z } from 'zod';
import { PRIVACY_REGIMES, type PrivacyRegime } from './privacy';

/**
 * The breach register (issue 17): the shared vocabulary. The rules (clocks, who was affected,
 * containment, documents) live in electron/core/breach. Legal figures are defaults the owner can
 * change ("verify with counsel", wave2-features.md section 4.6), never hard-coded truths.
 */
export const BREACH_SOURCES = ['lost-laptop', 'leaked-account', 'insider', 'other'] as const;
export type BreachSource = (typeof BREACH_SOURCES)[number];

export const BREACH_STATUSES = ['open', 'contained', 'closed'] as const;
export type BreachStatus = (typeof BREACH_STATUSES)[number];

/** Kinds of personal data a breach can involve; the affected list counts customers per kind. */
export const BREACH_CATEGORIES = ['basic', 'contact', 'address', 'id-document', 'financial', 'notes'] as const;
export type BreachCategory = (typeof BREACH_CATEGORIES)[number];

/** Which customer field belongs to which kind of data: reveals and exports name fields, not kinds. */
export const FIELD_CATEGORY: Readonly<Record<string, BreachCategory>> = {
  name: 'basic', level: 'basic', ownerUsername: 'basic', tags: 'basic', company: 'basic', industry: 'basic', region: 'basic', source: 'basic', birthday: 'basic',
  createdAt: 'basic', updatedAt: 'basic', lastInteractionAt: 'basic',
  mobile: 'contact', phone: 'contact', email: 'contact', wechat: 'contact',
  province: 'address', city: 'address', addressDetail: 'address',
  idNumber: 'id-document', bankCard: 'financial', notes: 'notes',
};

export const BREACH_EVENT_KINDS = [
  'created', 'updated', 'status', 'disable-user', 'end-sessions', 'rotate-key', 'affected', 'contacts-exported', 'notice', 'sent', 'evidence', 'note',
] as const;
export type BreachEventKind = (typeof BREACH_EVENT_KINDS)[number];

export const NOTICE_AUDIENCES = ['customers', 'regulator'] as const;
export type NoticeAudience = (typeof NOTICE_AUDIENCES)[number];
export const NOTICE_LANGUAGES = ['zh-CN', 'en'] as const;
export const SENT_CHANNELS = ['sms', 'email', 'phone', 'letter', 'in-person', 'online-form', 'other'] as const;

/** The clocks a breach runs: the authority's deadline, the optional 4-hour first report, telling the people (PIPL). */
export const CLOCK_KINDS = ['authority', 'first-report', 'individuals'] as const;
export type ClockKind = (typeof CLOCK_KINDS)[number];

/** GDPR art. 33: 72 hours from becoming aware. Fixed by the law, not a shop setting. */
export const GDPR_AUTHORITY_HOURS = 72;
/** 《国家网络安全事件报告管理办法》: "最迟不得超过4小时" for the first report, when it applies. */
export const FIRST_REPORT_HOURS = 4;
/** PIPL art. 57 says "immediately" (立即); the clock needs a number: the owner's, 24 hours unless changed. */
export const DEFAULT_IMMEDIATE_HOURS = 24;

/** Hours the authority's clock gives under a regime; PIPL and CCPA ("without unreasonable delay") use the owner's figure. */
export function authorityHours(regime: PrivacyRegime, immediateHours: number): number {
  return regime === 'gdpr' ? GDPR_AUTHORITY_HOURS : immediateHours;
}

export const BREACH_TEXT_MAX = 2000;
export const BREACH_NOTE_MAX = 500;
const text = z.string().trim().min(1).max(BREACH_TEXT_MAX);
const instant = z.string().datetime({ offset: true });

export const breachClockSchema = z.object({
  kind: z.enum(CLOCK_KINDS),
  hours: z.number().int(),
  dueAt: z.string(),
  /** When the notice it asks for was logged as sent; null while it runs. */
  metAt: z.string().nullable(),
  /** Minutes to dueAt while it runs (negative: overdue); null once met. */
  minutesLeft: z.number().int().nullable(),
  overdue: z.boolean(),
});
export type BreachClock = z.infer<typeof breachClockSchema>;

export const breachFieldsSchema = z.object({
  summary: text,
  discoveredAt: instant,
  occurredAt: instant.nullable().default(null),
  source: z.enum(BREACH_SOURCES),
  categories: z.array(z.enum(BREACH_CATEGORIES)).max(BREACH_CATEGORIES.length).default([]),
  /** The staff account involved (a leaked account, an insider): containment and the affected list start from it. */
  username: z.string().trim().min(1).max(64).nullable().default(null),
  firstReport: z.boolean().default(false),
  actionsTaken: z.string().trim().max(BREACH_TEXT_MAX).default(''),
});
export type BreachFields = z.infer<typeof breachFieldsSchema>;

export const breachRegimeSchema = z.enum(PRIVACY_REGIMES);
