import { z } from 'zod';
import { LOCALES } from '../locale';
import { PRIVACY_REGIMES } from '../privacy';
import {
  DAY_KINDS,
  deadlineRuleSchema,
  IDENTITY_METHODS,
  identityNote,
  isoDay,
  REQUEST_CHANNELS,
  REQUEST_NOTE_MAX,
  REQUEST_TEXT_MAX,
  requestStateSchema,
  requestTypeSchema,
} from '../privacy-requests';
import { channel, empty } from './common';

const id = z.number().int().positive();
const text = z.string().trim().min(1).max(REQUEST_TEXT_MAX);

/** Which deadline of a request: the answer, or CCPA's acknowledgement of receipt. */
const deadlineKind = z.enum(['answer', 'ack']);

const customerRef = z.object({ id: z.number().int(), name: z.string().nullable() });

export const requestItemSchema = z.object({
  id: z.number().int(),
  type: requestTypeSchema,
  state: requestStateSchema,
  receivedOn: z.string(),
  channel: z.enum(REQUEST_CHANNELS),
  /** The deadline that counts now: the extended one when there is one. */
  dueOn: z.string(),
  /** Calendar days from today to dueOn while the request is open (negative: overdue); null once answered or refused. */
  daysLeft: z.number().int().nullable(),
  overdue: z.boolean(),
  extended: z.boolean(),
  ackDueOn: z.string().nullable(),
  acknowledgedOn: z.string().nullable(),
  /** CCPA's acknowledgement is a deadline of its own: days left until it is recorded (null: none due, or recorded, or the request is no longer open). */
  ackDaysLeft: z.number().int().nullable(),
  ackOverdue: z.boolean(),
  handlerName: z.string().nullable(),
  /** Names only for roles that see customers; the auditor gets ids (name null). */
  customers: z.array(customerRef),
});
export type RequestItem = z.infer<typeof requestItemSchema>;

export const requestEventSchema = z.object({
  at: z.string(),
  by: z.string(),
  kind: z.enum(['created', 'state', 'acknowledged', 'extended', 'assigned', 'linked', 'corrected', 'note', 'package', 'erased', 'withdrawn', 'unlinked']),
  fromState: z.string().nullable(),
  toState: z.string().nullable(),
  customerId: z.number().int().nullable(),
  fields: z.array(z.string()),
  note: z.string().nullable(),
});

export const requestDetailSchema = requestItemSchema.extend({
  summary: z.string(),
  regime: z.enum(PRIVACY_REGIMES),
  originalDueOn: z.string(),
  extensionReason: z.string().nullable(),
  extensionNoticeOn: z.string().nullable(),
  /** How far an extension may still go (in extendUnit); 0: none. */
  extendAmount: z.number().int(),
  extendUnit: deadlineRuleSchema.shape.unit,
  identity: z.object({ method: z.enum(IDENTITY_METHODS), note: z.string().nullable(), checkedBy: z.string().nullable(), checkedAt: z.string() }).nullable(),
  outcome: z.string().nullable(),
  analysis: z.string().nullable(),
  refusalReason: z.string().nullable(),
  nextStates: z.array(requestStateSchema),
  createdAt: z.string(),
  events: z.array(requestEventSchema),
});
export type RequestDetail = z.infer<typeof requestDetailSchema>;

/** One step on a request: a state move, or a recorded fact (acknowledged, extended, assigned, linked, a note). */
export const requestActionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('verify'), id, method: z.enum(IDENTITY_METHODS), note: identityNote.optional() }).strict(),
  z.object({ action: z.literal('start'), id, note: z.string().trim().max(REQUEST_NOTE_MAX).optional() }).strict(),
  z.object({ action: z.literal('answer'), id, outcome: text }).strict(),
  z.object({ action: z.literal('refuse'), id, reason: text }).strict(),
  z.object({ action: z.literal('close'), id, analysis: text.optional() }).strict(),
  z.object({ action: z.literal('acknowledge'), id, on: isoDay }).strict(),
  z.object({ action: z.literal('extend'), id, amount: z.number().int().min(1).max(365), reason: z.string().trim().min(1).max(REQUEST_NOTE_MAX), noticeOn: isoDay }).strict(),
  z.object({ action: z.literal('assign'), id, handler: z.string().trim().min(1).max(64).nullable() }).strict(),
  z.object({ action: z.literal('link'), id, customerId: id }).strict(),
  // A customer linked by mistake: taken off with a reason; the history keeps both steps.
  z.object({ action: z.literal('unlink'), id, customerId: id, reason: z.string().trim().min(1).max(REQUEST_NOTE_MAX) }).strict(),
  z.object({ action: z.literal('note'), id, note: text }).strict(),
]);
export type RequestAction = z.infer<typeof requestActionSchema>;

