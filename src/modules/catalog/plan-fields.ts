import { z } from 'zod';
import {
  billingUnits,
  changeTimings,
  entitlementKeyField,
  minorUnitsField,
  nameField,
} from './catalog-fields.js';

/** What can change on a plan after it is created (its code and billing interval cannot). */
export const planSettingsFields = {
  name: nameField,
  trialDays: z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(0, 'must not be negative')
    .max(730, 'must be at most 730'),
  entitlementKeys: z.array(entitlementKeyField).max(50, 'at most 50 keys'),
  creditsPerPeriod: minorUnitsField(1).nullable(),
  creditUnit: z
    .string()
    .trim()
    .min(1, 'is required with credits')
    .max(40, 'must be at most 40 characters')
    .nullable(),
  upgradeTiming: z.enum(changeTimings, { error: 'must be immediately or period_end' }),
  downgradeTiming: z.enum(changeTimings, { error: 'must be immediately or period_end' }),
  // Whether a customer who already had a trial of the product (on any of its plans) gets another.
  oneTrialPerCustomer: z.boolean({ error: 'must be true or false' }),
  // How long after a cancellation the customer may take the subscription back; 0: never.
  reactivationGraceDays: z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(0, 'must not be negative')
    .max(3650, 'must be at most 3650'),
};

export const intervalFields = {
  intervalUnit: z.enum(billingUnits, { error: `must be one of ${billingUnits.join(', ')}` }),
  intervalCount: z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(365, 'must be at most 365'),
};

/** Credits come as an amount and a unit together, or not at all. */
export function creditsProblem(
  credits: bigint | null | undefined,
  unit: string | null | undefined,
): Record<string, string> | undefined {
  if ((credits ?? null) !== null && !unit)
    return { creditUnit: 'is required with credits (e.g. credits, GPU minutes)' };
  if ((credits ?? null) === null && unit) return { creditsPerPeriod: 'is required with a credit unit' };
  return undefined;
}
