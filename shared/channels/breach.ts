import { z } from 'zod';
import { approvalIdField } from '../approvals';
import {
  BREACH_CATEGORIES,
  BREACH_EVENT_KINDS,
  BREACH_NOTE_MAX,
  BREACH_SOURCES,
  BREACH_STATUSES,
  breachClockSchema,
  breachFieldsSchema,
  breachRegimeSchema,
  NOTICE_AUDIENCES,
  NOTICE_LANGUAGES,
  SENT_CHANNELS,
} from '../breach';
import { channel, empty, password } from './common';

const id = z.number().int().positive();
const instant = z.string().datetime({ offset: true });

export const breachItemSchema = z.object({
  id: z.number().int(),
  summary: z.string(),
  discoveredAt: z.string(),
  source: z.enum(BREACH_SOURCES),
  status: z.enum(BREACH_STATUSES),
  regime: breachRegimeSchema,
  clocks: z.array(breachClockSchema),
  overdue: z.boolean(),
});
export type BreachItem = z.infer<typeof breachItemSchema>;

const categoryCounts = z.object(Object.fromEntries(BREACH_CATEGORIES.map((c) => [c, z.number().int()])) as Record<(typeof BREACH_CATEGORIES)[number], z.ZodNumber>);

export const breachDetailSchema = breachItemSchema.extend({
  occurredAt: z.string().nullable(),
  categories: z.array(z.enum(BREACH_CATEGORIES)),
  username: z.string().nullable(),
  firstReport: z.boolean(),
  actionsTaken: z.string(),
  authorityHours: z.number().int(),
  windowFrom: z.string().nullable(),
  windowTo: z.string().nullable(),
  evidenceSha256: z.string().nullable(),
  events: z.array(z.object({ at: z.string(), by: z.string().nullable(), kind: z.enum(BREACH_EVENT_KINDS), detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])) })),
  affected: z.object({
    total: z.number().int(),
    seen: z.number().int(),
    revealed: z.number().int(),
    exported: z.number().int(),
    categories: categoryCounts,
    /** Customer names for the roles that see every customer (owner, manager); ids stay when a customer was erased. */
    customers: z.array(z.object({ id: z.number().int(), name: z.string().nullable(), seen: z.boolean(), revealed: z.array(z.string()), exported: z.array(z.string()) })),
  }),
});
export type BreachDetail = z.infer<typeof breachDetailSchema>;

const savedFile = z.discriminatedUnion('status', [
  z.object({ status: z.literal('cancelled') }),
  z.object({ status: z.literal('saved'), sha256: z.string() }),
]);

/**
 * The breach register (issue 17). The owner keeps it; a manager reads it. Containment runs the
 * same services (and approval gate) as the Users page and the key rotation, and the record's
 * timeline logs each step; files are written by main after a save dialog.
 */
export const breachChannels = {
  'breach.list': channel({ input: z.object({ filter: z.enum(['open', 'all']).default('open') }).strict(), output: z.array(breachItemSchema), permission: 'breach.read' }),
  'breach.get': channel({ input: z.object({ id }).strict(), output: breachDetailSchema, permission: 'breach.read' }),
  'breach.create': channel({ input: breachFieldsSchema.strict(), output: breachDetailSchema, permission: 'breach.manage' }),
  'breach.update': channel({ input: breachFieldsSchema.extend({ id }).strict(), output: breachDetailSchema, permission: 'breach.manage' }),
  'breach.setStatus': channel({
    input: z.object({ id, status: z.enum(BREACH_STATUSES), note: z.string().trim().max(BREACH_NOTE_MAX).default('') }).strict(),
    output: breachDetailSchema,
    permission: 'breach.manage',
  }),
  // Containment: disable the account involved, end its sessions, or rotate the database key.
  'breach.contain': channel({
    input: z
      .object({
        id,
        action: z.enum(['disable-user', 'end-sessions', 'rotate-key']),
        // rotate-key: the owner's password (re-authentication, as in Settings); disable-user of an owner: ownerPassword.
        password: password.optional(),
        ownerPassword: password.optional(),
        approvalId: approvalIdField,
      })
      .strict(),
    output: z.object({ detail: breachDetailSchema, sessionsEnded: z.number().int() }),
    permission: 'breach.manage',
  }),
  'breach.affected': channel({
    input: z.object({ id, username: z.string().trim().min(1).max(64), from: instant, to: instant }).strict(),
    output: breachDetailSchema,
    permission: 'breach.manage',
  }),
  // The account's sign-ins (one may be taken as the window): times only, from the audit log.
  'breach.signIns': channel({
    input: z.object({ id, username: z.string().trim().min(1).max(64) }).strict(),
    output: z.array(z.object({ loginId: z.number().int(), startedAt: z.string(), endedAt: z.string().nullable() })),
    permission: 'breach.manage',
  }),
  // The contact list of the affected customers, through the customer export (its masking, audit and approval gate).
  'breach.exportContacts': channel({
    input: z.object({ id, format: z.enum(['xlsx', 'csv']), approvalId: approvalIdField }).strict(),
    output: z.discriminatedUnion('status', [z.object({ status: z.literal('cancelled') }), z.object({ status: z.literal('saved'), rows: z.number().int() })]),
    permission: 'breach.manage',
  }),
  'breach.notice': channel({
    input: z.object({ id, audience: z.enum(NOTICE_AUDIENCES), language: z.enum(NOTICE_LANGUAGES) }).strict(),
    output: savedFile,
    permission: 'breach.manage',
  }),
  'breach.logSent': channel({
    input: z
      .object({
        id,
        audience: z.enum(NOTICE_AUDIENCES),
        channel: z.enum(SENT_CHANNELS),
        sentAt: instant,
        count: z.number().int().min(0).max(10_000_000),
        reference: z.string().trim().max(200).default(''),
      })
      .strict(),
    output: breachDetailSchema,
    permission: 'breach.manage',
  }),
  // One file: the incident, its timeline, the audit slice with the chain's verify result and head.
  'breach.evidence': channel({ input: z.object({ id }).strict(), output: savedFile, permission: 'breach.manage' }),
  // The dashboard's reminder: counts and the nearest deadline, no incident text.
  'breach.summary': channel({
    input: empty,
    output: z.object({
      open: z.number().int(),
      overdue: z.number().int(),
      nearest: z.object({ id: z.number().int(), kind: breachClockSchema.shape.kind, dueAt: z.string(), minutesLeft: z.number().int() }).nullable(),
    }),
    permission: 'breach.read',
  }),
  'breach.settings': channel({ input: empty, output: z.object({ regime: breachRegimeSchema, immediateHours: z.number().int() }), permission: 'breach.read' }),
  'breach.setImmediateHours': channel({ input: z.object({ hours: z.number().int().min(1).max(720) }).strict(), output: z.object({ saved: z.literal(true) }), permission: 'settings.manage' }),
} as const;
