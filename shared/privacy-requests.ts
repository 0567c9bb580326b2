import { z } from 'zod';
import { PRIVACY_REGIMES } from './privacy';

/**
 * Data-subject requests and complaints (issue 16, wave2-features.md 4.2 and 4.7): one register,
 * one state machine, one append-only history per request. PIPL art. 50 says a refusal must give
 * its reason; a complaint also keeps an outcome and an analysis of its cause.
 */
export const REQUEST_TYPES = ['access', 'correction', 'deletion', 'withdrawal', 'portability', 'explanation', 'restriction', 'complaint'] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

export const REQUEST_CHANNELS = ['in-store', 'phone', 'wechat', 'email', 'letter', 'other'] as const;
export type RequestChannel = (typeof REQUEST_CHANNELS)[number];

export const REQUEST_STATES = ['received', 'verified', 'in_progress', 'answered', 'refused', 'closed'] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

/** States in which the clock runs: answered or refused stops it (the reply went out). */
export const OPEN_STATES: readonly RequestState[] = ['received', 'verified', 'in_progress'];

/**
 * The state machine. A request can be refused at any open step (an identity that cannot be
 * verified is the usual case), and only answered once work started; closing is the last step.
 */
export const TRANSITIONS: Readonly<Record<RequestState, readonly RequestState[]>> = {
  received: ['verified', 'refused'],
  verified: ['in_progress', 'refused'],
  in_progress: ['answered', 'refused'],
  answered: ['closed'],
  refused: ['closed'],
  closed: [],
};

export function canMove(from: RequestState, to: RequestState): boolean {
  return TRANSITIONS[from].includes(to);
}

/** How the person's identity was checked; the register never stores the ID number itself. */
export const IDENTITY_METHODS = ['id-card-seen', 'phone-callback', 'known-wechat', 'known-email', 'signed-letter', 'other'] as const;

/** Deadline units: working days use the holiday table; business days are Monday to Friday only. */
export const DEADLINE_UNITS = ['working-days', 'business-days', 'calendar-days', 'months'] as const;
export type DeadlineUnit = (typeof DEADLINE_UNITS)[number];

export const deadlineRuleSchema = z
  .object({
    regime: z.enum(PRIVACY_REGIMES),
    amount: z.number().int().min(1).max(365),
    unit: z.enum(DEADLINE_UNITS),
    /** CCPA: confirm receipt within this many business days; null where the regime sets none. */
    ackDays: z.number().int().min(1).max(60).nullable(),
    /** How far a recorded extension notice may push the deadline (0: no extension). */
    extendAmount: z.number().int().min(0).max(365),
    extendUnit: z.enum(DEADLINE_UNITS),
    /** The handler's reminder shows this many calendar days before the deadline. */
    remindDays: z.number().int().min(0).max(60),
  })
  .strict();
export type DeadlineRule = z.infer<typeof deadlineRuleSchema>;

export const DAY_KINDS = ['holiday', 'workday'] as const;
export type DayKind = (typeof DAY_KINDS)[number];

export const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date-format').refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'date-format');

export const REQUEST_TEXT_MAX = 2000;
export const REQUEST_NOTE_MAX = 500;

// An identity note must not become a copy of the ID: a run of 15+ digits (an ID or card number) is refused.
const LOOKS_LIKE_ID = /\d{15,}|\d{17}[\dXx]/;
export const identityNote = z
  .string()
  .trim()
  .max(REQUEST_NOTE_MAX)
  .refine((text) => !LOOKS_LIKE_ID.test(text.replace(/[\s-]/g, '')), 'no-id-number');

export const requestStateSchema = z.enum(REQUEST_STATES);
export const requestTypeSchema = z.enum(REQUEST_TYPES);
