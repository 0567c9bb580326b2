import { z } from 'zod';
import { backupProgressSchema } from '../backup';
import { LIST_LENGTH_MAX, MANAGED_LISTS, managedListsSchema, SHOP_CURRENCIES, SHOP_NAME_MAX, shopProfileSchema } from '../shop';
import { channel, empty } from './common';

const listValue = z.string().trim().min(1).max(100);
const list = z.enum(MANAGED_LISTS);

/** Settings: the shop profile and the managed lists; and the running backup's progress. */
export const settingsProfileChannels = {
  // Every signed-in user sees the shop's name and money in its currency.
  'settings.shopProfile': channel({ input: empty, output: shopProfileSchema, permission: 'account.self' }),
  'settings.setShopProfile': channel({
    input: z.object({ name: z.string().trim().min(1).max(SHOP_NAME_MAX), currency: z.enum(SHOP_CURRENCIES) }).strict(),
    output: shopProfileSchema,
    permission: 'settings.manage',
  }),
  // What the customer form and the list filters offer.
  'settings.lists': channel({ input: empty, output: managedListsSchema, permission: 'customers.read' }),
  'settings.editList': channel({
    input: z.discriminatedUnion('op', [
      z.object({ list, op: z.literal('add'), value: listValue }).strict(),
      z.object({ list, op: z.literal('rename'), from: listValue, to: listValue }).strict(),
      // moveTo: for a level that customers have, the level they move to.
      z.object({ list, op: z.literal('remove'), value: listValue, moveTo: listValue.optional() }).strict(),
      z.object({ list, op: z.literal('order'), values: z.array(listValue).max(LIST_LENGTH_MAX) }).strict(),
    ]),
    output: z.object({ lists: managedListsSchema, customersChanged: z.number().int() }),
    permission: 'settings.manage',
  }),
  // Polled by the Backups page only while a job runs.
  'backup.progress': channel({ input: empty, output: backupProgressSchema.nullable(), permission: 'backup.run' }),
} as const;
