import { z } from 'zod';
import { NOTICE_TEXT_MAX, consentEventSchema, consentRecordInput, consentStateSchema, privacyNoticeSchema } from '../consent';
import { PRIVACY_REGIMES } from '../privacy';
import { channel, empty } from './common';

/**
 * Consent and lawful basis (issue 16). Recording is one channel for grant, renewal and withdrawal:
 * the history is append-only, so "withdraw" is a new event, never an edit.
 */
export const consentChannels = {
  // A customer's consent: current state per purpose (derived) and the full history, newest first.
  'consent.history': channel({
    input: z.object({ customerId: z.number().int().positive() }).strict(),
    output: z.object({ regime: z.enum(PRIVACY_REGIMES), states: z.array(consentStateSchema), events: z.array(consentEventSchema), canRecord: z.boolean() }),
    permission: 'consent.read',
  }),
  'consent.record': channel({
    input: consentRecordInput,
    output: z.object({ id: z.number().int() }),
    permission: 'consent.write',
  }),
  // Customers with no consent event at all, in the caller's scope.
  'consent.missing': channel({
    input: z.object({ offset: z.number().int().min(0).max(1_000_000), limit: z.number().int().min(1).max(200) }).strict(),
    output: z.object({ items: z.array(z.object({ id: z.number().int(), name: z.string(), owner: z.string() })), total: z.number().int() }),
    permission: 'consent.read',
  }),
  // The regime's lawful bases and every privacy-notice version (newest first): for the dialog and the print view.
  'consent.notices': channel({
    input: empty,
    output: z.object({ regime: z.enum(PRIVACY_REGIMES), bases: z.array(z.string()), notices: z.array(privacyNoticeSchema) }),
    permission: 'consent.read',
  }),
  'consent.addNotice': channel({
    input: z.object({ text: z.string().trim().min(1).max(NOTICE_TEXT_MAX), effectiveDate: z.iso.date() }).strict(),
    output: z.object({ version: z.number().int() }),
    permission: 'settings.manage',
  }),
} as const;
