import { z } from 'zod';
import { approvalIdField } from '../approvals';
import { customerFieldStateSchema, switchableFieldSchema } from '../customer-fields';
import { disclosureViewSchema } from '../disclosures';
import { PRIVACY_CONTACT_MAX, PRIVACY_REGIMES, privacySettingsSchema } from '../privacy';
import { channel, empty } from './common';

/**
 * Issue 16, minimisation stream: the privacy regime and contact, the per-field switches of
 * customer data (with their class), support's view of notes, and the register of disclosures.
 */
export const privacySettingsChannels = {
  // Any signed-in user: the privacy contact is shown wherever the app shows privacy text.
  'privacy.settings': channel({ input: empty, output: privacySettingsSchema, permission: 'account.self' }),
  'privacy.setSettings': channel({
    input: z
      .object({
        regime: z.enum(PRIVACY_REGIMES),
        contactName: z.string().trim().max(PRIVACY_CONTACT_MAX),
        contactReach: z.string().trim().max(PRIVACY_CONTACT_MAX),
      })
      .strict(),
    output: privacySettingsSchema,
    permission: 'settings.manage',
  }),
  // Owner, manager and auditor, like the audit log: who received customer data, and why.
  'privacy.disclosures': channel({
    input: z.object({ beforeId: z.number().int().positive().optional(), limit: z.number().int().min(1).max(500).default(100) }).strict(),
    output: z.array(disclosureViewSchema),
    permission: 'audit.read',
  }),
  // The form, the list and the export dialog read which fields the vault keeps.
  'settings.fields': channel({
    input: empty,
    output: z.object({ fields: z.array(customerFieldStateSchema), notesForSupport: z.boolean() }),
    permission: 'customers.read',
  }),
  // How many customers hold a value: the number the owner types to confirm an erase.
  'settings.fieldStoredCount': channel({
    input: z.object({ field: switchableFieldSchema }).strict(),
    output: z.object({ field: switchableFieldSchema, count: z.number().int() }),
    permission: 'settings.manage',
  }),
  'settings.setField': channel({
    input: z
      .object({
        field: switchableFieldSchema,
        enabled: z.boolean(),
        // Only when switching off: erase every stored value; expectCount is the number confirmed.
        erase: z.object({ expectCount: z.number().int().min(0) }).strict().optional(),
        // An erase is a bulk erasure: gated by four-eyes approval by default (approvalId).
        approvalId: approvalIdField,
      })
      .strict(),
    output: z.object({ field: switchableFieldSchema, enabled: z.boolean(), erased: z.number().int() }),
    permission: 'settings.manage',
  }),
  'settings.setNotesForSupport': channel({
    input: z.object({ allowed: z.boolean() }).strict(),
    output: z.object({ notesForSupport: z.boolean() }),
    permission: 'settings.manage',
  }),
} as const;
