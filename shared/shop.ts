import { z } from 'zod';
import { levelKeySchema } from './customers';

/**
 * The currencies a shop can price in: the ones Coffer's shops trade in most (mainland China,
 * Hong Kong, Macau, Taiwan, and their usual trading partners). ISO 4217 codes; Intl names them
 * in the user's language, so no list of names is kept here.
 */
export const SHOP_CURRENCIES = ['CNY', 'HKD', 'MOP', 'TWD', 'USD', 'EUR', 'GBP', 'JPY', 'KRW', 'SGD', 'MYR', 'THB', 'AUD', 'CAD', 'CHF', 'NZD'] as const;
export type ShopCurrency = (typeof SHOP_CURRENCIES)[number];
export const DEFAULT_CURRENCY: ShopCurrency = 'CNY';
export const SHOP_NAME_MAX = 60;

export const shopProfileSchema = z.object({ name: z.string(), currency: z.enum(SHOP_CURRENCIES) });
export type ShopProfile = z.infer<typeof shopProfileSchema>;

/** The lists the owner manages in Settings; customers keep the plain value (a tag, a region, a level key). */
export const MANAGED_LISTS = ['tag', 'level', 'region'] as const;
export type ManagedList = (typeof MANAGED_LISTS)[number];
/** The same limits as the customer fields these values go into (shared/customers.ts). */
export const LIST_VALUE_MAX: Record<ManagedList, number> = { tag: 40, level: 40, region: 100 };
export const LIST_LENGTH_MAX = 200;

export const managedListsSchema = z.object({
  tags: z.array(z.string()),
  regions: z.array(z.string()),
  // Levels in the owner's order: value is the key customers store, label the owner's name for
  // it. A null label (a built-in level never renamed) reads as the app's own word, in the user's language.
  levels: z.array(z.object({ value: levelKeySchema, label: z.string().nullable() })),
});
export type ManagedLists = z.infer<typeof managedListsSchema>;
