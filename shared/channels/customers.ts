import { z } from 'zod';
import { amountMinorSchema } from './activity';
import { CUSTOMER_SORTS, SENSITIVE_CUSTOMER_FIELDS, customerChangesSchema, customerFiltersSchema, customerViewSchema } from '../customers';
import { customerCreateSchema } from '../customers';
import { channel } from './common';

/** Customers, their timeline, and the audited reveal. */
export const customerChannels = {
  'customers.list': channel({
    input: z
      .object({
        filters: customerFiltersSchema.optional(),
        sort: z.enum(CUSTOMER_SORTS).default('name'),
        dir: z.enum(['asc', 'desc']).default('asc'),
        // A name's sort key is its pinyin plus the name: longer than the name itself.
        after: z.object({ value: z.string().max(1000), id: z.number().int().positive() }).strict().optional(),
        // A page by position, for a jump (the scroll bar dragged to the end): the table is sized to the total.
        offset: z.number().int().min(0).max(10_000_000).optional(),
        limit: z.number().int().min(1).max(200).default(50),
      })
      .strict()
      .refine((v) => v.after === undefined || v.offset === undefined, { message: 'after_or_offset', path: ['offset'] }),
    output: z.object({
      items: z.array(customerViewSchema),
      next: z.object({ value: z.string(), id: z.number().int() }).nullable(),
      /** How many match, on the first page and on every page by position (null on later keyset pages). */
      total: z.number().int().nullable(),
    }),
    permission: 'customers.read',
  }),
  'customers.search': channel({
    // 201: the list asks for one more than it shows, to say "200+ matches" only when there are more.
    input: z.object({ query: z.string().trim().min(1).max(100), filters: customerFiltersSchema.optional(), limit: z.number().int().min(1).max(201).default(50) }).strict(),
    output: z.array(customerViewSchema),
    permission: 'customers.read',
  }),
  'customers.get': channel({
    input: z.object({ id: z.number().int().positive() }).strict(),
    output: customerViewSchema,
    permission: 'customers.read',
  }),
  // newConsent: owner only, for a person on the decision ledger (PERSON_ERASED otherwise).
  'customers.create': channel({ input: customerCreateSchema, output: customerViewSchema, permission: 'customers.write' }),
  'customers.update': channel({
    input: z.object({ id: z.number().int().positive(), changes: customerChangesSchema,
      // A correction request (issue 16) this edit answers: checked, and named in the audit row and the request's history.
      requestId: z.number().int().positive().optional(),
    }).strict(),
    output: customerViewSchema,
    permission: 'customers.write',
  }),
  'customers.delete': channel({
    input: z.object({ id: z.number().int().positive() }).strict(),
    output: z.object({ deleted: z.literal(true) }),
    permission: 'customers.delete',
  }),
  'customers.tag': channel({
    input: z
      .object({
        ids: z.array(z.number().int().positive()).min(1).max(500),
        add: z.array(z.string().trim().min(1).max(40)).max(10).default([]),
        remove: z.array(z.string().trim().min(1).max(40)).max(10).default([]),
      })
      .strict()
      .refine((v) => v.add.length + v.remove.length > 0, { message: 'empty', path: ['add'] }),
    output: z.object({ changed: z.number().int() }),
    permission: 'customers.write',
  }),
  'customers.tags': channel({
    input: z.object({}).strict(),
    output: z.array(z.object({ tag: z.string(), count: z.number().int() })),
    permission: 'customers.read',
  }),
  'customers.deleted': channel({
    input: z.object({ limit: z.number().int().min(1).max(500).default(100) }).strict(),
    output: z.array(z.object({ id: z.number().int(), name: z.string(), ownerUsername: z.string(), deletedAt: z.string() })),
    permission: 'customers.delete',
  }),
  'customers.restore': channel({
    input: z.object({ id: z.number().int().positive() }).strict(),
    output: z.object({ restored: z.literal(true) }),
    permission: 'customers.delete',
  }),
  'customers.timeline': channel({
    input: z.object({ id: z.number().int().positive(), limit: z.number().int().min(1).max(500).default(100) }).strict(),
    output: z.array(
      z.object({
        type: z.enum(['interaction', 'purchase']),
        id: z.number().int(),
        at: z.string(),
        kind: z.string(),
        text: z.string(),
        amountMinor: z.number().int().nullable(),
        currency: z.string().nullable(),
        byUsername: z.string(),
        // The summary is free text the owner withholds from support (text is then empty).
        withheld: z.literal(true).optional(),
      }),
    ),
    permission: 'interactions.read',
  }),
  'interactions.add': channel({
    input: z
      .object({
        customerId: z.number().int().positive(),
        kind: z.enum(['call', 'email', 'wechat', 'visit', 'service', 'feedback', 'note']),
        at: z.iso.datetime(),
        summary: z.string().trim().min(1).max(2000),
      })
      .strict(),
    output: z.object({ id: z.number().int() }),
    permission: 'interactions.write',
  }),
  'purchases.add': channel({
    input: z
      .object({
        customerId: z.number().int().positive(),
        date: z.iso.date(),
        item: z.string().trim().min(1).max(200),
        // Integer minor units (fen, cents): no floating-point money; each bad amount says why.
        amountMinor: amountMinorSchema,
        currency: z.string().regex(/^[A-Z]{3}$/),
        note: z.string().trim().max(500).optional(),
      })
      .strict(),
    output: z.object({ id: z.number().int() }),
    permission: 'purchases.write',
  }),
  'customers.reveal': channel({
    input: z
      .object({
        id: z.number().int().positive(),
        field: z.enum(SENSITIVE_CUSTOMER_FIELDS),
        // Why the full value is needed; kept in the audit log, so it must say something.
        reason: z.string().trim().min(3).max(200),
      })
      .strict(),
    // The one output that carries a full sensitive value, on purpose, after its own check.
    output: z.object({ value: z.string() }),
    permission: 'customers.reveal',
  }),
} as const;
