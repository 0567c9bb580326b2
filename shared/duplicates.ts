import { z } from 'zod';

const optional = (max: number) => z.string().trim().max(max).optional();

/** What the customer form (or an import row) has typed so far; every field optional. */
export const duplicateCheckInputSchema = z
  .object({
    mobile: optional(32),
    phone: optional(32),
    email: optional(254),
    name: optional(100),
    company: optional(200),
    city: optional(50),
    /** The customer being edited, so it is not its own duplicate. */
    excludeId: z.number().int().positive().optional(),
  })
  .strict();
export type DuplicateCheckInput = z.infer<typeof duplicateCheckInputSchema>;

const briefSchema = z.object({ id: z.number().int(), name: z.string() });

export const duplicateCheckResultSchema = z.object({
  /** Same phone or e-mail, within the caller's scope. */
  duplicates: z.array(briefSchema),
  /** Same name and company or city, within the caller's scope. */
  possible: z.array(briefSchema),
  /** A same phone or e-mail belongs to a customer the caller may not see: ask a manager. */
  outOfScope: z.boolean(),
});
export type DuplicateCheckResult = z.infer<typeof duplicateCheckResultSchema>;
