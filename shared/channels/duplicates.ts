import { duplicateCheckInputSchema, duplicateCheckResultSchema } from '../duplicates';
import { channel } from './common';

/** Duplicate detection: whoever may create or change customers may ask before saving. */
export const duplicateChannels = {
  'customers.checkDuplicates': channel({ input: duplicateCheckInputSchema, output: duplicateCheckResultSchema, permission: 'customers.write' }),
};
