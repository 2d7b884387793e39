import { z } from 'zod';
import {
  currencyField,
  descriptionField,
  entitlementKeyField,
  minorUnitsField,
  nameField,
} from './catalog-fields.js';
import { intervalFields } from './plan-fields.js';

/** The units an add-on price can repeat by: add-ons ride on recurring plans, so never one_time. */
export const addonIntervalUnits = ['day', 'week', 'month', 'year'] as const;

/** What can change on an add-on after it is created (its code and product cannot). */
export const addonSettingsFields = {
  name: nameField,
  description: descriptionField,
  // Blank means "no group": an add-on that stands on its own.
  optionGroup: z
    .string({ error: 'must be text' })
    .trim()
    .max(60, 'must be at most 60 characters')
    .nullable()
    .transform((group) => (group === '' ? null : group)),
  maxQuantity: z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(1000, 'must be at most 1000'),
  entitlementKeys: z.array(entitlementKeyField).max(50, 'at most 50 keys'),
};

/** One price of an add-on: an amount in a currency for one billing interval. */
export const addonPriceInput = z.object({
  currency: currencyField,
  intervalUnit: z.enum(addonIntervalUnits, { error: `must be one of ${addonIntervalUnits.join(', ')}` }),
  intervalCount: intervalFields.intervalCount.default(1),
  amount: minorUnitsField(1),
});

export type AddonPriceInput = z.input<typeof addonPriceInput>;

/** "USD 3 month": which price a version belongs to (currency and interval), for audit rows and duplicate checks. */
export function addonPriceKey(price: { currency: string; intervalUnit: string; intervalCount: number }) {
  return `${price.currency} ${price.intervalCount} ${price.intervalUnit}`;
}