/**
 * The data-subject request and complaint register (issue 16). Owner and manager keep it; the
 * auditor reads it. Deadline defaults and the holiday table are the owner's (settings.manage).
 */
export const privacyRequestChannels = {
  'privacyRequests.list': channel({
    input: z.object({ filter: z.enum(['open', 'overdue', 'all']).default('open'), type: requestTypeSchema.optional(), customerId: id.optional() }).strict(),
    output: z.array(requestItemSchema),
    permission: 'privacyRequests.read',
  }),
  'privacyRequests.get': channel({ input: z.object({ id }).strict(), output: requestDetailSchema, permission: 'privacyRequests.read' }),
  'privacyRequests.create': channel({
    input: z
      .object({
        type: requestTypeSchema,
        receivedOn: isoDay,
        channel: z.enum(REQUEST_CHANNELS),
        summary: z.string().trim().max(REQUEST_TEXT_MAX).default(''),
        customerIds: z.array(id).max(20).default([]),
        handler: z.string().trim().min(1).max(64).nullable().default(null),
      })
      .strict(),
    output: requestDetailSchema,
    permission: 'privacyRequests.write',
  }),
  'privacyRequests.act': channel({ input: requestActionSchema, output: requestDetailSchema, permission: 'privacyRequests.write' }),
  // The dashboard card: counts and dates only, no customer data.
  'privacyRequests.summary': channel({
    input: empty,
    output: z.object({
      open: z.number().int(),
      overdue: z.number().int(),
      nearest: z.object({ id: z.number().int(), type: requestTypeSchema, deadline: deadlineKind, dueOn: z.string(), daysLeft: z.number().int() }).nullable(),
      dueSoon: z.array(z.object({ id: z.number().int(), type: requestTypeSchema, deadline: deadlineKind, dueOn: z.string(), daysLeft: z.number().int(), mine: z.boolean() })),
    }),
    permission: 'privacyRequests.read',
  }),
  'privacyRequests.settings': channel({
    input: z.object({ year: z.number().int().min(2000).max(2100).optional() }).strict(),
    output: z.object({
      regime: z.enum(PRIVACY_REGIMES),
      rules: z.array(deadlineRuleSchema),
      year: z.number().int(),
      /** verify: a shipped day not yet confirmed (the provisional 2027 table); an owner's edit clears it. */
      days: z.array(z.object({ day: z.string(), kind: z.enum(DAY_KINDS), name: z.string(), verify: z.boolean() })),
      handlers: z.array(z.object({ username: z.string(), displayName: z.string() })),
    }),
    permission: 'privacyRequests.read',
  }),
  // The reply to the requester, written in main from the request (type, outcome, dates, refusal
  // reason) with the owner's privacy contact; the customer appears masked (王*) and nothing else of theirs.
  'privacyRequests.reply': channel({
    input: z.object({ id, language: z.enum(LOCALES) }).strict(),
    output: z.object({ language: z.enum(LOCALES), text: z.string(), contactNamed: z.boolean() }),
    permission: 'privacyRequests.write',
  }),
  'privacyRequests.setRule': channel({ input: deadlineRuleSchema, output: z.object({ saved: z.literal(true) }), permission: 'settings.manage' }),
  'privacyRequests.setDay': channel({
    input: z.object({ day: isoDay, kind: z.enum(DAY_KINDS).nullable(), name: z.string().trim().max(50).default('') }).strict(),
    output: z.object({ saved: z.literal(true) }),
    permission: 'settings.manage',
  }),
} as const;
