import { z } from 'zod';
import type { ChargeLine, SubscriptionCharge } from '../../../modules/subscriptions/index.js';

/**
 * Money that subscriptions move travels as a string of minor units. Catalog prices are JSON
 * integers because the catalog caps them at 10^15; a price × quantity (up to 10,000) or a sum of
 * lines can pass 2^53, where JSON numbers stop being exact.
 */
export const minorUnitsString = z
  .string()
  .describe('Whole minor units as a string of digits, exact at any size; negative = credit. "-500" = −$5.00');

export const moneyJson = z
  .object({ amount: minorUnitsString, currency: z.string() })
  .meta({ id: 'MoneyAmount' });

// Every kind the engine books, with what it means; the Record makes the compiler ask for new ones.
const chargeKindMeanings: Record<ChargeLine['kind'], string> = {
  proration_charge: 'the rest of the period on the new plan, quantity or add-on',
  proration_credit: 'the unused rest of the period on the old plan, quantity or add-on',
  cancellation_credit: 'the unused rest of a period canceled now',
  period_charge: 'a whole period of the plan (at renewal, trial end, a new interval or a reactivation)',
  addon_charge: 'a whole period of an add-on line',
  setup_fee: "the plan's one-time setup fee, with the first subscription",
};
const chargeKinds = Object.keys(chargeKindMeanings) as [ChargeLine['kind'], ...ChargeLine['kind'][]];

export const chargeLineJson = z
  .object({
    kind: z.enum(chargeKinds).describe(
      Object.entries(chargeKindMeanings)
        .map(([kind, meaning]) => `${kind}: ${meaning}`)
        .join('; '),
    ),
    description: z.string(),
    amount: minorUnitsString,
    currency: z.string(),
    periodStart: z.string(),
    periodEnd: z.string(),
  })
  .meta({ id: 'SubscriptionChargeLine' });

/** A charge line as the engine books it, not yet on an invoice. */
export const subscriptionChargeJson = chargeLineJson
  .extend({
    id: z.string().describe('A 64-bit sequence number as a string; later bookings have larger ones'),
    createdAt: z.string().describe("When it was booked (the subscription's time)"),
  })
  .meta({ id: 'SubscriptionCharge' });

export function toChargeLineJson(line: ChargeLine): z.infer<typeof chargeLineJson> {
  return {
    kind: line.kind,
    description: line.description,
    amount: line.amount.toString(),
    currency: line.currency,
    periodStart: line.periodStart.toISOString(),
    periodEnd: line.periodEnd.toISOString(),
  };
}

export function toSubscriptionChargeJson(charge: SubscriptionCharge): z.infer<typeof subscriptionChargeJson> {
  return { ...toChargeLineJson(charge), id: charge.id.toString(), createdAt: charge.createdAt.toISOString() };
}
